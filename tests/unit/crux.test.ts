import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeStats } from "../../lib/stats";
import { bestSplit, bestSplitAlong, cruxStats, EXACT_UP_TO, type PlacedPoint } from "../../lib/stats/crux";

const grid3 = { rows: 3, columns: 3 };
const at = (col: number, row: number, participant: string): PlacedPoint => ({ col, row, participant });
const spreadOf = (points: readonly PlacedPoint[]) => computeStats(points, { rows: 5, columns: 5 })?.spread ?? 0;
const crux = (points: readonly PlacedPoint[]) => cruxStats(points, spreadOf(points));

/** W2/W1 by trying every split of the points into two non-empty groups. */
function bruteSplit(points: readonly { col: number; row: number }[]): number {
  const n = points.length;
  const ss = (group: { col: number; row: number }[]) => {
    const c = group.reduce((a, p) => a + p.col, 0) / group.length;
    const r = group.reduce((a, p) => a + p.row, 0) / group.length;
    return group.reduce((a, p) => a + (p.col - c) ** 2 + (p.row - r) ** 2, 0);
  };
  const w1 = ss([...points]);
  if (w1 === 0) return 0;
  let w2 = Infinity;
  for (let mask = 1; mask < 2 ** (n - 1); mask++) {
    const a = points.filter((_, i) => (mask >> i) & 1);
    const b = points.filter((_, i) => !((mask >> i) & 1));
    w2 = Math.min(w2, ss(a) + ss(b));
  }
  return 1 - w2 / w1;
}

describe("crux statistics: hand-computed cases", () => {
  it("two tight groups far apart are two camps", () => {
    const points = [at(0.4, 0.4, "a"), at(0.5, 0.5, "b"), at(0.6, 0.5, "c"), at(2.4, 2.5, "d"), at(2.5, 2.6, "e")];
    const s = crux(points);
    expect(s.split).toBeGreaterThanOrEqual(0.9);
    expect(s.shape).toBe("split");
    expect(s.camps![0].participants.sort()).toEqual(["a", "b", "c"]);
    expect(s.camps![1].participants.sort()).toEqual(["d", "e"]);
    expect(s.camps![0].size).toBe(3);
    expect(s.camps![1].centroid.col).toBeCloseTo(2.45, 12);
    expect(s.camps![1].centroid.row).toBeCloseTo(2.55, 12);
  });

  it("the nine cell centres of a 3×3 grid are a cloud: 0.375", () => {
    const points = [0, 1, 2].flatMap((r) => [0, 1, 2].map((c) => at(c + 0.5, r + 0.5, `p${r}${c}`)));
    const s = crux(points);
    expect(s.split).toBeCloseTo(0.375, 12);
    expect(s.shape).toBe("diffuse");
    // A column against the rest, or four against five: both are optimal.
    expect(s.camps![0].size + s.camps![1].size).toBe(9);
  });

  it("three equal groups at the corners of an equilateral triangle: 0.5", () => {
    const h = Math.sqrt(3) / 2;
    const corners = [
      [1, 1],
      [3, 1],
      [2, 1 + 2 * h],
    ] as const;
    const points = corners.flatMap(([c, r], k) => [0, 1, 2].map((i) => at(c, r, `g${k}-${i}`)));
    const s = crux(points);
    expect(s.split).toBeCloseTo(0.5, 12);
    expect(s.shape).toBe("diffuse");
  });

  it("everyone at one point: split 0, agreed", () => {
    const points = ["a", "b", "c", "d", "e"].map((p) => at(1.5, 1.5, p));
    const s = crux(points);
    expect(s.split).toBe(0);
    expect(s.shape).toBe("agreed");
    expect(s.camps![0].size + s.camps![1].size).toBe(5);
  });

  it("fewer than four placements have no split or camps", () => {
    expect(crux([])).toEqual({ split: null, camps: null, shape: null });
    const three = [at(0.5, 0.5, "a"), at(2.5, 2.5, "b"), at(0.5, 2.5, "c")];
    expect(crux(three)).toEqual({ split: null, camps: null, shape: "diffuse" });
    expect(crux(three.slice(0, 1))).toEqual({ split: null, camps: null, shape: "agreed" });
  });

  it("a lone outlier is not a second camp", () => {
    const points = [at(0.5, 0.5, "a"), at(0.6, 0.5, "b"), at(0.5, 0.6, "c"), at(0.4, 0.5, "d"), at(0.5, 0.4, "e"), at(2.5, 2.5, "f")];
    const s = crux(points);
    expect(s.split).toBeGreaterThanOrEqual(0.75);
    expect(s.camps![1].participants).toEqual(["f"]);
    expect(s.shape).toBe("diffuse");
  });

  it("camps closer than one cell are not two camps", () => {
    const points = [at(1.0, 1.0, "a"), at(1.0, 1.01, "b"), at(1.8, 1.0, "c"), at(1.8, 1.01, "d")];
    const s = cruxStats(points, 0.6); // spread given: the shape's later rules decide
    expect(s.split).toBeGreaterThan(0.99);
    expect(s.shape).toBe("diffuse");
  });

  it("equal camps are ordered by the smaller centre column, then row", () => {
    const right = [at(2.5, 0.5, "a"), at(2.5, 0.6, "b")];
    const left = [at(0.5, 2.5, "c"), at(0.5, 2.6, "d")];
    const s = crux([...right, ...left]);
    expect(s.camps![0].participants).toEqual(["c", "d"]);
    const top = [at(1.5, 0.5, "e"), at(1.5, 0.6, "f")];
    const bottom = [at(1.5, 2.5, "g"), at(1.5, 2.6, "h")];
    expect(crux([...bottom, ...top]).camps![0].participants).toEqual(["e", "f"]);
  });

  it("computeStats carries the crux fields", () => {
    const s = computeStats([at(0.5, 0.5, "a"), at(0.5, 0.5, "b"), at(2.5, 2.5, "c"), at(2.5, 2.5, "d")], grid3)!;
    expect(s.split).toBe(1);
    expect(s.shape).toBe("split");
    expect(s.camps!.map((c) => c.participants)).toEqual([["a", "b"], ["c", "d"]]);
  });
});

