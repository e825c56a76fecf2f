import { describe, expect, it } from "vitest";
import type { Cell } from "../../lib/board/schema";
import { commonCell, describeCommonCell } from "../../lib/stats/common-cell";

const grid3 = { rows: 3, columns: 3 };
const name = (c: Cell) => `r${c.row}c${c.col}`;

describe("commonCell", () => {
  it("is null when nobody placed the item", () => {
    expect(commonCell([], grid3)).toBeNull();
  });

  it("says there is none when three people chose three different cells", () => {
    const common = commonCell(
      [
        { col: 0.5, row: 0.5 },
        { col: 1.5, row: 0.5 },
        { col: 2.5, row: 2.5 },
      ],
      grid3,
    );
    expect(common).toEqual({ kind: "none", n: 3 });
    expect(describeCommonCell(common!, name)).toBe("no common cell");
  });

  it("says there is none for two placements in two cells", () => {
    expect(commonCell([{ col: 0.5, row: 0.5 }, { col: 2.5, row: 2.5 }], grid3)).toEqual({ kind: "none", n: 2 });
  });

  it("names the one cell of a single placement", () => {
    const common = commonCell([{ col: 2.5, row: 1.5 }], grid3);
    expect(common).toEqual({ kind: "cell", cell: { row: 1, col: 2 }, count: 1, share: 1 });
    expect(describeCommonCell(common!, name)).toBe("r1c2 (100 %)");
  });

  it("names the cell that holds the most, with its share", () => {
    const common = commonCell(
      [
        { col: 0.5, row: 0.5 },
        { col: 2.5, row: 2.5 },
        { col: 2.2, row: 2.7 },
      ],
      grid3,
    );
    expect(common).toEqual({ kind: "cell", cell: { row: 2, col: 2 }, count: 2, share: 2 / 3 });
    expect(describeCommonCell(common!, name)).toBe("r2c2 (67 %)");
  });

  it("says a group split evenly between two cells is split, naming both in row-major order", () => {
    const common = commonCell(
      [
        { col: 2.5, row: 2.5 },
        { col: 0.5, row: 0.5 },
        { col: 2.1, row: 2.9 },
        { col: 0.9, row: 0.1 },
      ],
      grid3,
    );
    expect(common).toEqual({ kind: "tie", cells: [{ row: 0, col: 0 }, { row: 2, col: 2 }], count: 2, share: 0.5, even: true });
    expect(describeCommonCell(common!, name)).toBe("split evenly between r0c0 and r2c2");
  });

  it("says the top cells tie when others hold fewer", () => {
    const common = commonCell(
      [
        { col: 0.5, row: 0.5 },
        { col: 0.5, row: 0.6 },
        { col: 1.5, row: 1.5 },
        { col: 1.5, row: 1.6 },
        { col: 2.5, row: 2.5 },
      ],
      grid3,
    );
    expect(common).toMatchObject({ kind: "tie", count: 2, share: 0.4, even: false });
    expect(describeCommonCell(common!, name)).toBe("tied between r0c0 and r1c1 (40 % each)");
  });

  it("lists three tied cells with a separator that cell names (which hold commas) cannot be confused with", () => {
    const points = [0.5, 1.5, 2.5].flatMap((x) => [
      { col: x, row: x },
      { col: x, row: x + 0.1 },
    ]);
    const common = commonCell(points, grid3)!;
    expect(describeCommonCell(common, (c) => `Row ${c.row}, Col ${c.col}`)).toBe("split evenly between Row 0, Col 0; Row 1, Col 1 and Row 2, Col 2");
  });

  it("counts on a non-square grid by its own column count", () => {
    const common = commonCell(
      [
        { col: 3.5, row: 1.5 },
        { col: 3.1, row: 1.9 },
        { col: 0.5, row: 0.5 },
      ],
      { rows: 2, columns: 5 },
    );
    expect(common).toEqual({ kind: "cell", cell: { row: 1, col: 3 }, count: 2, share: 2 / 3 });
  });
});
