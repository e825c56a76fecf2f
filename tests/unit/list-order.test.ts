import { describe, expect, it } from "vitest";
import { computeStats, rankByContest } from "../../lib/stats";
import { orderRanking } from "../../lib/stats/list-order";

const grid = { rows: 3, columns: 3 };
const entry = (id: string, points: [number, number][]) => ({
  item: { id },
  stats: computeStats(
    points.map(([col, row], i) => ({ col, row, participant: `p${i}` })),
    grid,
  ),
});

/** Spread ≈ 1.41, shape split: two pairs at opposite corners. */
const camps = entry("camps", [
  [0.5, 0.5],
  [0.5, 0.5],
  [2.5, 2.5],
  [2.5, 2.5],
]);
/** The nine cell centres: spread ≈ 1.15, scattered. */
const cloud = entry(
  "cloud",
  [0.5, 1.5, 2.5].flatMap((col) => [0.5, 1.5, 2.5].map((row) => [col, row] as [number, number])),
);
/** Wider than the camps (spread ≈ 1.93) but too few placements to be two camps. */
const outlier = entry("outlier", [
  [0.05, 0.05],
  [0.05, 0.05],
  [2.95, 2.95],
]);
const agreed = entry("agreed", [
  [1.5, 1.5],
  [1.6, 1.5],
]);
const unplaced = entry("unplaced", []);

const ids = (entries: readonly { item: { id: string } }[]) => entries.map((e) => e.item.id);

describe("orderRanking", () => {
  const ranked = rankByContest([agreed, cloud, camps, unplaced, outlier]);

  it("the fixtures are what they say", () => {
    expect(camps.stats?.shape).toBe("split");
    expect(cloud.stats?.shape).toBe("diffuse");
    expect(outlier.stats?.shape).toBe("diffuse");
    expect(agreed.stats?.shape).toBe("agreed");
    expect(ids(ranked)).toEqual(["outlier", "camps", "cloud", "agreed", "unplaced"]);
  });

  it("most contested keeps the ranking, in a new array", () => {
    const ordered = orderRanking(ranked, "contested", null);
    expect(ids(ordered)).toEqual(ids(ranked));
    expect(ordered).not.toBe(ranked);
  });

  it("split first brings the two camps above a wider spread", () => {
    expect(ids(orderRanking(ranked, "split", null))).toEqual(["camps", "outlier", "cloud", "agreed", "unplaced"]);
  });

  it("most changed sorts by how far each spread moved, items with nothing to compare last", () => {
    const previous = new Map<string, number | null>([
      ["outlier", 1.5],
      ["camps", 0.1],
      ["cloud", null],
      ["agreed", 1],
    ]);
    expect(ids(orderRanking(ranked, "changed", previous))).toEqual(["camps", "agreed", "outlier", "cloud", "unplaced"]);
  });

  it("most changed without a previous round keeps the ranking", () => {
    expect(ids(orderRanking(ranked, "changed", null))).toEqual(ids(ranked));
  });
});