/** Coordinates as a pointer gives them: a ten-thousandth of a cell is finer than any screen. */
const coordinate = (max: number) => fc.integer({ min: 0, max: max * 10_000 - 1 }).map((k) => k / 10_000);
/** Points on a coarse lattice: many coincident and collinear, the hard cases for a sweep. */
const snapped = fc.integer({ min: 0, max: 8 }).map((k) => k * 0.5 + 0.25);

describe("crux statistics: properties", () => {
  const pointsOf = (coord: fc.Arbitrary<number>) =>
    fc.array(fc.record({ col: coord, row: coord }), { minLength: 4, maxLength: 12 }).map((ps) => ps.map((p, i) => at(p.col, p.row, `p${i}`)));

  it("split equals the brute-force minimum over every 2-partition (random points)", () => {
    fc.assert(
      fc.property(pointsOf(coordinate(5)), (points) => {
        expect(crux(points).split).toBeCloseTo(bruteSplit(points), 9);
      }),
      { numRuns: 400 },
    );
  });

  it("split equals the brute-force minimum with coincident and collinear points", () => {
    fc.assert(
      fc.property(pointsOf(snapped), (points) => {
        expect(crux(points).split).toBeCloseTo(bruteSplit(points), 9);
      }),
      { numRuns: 400 },
    );
  });

  it("the camps are a partition whose own split is the reported one", () => {
    fc.assert(
      fc.property(pointsOf(snapped), (points) => {
        const s = crux(points);
        const [a, b] = s.camps!;
        expect(a.size).toBeGreaterThanOrEqual(b.size);
        expect([...a.participants, ...b.participants].sort()).toEqual(points.map((p) => p.participant).sort());
        const ss = (ids: string[], c: { col: number; row: number }) =>
          points.filter((p) => ids.includes(p.participant!)).reduce((t, p) => t + (p.col - c.col) ** 2 + (p.row - c.row) ** 2, 0);
        const w1 = ss(points.map((p) => p.participant!), { col: points.reduce((t, p) => t + p.col, 0) / points.length, row: points.reduce((t, p) => t + p.row, 0) / points.length });
        if (w1 > 0) expect(1 - (ss(a.participants, a.centroid) + ss(b.participants, b.centroid)) / w1).toBeCloseTo(s.split!, 9);
      }),
      { numRuns: 300 },
    );
  });

  it("is unchanged by translation and by the order of the placements", () => {
    fc.assert(
      fc.property(pointsOf(coordinate(3)), coordinate(2), coordinate(2), fc.integer(), (points, dx, dy, seed) => {
        const base = crux(points);
        const moved = crux(points.map((p) => ({ ...p, col: p.col + dx, row: p.row + dy })));
        expect(moved.split).toBeCloseTo(base.split!, 9);
        const shuffled = [...points].sort((p, q) => ((hash(p.participant!, seed) - hash(q.participant!, seed)) | 0));
        const reordered = crux(shuffled);
        expect(reordered.split).toBeCloseTo(base.split!, 9);
        expect(reordered.camps!.map((c) => c.size)).toEqual(base.camps!.map((c) => c.size));
      }),
      { numRuns: 300 },
    );
  });

  it("split equals the brute-force minimum with coordinates a few ulps apart (rounding at the turn's ends)", () => {
    // Values like 1.9999999999999996 beside 2: a direction just below the column axis must not round to a whole turn.
    const nearly = fc
      .tuple(fc.constantFrom(0.5, 1, 1.5, 2, 2.5, 3, 4.5), fc.integer({ min: -3, max: 3 }))
      .map(([base, ulps]) => base + ulps * Number.EPSILON * base);
    fc.assert(
      fc.property(pointsOf(nearly), (points) => {
        expect(crux(points).split).toBeCloseTo(bruteSplit(points), 9);
      }),
      { numRuns: 1000 },
    );
    const known = [at(0.5, 2, "a"), at(4.5, 1.9999999999999996, "b"), at(2.5, 4.5, "c"), at(2.5, 0.5, "d")];
    expect(crux(known).split).toBeCloseTo(bruteSplit(known), 12);
  });

  it("handles 200 placements, all on the nine cell centres, exactly", () => {
    const points = Array.from({ length: 200 }, (_, i) => at((i % 3) + 0.5, (Math.floor(i / 3) % 3) + 0.5, `p${i}`));
    const s = crux(points);
    expect(s.camps![0].size + s.camps![1].size).toBe(200);
    // Some optimal split keeps each location whole: the brute force over the nine locations, weighted, is exact.
    const locations = new Map<string, { col: number; row: number; w: number }>();
    for (const p of points) {
      const key = `${p.col},${p.row}`;
      const l = locations.get(key) ?? { col: p.col, row: p.row, w: 0 };
      l.w += 1;
      locations.set(key, l);
    }
    const ls = [...locations.values()];
    const ss = (group: typeof ls) => {
      const w = group.reduce((t, l) => t + l.w, 0);
      const c = group.reduce((t, l) => t + l.w * l.col, 0) / w;
      const r = group.reduce((t, l) => t + l.w * l.row, 0) / w;
      return group.reduce((t, l) => t + l.w * ((l.col - c) ** 2 + (l.row - r) ** 2), 0);
    };
    let w2 = Infinity;
    for (let mask = 1; mask < 2 ** (ls.length - 1); mask++) w2 = Math.min(w2, ss(ls.filter((_, i) => (mask >> i) & 1)) + ss(ls.filter((_, i) => !((mask >> i) & 1))));
    expect(s.split).toBeCloseTo(1 - w2 / ss(ls), 12);
  });
});

