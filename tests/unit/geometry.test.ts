import { describe, expect, it } from "vitest";
import { cellName, centreCell, clampPoint, distanceToCell, freeSpot, inCell, movePoint, percentOf, pointAt, stepCell } from "../../lib/board/geometry";
import { cellOf } from "../../lib/board/grid";
import { ALIGNMENT_GRID, DEFAULT_BLANK_GRID } from "../../lib/board/templates";

const size3 = { rows: 3, columns: 3 };
const box = { left: 100, top: 50, width: 300, height: 600 };

describe("grid geometry", () => {
  it("names the middle cell, from which every cell is a few arrow keys away", () => {
    expect(centreCell({ rows: 3, columns: 3 })).toEqual({ row: 1, col: 1 });
    expect(centreCell({ rows: 2, columns: 2 })).toEqual({ row: 0, col: 0 });
    expect(centreCell({ rows: 5, columns: 4 })).toEqual({ row: 2, col: 1 });
  });

  it("maps a screen position inside the cell area to continuous grid coordinates", () => {
    expect(pointAt(box, 100, 50, size3)).toEqual({ col: 0, row: 0 });
    expect(pointAt(box, 250, 350, size3)).toEqual({ col: 1.5, row: 1.5 });
    // Cells need not be square: the same share of width and height gives the same coordinate.
    expect(pointAt(box, 175, 200, size3)).toEqual({ col: 0.75, row: 0.75 });
  });

  it("returns null outside the cell area, including on its far edges", () => {
    expect(pointAt(box, 99.9, 200, size3)).toBeNull();
    expect(pointAt(box, 200, 49, size3)).toBeNull();
    expect(pointAt(box, 400, 200, size3)).toBeNull();
    expect(pointAt(box, 200, 650, size3)).toBeNull();
    expect(pointAt({ ...box, width: 0 }, 100, 50, size3)).toEqual(null);
  });

  it("never rounds a point over a cell boundary", () => {
    // 99.96 px of a 300 px, 3-column area is column 0.9996: still the first column.
    const p = pointAt(box, 199.96, 60, size3)!;
    expect(cellOf(p, size3)).toEqual({ row: 0, col: 0 });
    expect(p.col).toBe(0.999);
    expect(clampPoint({ col: 1.99999, row: 2.9999 }, size3)).toEqual({ col: 1.999, row: 2.999 });
    expect(clampPoint({ col: 2.0001, row: 0 }, size3)).toEqual({ col: 2, row: 0 });
  });

  it("keeps points strictly inside the grid so floor() always names a real cell", () => {
    const p = clampPoint({ col: 3, row: 7 }, size3);
    expect(p.col).toBeLessThan(3);
    expect(p.row).toBeLessThan(3);
    expect(cellOf(p, size3)).toEqual({ row: 2, col: 2 });
    expect(clampPoint({ col: -1, row: 1.23456 }, size3)).toEqual({ col: 0, row: 1.235 });
    // Just left of a cell boundary stays in the left cell; on it, the right one.
    expect(cellOf({ col: 0.9999, row: 0 }, size3)).toEqual({ row: 0, col: 0 });
    expect(cellOf({ col: 1, row: 0 }, size3)).toEqual({ row: 0, col: 1 });
  });

  it("steps between cells and stops at the edges", () => {
    expect(stepCell({ row: 0, col: 0 }, "left", size3)).toEqual({ row: 0, col: 0 });
    expect(stepCell({ row: 0, col: 0 }, "right", size3)).toEqual({ row: 0, col: 1 });
    expect(stepCell({ row: 2, col: 2 }, "down", size3)).toEqual({ row: 2, col: 2 });
    expect(stepCell({ row: 1, col: 3 }, "up", { rows: 2, columns: 5 })).toEqual({ row: 0, col: 3 });
  });

  it("moves a carried point a whole cell, keeping its place within the cell, or nudges it", () => {
    expect(movePoint({ col: 0.25, row: 0.75 }, "right", size3)).toEqual({ col: 1.25, row: 0.75 });
    expect(movePoint({ col: 2.25, row: 0.75 }, "right", size3)).toEqual({ col: 2.25, row: 0.75 });
    expect(movePoint({ col: 1.5, row: 1.5 }, "left", size3, 0.1)).toEqual({ col: 1.4, row: 1.5 });
    // A nudge may cross into the next cell, but never out of the grid.
    expect(cellOf(movePoint({ col: 1.95, row: 0.5 }, "right", size3, 0.1), size3)).toEqual({ row: 0, col: 2 });
    expect(movePoint({ col: 0.05, row: 0.5 }, "left", size3, 0.1)).toEqual({ col: 0, row: 0.5 });
    expect(inCell({ col: 0.3, row: 0.6 }, { row: 2, col: 1 }, size3)).toEqual({ col: 1.3, row: 2.6 });
  });

  it("finds a free spot in a cell, away from notes already there", () => {
    expect(freeSpot({ row: 1, col: 2 }, [])).toEqual({ col: 2.5, row: 1.5 });
    const second = freeSpot({ row: 1, col: 2 }, [{ col: 2.5, row: 1.5 }]);
    expect(Math.hypot(second.col - 2.5, second.row - 1.5)).toBeGreaterThan(0.2);
    expect(cellOf(second, size3)).toEqual({ row: 1, col: 2 });
    // Even a crowded cell yields a spot inside it.
    const crowded = [0.25, 0.5, 0.75].flatMap((r) => [0.25, 0.5, 0.75].map((c) => ({ col: c, row: r })));
    expect(cellOf(freeSpot({ row: 0, col: 0 }, crowded), size3)).toEqual({ row: 0, col: 0 });
  });

  it("measures the distance from a point to a cell's centre in cell units", () => {
    expect(distanceToCell({ col: 1.5, row: 1.5 }, { row: 1, col: 1 })).toBe(0);
    expect(distanceToCell({ col: 1.5, row: 1.5 }, { row: 0, col: 1 })).toBe(1);
    expect(distanceToCell({ col: 0.5, row: 0.5 }, { row: 2, col: 2 })).toBeCloseTo(2 * Math.SQRT2);
  });

  it("names cells as '<row>, <column>' and places points as percentages", () => {
    expect(cellName(ALIGNMENT_GRID, { row: 0, col: 2 })).toBe("Engineering, Worst-case");
    expect(cellName(DEFAULT_BLANK_GRID, { row: 1, col: 0 })).toBe(
      `${DEFAULT_BLANK_GRID.rows[1]!.label}, ${DEFAULT_BLANK_GRID.columns[0]!.label}`,
    );
    expect(percentOf({ col: 1.5, row: 0.75 }, size3)).toEqual({ left: 50, top: 25 });
  });
});
