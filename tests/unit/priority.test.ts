import { describe, expect, it } from "vitest";
import { goalPoint } from "../../lib/board/grid";
import { GOAL_CORNERS, type GoalCorner } from "../../lib/board/schema";
import { computeStats, rankByContest, rankByPriority } from "../../lib/stats";
import { ORDERS, orderRanking } from "../../lib/stats/list-order";
import { priorityFlag, priorityOf } from "../../lib/stats/priority";

/*
 * A 4-column × 3-row grid: its diagonal is 5, so distances of a 3-4-5 triangle give exact priorities.
 * Corner points: top-left (0, 0), top-right (4, 0), bottom-left (0, 3), bottom-right (4, 3).
 */
const size = { rows: 3, columns: 4 };
const OPPOSITE: Record<GoalCorner, GoalCorner> = {
  "top-left": "bottom-right",
  "top-right": "bottom-left",
  "bottom-left": "top-right",
  "bottom-right": "top-left",
};

const placed = (points: [number, number][]) => points.map(([col, row], i) => ({ col, row, participant: `p${i}` }));
const entry = (id: string, points: [number, number][], goal: GoalCorner | null) => ({ item: { id }, stats: computeStats(placed(points), size, goal) });
const ids = (entries: readonly { item: { id: string } }[]) => entries.map((e) => e.item.id);

describe("goalPoint", () => {
  it("puts each corner at its grid point, from counts or from the grid's axes", () => {
    expect(goalPoint("top-left", size)).toEqual({ col: 0, row: 0 });
    expect(goalPoint("top-right", size)).toEqual({ col: 4, row: 0 });
    expect(goalPoint("bottom-left", size)).toEqual({ col: 0, row: 3 });
    expect(goalPoint("bottom-right", size)).toEqual({ col: 4, row: 3 });
    const axes = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `a${i}`, label: `A${i}` }));
    expect(goalPoint("bottom-right", { rows: axes(3), columns: axes(4) })).toEqual({ col: 4, row: 3 });
  });
});

describe("priority", () => {
  it.each(GOAL_CORNERS)("is 1 with the centre at the %s goal and 0 at the opposite corner", (goal) => {
    expect(priorityOf(goalPoint(goal, size), goal, size)).toBe(1);
    expect(priorityOf(goalPoint(OPPOSITE[goal], size), goal, size)).toBe(0);
  });

  it.each(GOAL_CORNERS)("from placements: close to 1 next to the %s goal, close to 0 next to the opposite corner", (goal) => {
    // Placements lie strictly inside the grid, so they reach a right or bottom corner only to within a hair.
    const near = (corner: GoalCorner): [number, number] => {
      const g = goalPoint(corner, size);
      return [Math.min(g.col, 3.999), Math.min(g.row, 2.999)];
    };
    expect(computeStats(placed([near(goal)]), size, goal)!.priority).toBeGreaterThan(0.999);
    expect(computeStats(placed([near(OPPOSITE[goal])]), size, goal)!.priority).toBeLessThan(0.001);
  });

  it("a centre a third of the way in: worked by hand for every corner", () => {
    // Two placements, centre (0.8, 0.6). Distances: to (0,0) √(0.64+0.36) = 1; to (4,3) √(10.24+5.76) = 4;
    // to (4,0) √(10.24+0.36) = √10.6; to (0,3) √(0.64+5.76) = √6.4. Priority = 1 − distance / 5.
    const points = placed([
      [0.5, 0.5],
      [1.1, 0.7],
    ]);
    const priority = (goal: GoalCorner) => computeStats(points, size, goal)!.priority!;
    expect(priority("top-left")).toBeCloseTo(0.8, 12);
    expect(priority("bottom-right")).toBeCloseTo(0.2, 12);
    expect(priority("top-right")).toBeCloseTo(1 - Math.sqrt(10.6) / 5, 12); // 0.348847…
    expect(priority("top-right")).toBeCloseTo(0.348847, 6);
    expect(priority("bottom-left")).toBeCloseTo(0.494036, 6); // 1 − √6.4 / 5
  });

  it("is null without a goal, and there are no statistics at all with n = 0", () => {
    expect(computeStats(placed([[1, 1]]), size)!.priority).toBeNull();
    expect(computeStats(placed([[1, 1]]), size, null)!.priority).toBeNull();
    expect(priorityOf({ col: 1, row: 1 }, null, size)).toBeNull();
    for (const goal of GOAL_CORNERS) expect(computeStats([], size, goal)).toBeNull();
  });
});

