import { cellCounts, type GridSize, type Point } from "../stats";

export interface CommonCell {
  row: number;
  col: number;
  count: number;
  /** count / n, 0..1. */
  share: number;
}

/**
 * The cell most of the group chose, or null when there is none to speak of:
 * nobody placed the item, two or more people placed it each in a cell of their
 * own, or two or more cells tie for most. The contract's `modalCell` always
 * names a cell (ties go to the first in row-major order), which reads as a
 * verdict nobody gave; reports say this instead.
 */
export function commonCell(points: readonly Point[], size: GridSize): CommonCell | null {
  const n = points.length;
  if (n === 0) return null;
  const counts = cellCounts(points, size);
  const most = Math.max(...counts);
  if (n >= 2 && most <= 1) return null;
  if (counts.filter((c) => c === most).length > 1) return null;
  const index = counts.indexOf(most);
  return { row: Math.floor(index / size.columns), col: index % size.columns, count: most, share: most / n };
}
