import { cellOf, insideGrid, type GridPoint, type GridSize } from "./grid";
import type { Cell, Grid } from "./schema";

/*
 * Where things sit on the grid, for pointer dragging, keyboard placement and
 * drawing. The grid's own rules (which points lie on it, the cell of a point)
 * are in ./grid.ts.
 */

/*
 * Placements are kept a hair inside the grid's far edges so floor() never
 * lands on a cell that does not exist, and rounded so documents stay small.
 */
const EDGE = 1e-3;
const round = (x: number) => Math.round(x * 1000) / 1000;

/** Rounding never carries a value over into the next cell: 0.9996 stays in cell 0. */
function keep(x: number, count: number): number {
  const v = Math.min(count - EDGE, Math.max(0, x));
  return Math.min(round(v), Math.floor(v) + 1 - EDGE);
}

export function clampPoint(p: GridPoint, size: GridSize): GridPoint {
  return { col: keep(p.col, size.columns), row: keep(p.row, size.rows) };
}

/** The grid point under a screen position, given the cell area's box; null when outside it. */
export function pointAt(
  box: { left: number; top: number; width: number; height: number },
  x: number,
  y: number,
  size: GridSize,
): GridPoint | null {
  if (box.width <= 0 || box.height <= 0) return null;
  const col = ((x - box.left) / box.width) * size.columns;
  const row = ((y - box.top) / box.height) * size.rows;
  if (!insideGrid({ col, row }, size)) return null;
  return clampPoint({ col, row }, size);
}

export const cellCentre = (cell: Cell): GridPoint => ({ col: cell.col + 0.5, row: cell.row + 0.5 });

/** The middle cell (the upper-left of the middle four on an even grid): every cell is fewest arrow keys away from it. */
export const centreCell = (size: GridSize): Cell => ({ row: Math.floor((size.rows - 1) / 2), col: Math.floor((size.columns - 1) / 2) });

export const sameCell = (a: Cell, b: Cell) => a.row === b.row && a.col === b.col;

export type Direction = "up" | "down" | "left" | "right";

const STEP: Record<Direction, GridPoint> = {
  up: { col: 0, row: -1 },
  down: { col: 0, row: 1 },
  left: { col: -1, row: 0 },
  right: { col: 1, row: 0 },
};

/** The neighbouring cell in a direction, staying put at the grid's edge. */
export function stepCell(cell: Cell, dir: Direction, size: GridSize): Cell {
  return {
    row: Math.min(size.rows - 1, Math.max(0, cell.row + STEP[dir].row)),
    col: Math.min(size.columns - 1, Math.max(0, cell.col + STEP[dir].col)),
  };
}

/** Moves a point one whole cell (keeping its place inside the cell) or nudges it by `by` cells. */
export function movePoint(p: GridPoint, dir: Direction, size: GridSize, by?: number): GridPoint {
  if (by !== undefined) return clampPoint({ col: p.col + STEP[dir].col * by, row: p.row + STEP[dir].row * by }, size);
  const from = cellOf(p, size);
  const to = stepCell(from, dir, size);
  return clampPoint({ col: p.col + (to.col - from.col), row: p.row + (to.row - from.row) }, size);
}

/** The same place inside another cell, e.g. when an arrow key carries a note to the next cell. */
export function inCell(p: GridPoint, cell: Cell, size: GridSize): GridPoint {
  const from = cellOf(p, size);
  return clampPoint({ col: p.col - from.col + cell.col, row: p.row - from.row + cell.row }, size);
}

/*
 * Where a keyboard drop lands inside a cell: of a few evenly spread spots, the
 * one farthest from the notes already there, so notes dropped one after the
 * other into one cell do not hide each other.
 */
const SPOTS = [0.5, 0.25, 0.75].flatMap((row) => [0.5, 0.25, 0.75].map((col) => ({ col, row })));

export function freeSpot(cell: Cell, taken: readonly GridPoint[]): GridPoint {
  let best = SPOTS[0]!;
  let bestDistance = -1;
  for (const spot of SPOTS) {
    const p = { col: cell.col + spot.col, row: cell.row + spot.row };
    const nearest = taken.reduce((d, t) => Math.min(d, Math.hypot(t.col - p.col, t.row - p.row)), Infinity);
    // Good enough once clear of every note by a third of a cell; prefer the earlier (more central) spots.
    if (nearest > 0.33) return p;
    if (nearest > bestDistance) {
      best = spot;
      bestDistance = nearest;
    }
  }
  return { col: cell.col + best.col, row: cell.row + best.row };
}

/** Distance, in cell units, from a point (e.g. the group's centroid) to the centre of a cell. */
export const distanceToCell = (p: GridPoint, cell: Cell): number =>
  Math.hypot(p.col - (cell.col + 0.5), p.row - (cell.row + 0.5));

/** "Engineering, Worst-case": how a cell is named everywhere, including its gridcell's accessible name. */
export const cellName = (grid: Grid, cell: Cell): string =>
  `${grid.rows[cell.row]?.label ?? `Row ${cell.row + 1}`}, ${grid.columns[cell.col]?.label ?? `Column ${cell.col + 1}`}`;

/** A point as a share of the cell area, for CSS percentages. */
export const percentOf = (p: GridPoint, size: GridSize) => ({
  left: (p.col / size.columns) * 100,
  top: (p.row / size.rows) * 100,
});

/**
 * An item's reference cell, if it has one inside the grid. Item ids such as
 * "constructor" are valid, so only the record's own entries count.
 */
export function referenceCell(
  reference: Readonly<Record<string, Cell>> | null | undefined,
  item: string,
  size: GridSize,
): Cell | null {
  if (!reference || !Object.hasOwn(reference, item)) return null;
  const cell = reference[item]!;
  return insideGrid(cell, size) ? cell : null;
}