function hash(text: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 2654435761);
  return h;
}

describe("crux statistics beyond the exact search's size", () => {
  const centred = (points: readonly { col: number; row: number }[]) => {
    const c = points.reduce((t, p) => t + p.col, 0) / points.length;
    const r = points.reduce((t, p) => t + p.row, 0) / points.length;
    return {
      xs: Float64Array.from(points, (p) => p.col - c),
      ys: Float64Array.from(points, (p) => p.row - r),
      weights: new Float64Array(points.length).fill(1),
      n: points.length,
    };
  };

  it("the directions' search never beats the exact one, and finds two clear camps as well", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ col: coordinate(3), row: coordinate(3) }), { minLength: 4, maxLength: 40 }), (points) => {
        const at = centred(points);
        const exact = bestSplit(at).between;
        const along = bestSplitAlong(at, 360).between;
        expect(along).toBeLessThanOrEqual(exact + 1e-9);
      }),
      { numRuns: 200 },
    );
    const camps = [...Array.from({ length: 20 }, (_, i) => ({ col: 0.3 + (i % 5) * 0.05, row: 0.3 + Math.floor(i / 5) * 0.05 })), ...Array.from({ length: 12 }, (_, i) => ({ col: 2.4 + (i % 4) * 0.05, row: 2.5 + Math.floor(i / 4) * 0.05 }))];
    const at = centred(camps);
    expect(bestSplitAlong(at, 360).between).toBeCloseTo(bestSplit(at).between, 9);
  });

  it("an item with more distinct spots than the exact search takes still gets camps, without n² memory", () => {
    const next = (() => {
      let s = 7;
      return () => ((s = (s * 16807) % 2147483647) / 2147483647);
    })();
    const points = Array.from({ length: EXACT_UP_TO * 2 }, (_, i) => at(next() * 3, next() * 3, `p${i}`));
    const s = crux(points);
    expect(s.split).toBeGreaterThan(0.3);
    expect(s.split).toBeLessThanOrEqual(1);
    expect(s.camps![0].size + s.camps![1].size).toBe(points.length);
  });
});

