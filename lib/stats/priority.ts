/*
 * Priority (DESIGN.md, "Priority"): how close an item's group centre lies to the
 * corner the group is aiming for, and how a ranked list flags the items near its
 * top that the group does not agree on.
 */
import { goalPoint, type GridPoint, type GridSize } from "../board/grid";
import type { GoalCorner } from "../board/schema";
import type { ItemStats } from "./schema";

/**
 * `1 − |centroid − g| / sqrt(columns² + rows²)`, with `g` the goal corner's grid point:
 * 1 at the corner, 0 at the opposite one. Null when the board has no goal.
 */
export function priorityOf(centroid: GridPoint, goal: GoalCorner | null, size: GridSize): number | null {
  if (goal === null) return null;
  const g = goalPoint(goal, size);
  const distance = Math.hypot(centroid.col - g.col, centroid.row - g.row);
  // A centroid lies on the grid, so the distance never exceeds the diagonal; the clamp only absorbs rounding.
  return Math.min(1, Math.max(0, 1 - distance / Math.hypot(size.columns, size.rows)));
}

/** How many items the top of a priority list holds: the ones a meeting acts on. */
const TOP_PRIORITIES = 3;

/**
 * "top 3, but split" / "top 3, but scattered": an item among the first three of a priority
 * ranking (`rank` counts from 0) that the group has not agreed on — two camps, or a cloud —
 * so its place in the list is worth a word before anyone acts on it. Null otherwise, and for
 * an item without a priority (no goal corner: its rank says nothing about priority).
 */
export function priorityFlag(stats: ItemStats | null, rank: number): string | null {
  if (!stats || stats.priority === null || rank >= TOP_PRIORITIES) return null;
  if (stats.shape === "split") return `top ${TOP_PRIORITIES}, but split`;
  if (stats.shape === "diffuse") return `top ${TOP_PRIORITIES}, but scattered`;
  return null;
}