describe("rankByPriority", () => {
  it("puts the highest priority first", () => {
    const ranked = rankByPriority([
      entry("far", [[3.5, 2.5]], "top-left"),
      entry("near", [[0.5, 0.5]], "top-left"),
      entry("middle", [[2, 1.5]], "top-left"),
    ]);
    expect(ids(ranked)).toEqual(["near", "middle", "far"]);
  });

  it("breaks a tie in priority by the smaller spread, then keeps the input order", () => {
    // Centres (0.6, 0.8) and (0.8, 0.6) are both exactly 1 from the top-left corner (priority 0.8),
    // though their floating-point distances are worked out along different paths.
    const wide = entry("wide", [
      [0.1, 0.8],
      [1.1, 0.8],
    ], "top-left");
    const narrow = entry("narrow", [
      [0.8, 0.5],
      [0.8, 0.7],
    ], "top-left");
    const single = entry("single", [[0.6, 0.8]], "top-left");
    const alsoSingle = entry("also-single", [[0.8, 0.6]], "top-left");
    for (const e of [wide, narrow, single, alsoSingle]) expect(e.stats!.priority).toBeCloseTo(0.8, 12);
    expect(wide.stats!.spread).toBeCloseTo(0.5, 12);
    expect(narrow.stats!.spread).toBeCloseTo(0.1, 12);
    expect(ids(rankByPriority([wide, single, narrow, alsoSingle]))).toEqual(["single", "also-single", "narrow", "wide"]);
    expect(ids(rankByPriority([wide, alsoSingle, narrow, single]))).toEqual(["also-single", "single", "narrow", "wide"]);
  });

  it("counts priorities that differ only in their last bits as a tie", () => {
    // The same three placements summed in another order: their centres, and so their priorities,
    // differ in the last bit (0.5312844975657172 and 0.531284497565717); their spreads are identical.
    const five = { rows: 5, columns: 5 };
    const points: [number, number][] = [
      [4.54, 0.27],
      [1.82, 1.72],
      [3.32, 4.61],
    ];
    const forward = { item: { id: "forward" }, stats: computeStats(placed(points), five, "bottom-right") };
    const reversed = { item: { id: "reversed" }, stats: computeStats(placed([...points].reverse()), five, "bottom-right") };
    expect(forward.stats!.priority).not.toBe(reversed.stats!.priority);
    expect(forward.stats!.spread).toBe(reversed.stats!.spread);
    expect(ids(rankByPriority([reversed, forward]))).toEqual(["reversed", "forward"]);
    expect(ids(rankByPriority([forward, reversed]))).toEqual(["forward", "reversed"]);
  });

  it("puts items without a priority last, most contested first; unplaced ones at the very end", () => {
    const ranked = rankByPriority([
      entry("unplaced", [], "top-left"),
      entry("calm, no goal", [[1, 1]], null),
      entry("low", [[3.5, 2.5]], "top-left"),
      entry("contested, no goal", [
        [0.5, 0.5],
        [3.5, 2.5],
      ], null),
      entry("high", [[0.5, 0.5]], "top-left"),
    ]);
    expect(ids(ranked)).toEqual(["high", "low", "contested, no goal", "calm, no goal", "unplaced"]);
  });

  it("on a board without a goal is the most contested order", () => {
    const entries = [
      entry("a", [[1, 1]], null),
      entry("b", [
        [0.5, 0.5],
        [3.5, 2.5],
      ], null),
      entry("c", [], null),
      entry("d", [
        [1, 1],
        [2, 1],
      ], null),
    ];
    expect(ids(rankByPriority(entries))).toEqual(ids(rankByContest(entries)));
  });

  it("is the Priorities order of the lists", () => {
    expect(ORDERS.priority).toMatchObject({ label: "Priorities", reading: "highest priority first" });
    const entries = [entry("far", [[3.5, 2.5]], "top-left"), entry("near", [[0.5, 0.5]], "top-left")];
    expect(ids(orderRanking(rankByContest(entries), "priority", null))).toEqual(["near", "far"]);
  });
});

describe("priorityFlag", () => {
  /** Two tight pairs far apart: shape "split". */
  const split = computeStats(placed([[0.5, 0.5], [0.5, 0.5], [3.5, 2.5], [3.5, 2.5]]), size, "top-left");
  /** The twelve cell centres: spread out with no two camps, shape "diffuse". */
  const cloud = computeStats(placed([0.5, 1.5, 2.5, 3.5].flatMap((col) => [0.5, 1.5, 2.5].map((row): [number, number] => [col, row]))), size, "top-left");
  const agreed = computeStats(placed([[0.5, 0.5], [0.6, 0.5]]), size, "top-left");

  it("flags a split or scattered item among the first three", () => {
    expect(split!.shape).toBe("split");
    expect(cloud!.shape).toBe("diffuse");
    for (const rank of [0, 1, 2]) {
      expect(priorityFlag(split, rank)).toBe("top 3, but split");
      expect(priorityFlag(cloud, rank)).toBe("top 3, but scattered");
    }
  });

  it("says nothing from the fourth place on, for an agreed item, or for an item without a priority", () => {
    expect(priorityFlag(split, 3)).toBeNull();
    expect(priorityFlag(cloud, 10)).toBeNull();
    expect(agreed!.shape).toBe("agreed");
    expect(priorityFlag(agreed, 0)).toBeNull();
    expect(priorityFlag(null, 0)).toBeNull();
    expect(priorityFlag({ ...split!, priority: null }, 0)).toBeNull();
  });
});
