/*
 * Disagreement statistics of DESIGN.md, as pure functions over plain points.
 * Coordinates are continuous grid units; the cell of a point is (floor(row), floor(col)).
 */
import { cellOf, type GridPoint, type GridSize } from "../board/grid";
import type { GoalCorner } from "../board/schema";
import { cruxStats, type PlacedPoint } from "./crux";
import { priorityOf } from "./priority";
import type { ItemStats } from "./schema";

export type { ItemStats };

/** Counts per cell, row-major. */
export function cellCounts(points: readonly GridPoint[], size: GridSize): number[] {
  const counts = new Array<number>(size.rows * size.columns).fill(0);
  for (const p of points) {
    const c = cellOf(p, size);
    counts[c.row * size.columns + c.col]! += 1;
  }
  return counts;
}

/** Every statistic of one item's placements; `goal` is the board's goal corner, which priority is measured towards. */
export function computeStats(points: readonly PlacedPoint[], size: GridSize, goal: GoalCorner | null = null): ItemStats | null {
  const n = points.length;
  if (n === 0) return null;
  let sumCol = 0;
  let sumRow = 0;
  let sumAlign = 0;
  for (const p of points) {
    sumCol += p.col;
    sumRow += p.row;
    sumAlign += (p.col / size.columns + p.row / size.rows) / 2;
  }
  const centroid = { col: sumCol / n, row: sumRow / n };
  let varCol = 0;
  let varRow = 0;
  for (const p of points) {
    varCol += (p.col - centroid.col) ** 2;
    varRow += (p.row - centroid.row) ** 2;
  }
  varCol /= n;
  varRow /= n;

  const counts = cellCounts(points, size);
  let modal = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i]! > counts[modal]!) modal = i;
  let entropy = 0;
  if (n > 1) {
    for (const c of counts) if (c > 0) entropy -= (c / n) * Math.log(c / n);
    entropy /= Math.log(size.rows * size.columns);
  }

  const spread = Math.sqrt(varCol + varRow);
  return {
    n,
    centroid,
    spread,
    sdCol: Math.sqrt(varCol),
    sdRow: Math.sqrt(varRow),
    agreement: counts[modal]! / n,
    // Rounding can push a uniform spread a hair past 1; the contract says 0..1.
    entropy: Math.min(1, Math.abs(entropy)),
    alignment: sumAlign / n,
    modalCell: { row: Math.floor(modal / size.columns), col: modal % size.columns },
    ...cruxStats(points, spread),
    priority: priorityOf(centroid, goal, size),
  };
}

/** Most contested first: larger spread, then larger entropy; unplaced items last, in input order. */
export function rankByContest<T extends { stats: ItemStats | null }>(entries: readonly T[]): T[] {
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      const sa = a.e.stats;
      const sb = b.e.stats;
      if (sa === null || sb === null) return sa === sb ? a.i - b.i : sa === null ? 1 : -1;
      return sb.spread - sa.spread || sb.entropy - sa.entropy || a.i - b.i;
    })
    .map(({ e }) => e);
}

/**
 * "Split first": the items whose group forms two camps (shape "split"), strongest split first,
 * then every other item most contested first. The order of the agenda, the list and the overview.
 */
export function rankSplitFirst<T extends { stats: ItemStats | null }>(entries: readonly T[]): T[] {
  const contested = rankByContest(entries);
  const split = contested.filter((e) => e.stats?.shape === "split");
  split.sort((a, b) => b.stats!.split! - a.stats!.split!);
  return [...split, ...contested.filter((e) => e.stats?.shape !== "split")];
}

/**
 * Priorities compare equal when they agree to nine decimals: two centres equally far from the
 * goal corner, worked out along different paths, differ in their last bits, and a tie should
 * be a tie. Rounding (rather than a tolerance) keeps the comparison transitive, as sorting needs.
 */
const priorityKey = (priority: number): number => Math.round(priority * 1e9);

/**
 * "Priorities": highest priority first; equal priorities, the smaller spread (the group agrees
 * more) first; then input order. Items without a priority (no goal corner, or nobody placed
 * them) come last, most contested first.
 */
export function rankByPriority<T extends { stats: ItemStats | null }>(entries: readonly T[]): T[] {
  const ranked = entries
    .map((e, i) => ({ e, i, s: e.stats }))
    .filter((x): x is { e: T; i: number; s: ItemStats & { priority: number } } => x.s !== null && x.s.priority !== null)
    .sort((a, b) => priorityKey(b.s.priority) - priorityKey(a.s.priority) || a.s.spread - b.s.spread || a.i - b.i)
    .map(({ e }) => e);
  const without = entries.filter((e) => e.stats === null || e.stats.priority === null);
  return [...ranked, ...rankByContest(without)];
}
