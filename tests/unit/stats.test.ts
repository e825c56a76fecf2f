import { describe, expect, it } from "vitest";
import { cellCounts, computeStats, rankByContest, type ItemStats } from "../../lib/stats";

const grid3 = { rows: 3, columns: 3 };

describe("computeStats", () => {
  it("returns null for an item nobody has placed", () => {
    expect(computeStats([], grid3)).toBeNull();
  });

  it("treats a single placement as full agreement", () => {
    const s = computeStats([{ col: 1.5, row: 0.5 }], grid3)!;
    expect(s.n).toBe(1);
    expect(s.centroid).toEqual({ col: 1.5, row: 0.5 });
    expect(s.spread).toBe(0);
    expect(s.sdCol).toBe(0);
    expect(s.sdRow).toBe(0);
    expect(s.agreement).toBe(1);
    expect(s.entropy).toBe(0);
    expect(s.modalCell).toEqual({ row: 0, col: 1 });
    // (1.5/3 + 0.5/3) / 2 = (0.5 + 0.1667) / 2 = 1/3
    expect(s.alignment).toBeCloseTo(1 / 3, 12);
  });

  it("measures two placements in opposite corners of a 3×3 grid", () => {
    const s = computeStats(
      [
        { col: 0.5, row: 0.5 },
        { col: 2.5, row: 2.5 },
      ],
      grid3,
    )!;
    expect(s.n).toBe(2);
    // centroid = ((0.5 + 2.5) / 2, (0.5 + 2.5) / 2) = (1.5, 1.5)
    expect(s.centroid.col).toBeCloseTo(1.5, 12);
    expect(s.centroid.row).toBeCloseTo(1.5, 12);
    // each coordinate deviates by ±1 → variance 1 per axis → sd 1, spread sqrt(1 + 1)
    expect(s.sdCol).toBeCloseTo(1, 12);
    expect(s.sdRow).toBeCloseTo(1, 12);
    expect(s.spread).toBeCloseTo(Math.SQRT2, 12);
    // two cells with 1/2 each: H = ln 2, normalised by ln 9
    expect(s.entropy).toBeCloseTo(Math.log(2) / Math.log(9), 12);
    expect(s.entropy).toBeCloseTo(0.31546487678572877, 12);
    // one of two placements in each cell; the tie goes to (0,0), first in row-major order
    expect(s.agreement).toBeCloseTo(0.5, 12);
    expect(s.modalCell).toEqual({ row: 0, col: 0 });
    // per point: (0.5/3 + 0.5/3)/2 = 1/6 and (2.5/3 + 2.5/3)/2 = 5/6 → mean 1/2
    expect(s.alignment).toBeCloseTo(0.5, 12);
  });

  it("gives agreement 1 and entropy 0 when every placement shares one cell", () => {
    const s = computeStats(
      [
        { col: 1.1, row: 2.2 },
        { col: 1.9, row: 2.9 },
        { col: 1.5, row: 2.5 },
        { col: 1.0, row: 2.0 },
      ],
      grid3,
    )!;
    expect(s.n).toBe(4);
    expect(s.agreement).toBe(1);
    expect(s.entropy).toBe(0);
    expect(s.modalCell).toEqual({ row: 2, col: 1 });
    // col mean 5.5/4 = 1.375; deviations -0.275, 0.525, 0.125, -0.375
    // squares 0.075625 + 0.275625 + 0.015625 + 0.140625 = 0.5075 → variance 0.126875
    // row mean 9.6/4 = 2.4; deviations -0.2, 0.5, 0.1, -0.4 → squares sum 0.46 → variance 0.115
    expect(s.centroid.col).toBeCloseTo(1.375, 12);
    expect(s.centroid.row).toBeCloseTo(2.4, 12);
    expect(s.sdCol).toBeCloseTo(Math.sqrt(0.126875), 12);
    expect(s.sdRow).toBeCloseTo(Math.sqrt(0.115), 12);
    expect(s.spread).toBeCloseTo(Math.sqrt(0.241875), 12);
    expect(s.spread).toBeCloseTo(0.491808, 6);
  });

  it("breaks modal-cell ties in favour of the first cell in row-major order", () => {
    // cells (2,0), (0,2) and (1,1) each hold two placements; (0,2) comes first row-major
    const points = [
      { col: 0.5, row: 2.5 },
      { col: 0.2, row: 2.2 },
      { col: 1.5, row: 1.5 },
      { col: 1.2, row: 1.8 },
      { col: 2.5, row: 0.5 },
      { col: 2.9, row: 0.1 },
    ];
    const s = computeStats(points, grid3)!;
    expect(s.modalCell).toEqual({ row: 0, col: 2 });
    expect(s.agreement).toBeCloseTo(1 / 3, 12);
    // three cells at 1/3 each: ln 3 / ln 9 = 1/2
    expect(s.entropy).toBeCloseTo(0.5, 12);
  });

  it("prefers a strict majority over an earlier cell", () => {
    const s = computeStats(
      [
        { col: 0.5, row: 0.5 },
        { col: 2.5, row: 2.5 },
        { col: 2.2, row: 2.7 },
      ],
      grid3,
    )!;
    expect(s.modalCell).toEqual({ row: 2, col: 2 });
    expect(s.agreement).toBeCloseTo(2 / 3, 12);
  });

  it("measures a 2×5 grid with rows and columns kept apart", () => {
    const size = { rows: 2, columns: 5 };
    const s = computeStats(
      [
        { col: 4.5, row: 1.5 },
        { col: 0.5, row: 0.5 },
        { col: 2.0, row: 1.0 },
      ],
      size,
    )!;
    // centroid col = 7/3, row = 3/3 = 1
    expect(s.centroid.col).toBeCloseTo(7 / 3, 12);
    expect(s.centroid.row).toBeCloseTo(1, 12);
    // col deviations 13/6, -11/6, -2/6 → squares (169 + 121 + 4)/36 = 294/36 → variance 98/36 = 49/18
    expect(s.sdCol).toBeCloseTo(Math.sqrt(49 / 18), 12);
    expect(s.sdCol).toBeCloseTo(1.649916, 6);
    // row deviations 0.5, -0.5, 0 → variance 0.5/3 = 1/6
    expect(s.sdRow).toBeCloseTo(Math.sqrt(1 / 6), 12);
    // spread² = 49/18 + 3/18 = 26/9
    expect(s.spread).toBeCloseTo(Math.sqrt(26) / 3, 12);
    // three distinct cells of ten: ln 3 / ln 10
    expect(s.entropy).toBeCloseTo(Math.log(3) / Math.log(10), 12);
    // all tied: index 0 = (0,0)
    expect(s.modalCell).toEqual({ row: 0, col: 0 });
    expect(s.agreement).toBeCloseTo(1 / 3, 12);
    // (0.9 + 0.75)/2 = 0.825, (0.1 + 0.25)/2 = 0.175, (0.4 + 0.5)/2 = 0.45 → mean 1.45/3
    expect(s.alignment).toBeCloseTo(1.45 / 3, 12);
  });

  it("maps a 2×5 modal index back to (row, col) using the column count", () => {
    const s = computeStats(
      [
        { col: 3.5, row: 1.5 },
        { col: 3.1, row: 1.9 },
        { col: 0.5, row: 0.5 },
      ],
      { rows: 2, columns: 5 },
    )!;
    // row-major index 1·5 + 3 = 8
    expect(s.modalCell).toEqual({ row: 1, col: 3 });
    expect(s.agreement).toBeCloseTo(2 / 3, 12);
  });

  it("keeps entropy at 1 at most when every cell holds the same share", () => {
    for (let rows = 2; rows <= 5; rows++) {
      for (let columns = 2; columns <= 5; columns++) {
        const points = [];
        for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) points.push({ col: c + 0.5, row: r + 0.5 });
        const s = computeStats(points, { rows, columns })!;
        expect(s.entropy, `${rows}×${columns}`).toBeCloseTo(1, 12);
        // the snapshot schema rejects entropy > 1, so a rounding overshoot makes our own export unreadable
        expect(s.entropy, `${rows}×${columns}`).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe("cellCounts", () => {
  it("puts points on a border into the higher cell (col = 1.0 is column 1)", () => {
    expect(cellCounts([{ col: 1.0, row: 0 }], grid3)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(cellCounts([{ col: 2.0, row: 1.0 }], grid3)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0]);
    expect(cellCounts([{ col: 0, row: 0 }], grid3)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(cellCounts([{ col: 0.999999, row: 2.0 }], grid3)).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it("counts row-major on a non-square grid", () => {
    const counts = cellCounts(
      [
        { col: 4.5, row: 1.5 },
        { col: 0.5, row: 0.5 },
        { col: 2.0, row: 1.0 },
        { col: 2.7, row: 1.2 },
      ],
      { rows: 2, columns: 5 },
    );
    expect(counts).toEqual([1, 0, 0, 0, 0, 0, 0, 2, 0, 1]);
  });

  it("gives an all-zero row-major array for no points", () => {
    expect(cellCounts([], { rows: 2, columns: 3 })).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("agrees with computeStats on which cell a border point falls in", () => {
    const s = computeStats([{ col: 1.0, row: 2.0 }], grid3)!;
    expect(s.modalCell).toEqual({ row: 2, col: 1 });
  });
});

describe("rankByContest", () => {
  const stats = (spread: number, entropy: number): ItemStats => ({
    n: 2,
    centroid: { col: 1, row: 1 },
    spread,
    sdCol: 0,
    sdRow: 0,
    agreement: 0.5,
    entropy,
    alignment: 0.5,
    modalCell: { row: 0, col: 0 },
    split: null,
    camps: null,
    shape: spread < 0.5 ? "agreed" : "diffuse",
    priority: null,
  });

  it("puts larger spread first", () => {
    const ranked = rankByContest([
      { id: "calm", stats: stats(0.1, 0.9) },
      { id: "hot", stats: stats(1.2, 0.1) },
      { id: "warm", stats: stats(0.5, 0.5) },
    ]);
    expect(ranked.map((e) => e.id)).toEqual(["hot", "warm", "calm"]);
  });

  it("breaks spread ties by larger entropy, then by input order", () => {
    const ranked = rankByContest([
      { id: "a", stats: stats(0.5, 0.2) },
      { id: "b", stats: stats(0.5, 0.6) },
      { id: "c", stats: stats(0.5, 0.2) },
      { id: "d", stats: stats(0.7, 0) },
    ]);
    expect(ranked.map((e) => e.id)).toEqual(["d", "b", "a", "c"]);
  });

  it("puts unplaced items last, in input order", () => {
    const ranked = rankByContest([
      { id: "none-1", stats: null },
      { id: "low", stats: stats(0, 0) },
      { id: "none-2", stats: null },
      { id: "high", stats: stats(2, 0.3) },
      { id: "none-3", stats: null },
    ]);
    expect(ranked.map((e) => e.id)).toEqual(["high", "low", "none-1", "none-2", "none-3"]);
  });

  it("ranks real statistics: equal spread, the item split across cells comes first", () => {
    // both pairs sit ±0.25 from their centre → spread exactly 0.25; only "split" crosses a border
    const together = computeStats(
      [
        { col: 0.25, row: 0.5 },
        { col: 0.75, row: 0.5 },
      ],
      grid3,
    );
    const split = computeStats(
      [
        { col: 0.75, row: 0.5 },
        { col: 1.25, row: 0.5 },
      ],
      grid3,
    );
    expect(together!.spread).toBe(0.25);
    expect(split!.spread).toBe(0.25);
    const ranked = rankByContest([
      { id: "together", stats: together },
      { id: "unplaced", stats: computeStats([], grid3) },
      { id: "split", stats: split },
    ]);
    expect(ranked.map((e) => e.id)).toEqual(["split", "together", "unplaced"]);
  });

  it("does not reorder its input", () => {
    const input = [
      { id: "a", stats: null },
      { id: "b", stats: stats(1, 0) },
    ];
    rankByContest(input);
    expect(input.map((e) => e.id)).toEqual(["a", "b"]);
  });
});
