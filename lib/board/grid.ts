import { LIMITS, type Cell, type GoalCorner, type Grid } from "./schema";

/*
 * The grid's shared rules, in continuous grid coordinates: a point lies on a
 * rows × columns grid when 0 ≤ col < columns and 0 ≤ row < rows, and its cell
 * is (floor(row), floor(col)). Pure, so the statistics, the views, the board
 * readers and the server's inspection all apply the very same rule.
 */
export interface GridPoint {
  col: number;
  row: number;
}

export interface GridSize {
  rows: number;
  columns: number;
}

/** No board's grid is larger: where the server checks a placement that may have been made on an older, larger grid. */
export const LARGEST_GRID: GridSize = { rows: LIMITS.axesMax, columns: LIMITS.axesMax };

export const sizeOf = (grid: Pick<Grid, "rows" | "columns">): GridSize => ({ rows: grid.rows.length, columns: grid.columns.length });

/** False for NaN as well, so a value that is no number never counts as on the grid. */
export const insideGrid = (p: GridPoint, size: GridSize): boolean =>
  p.col >= 0 && p.row >= 0 && p.col < size.columns && p.row < size.rows;

/** Why a placement may not be written: the same words on the client and in the server's refusal. */
export const outsideGridReason = (p: GridPoint, size: GridSize): string =>
  `placement (${p.col}, ${p.row}) is outside the ${size.columns}×${size.rows} grid`;

/** The cell of a point; a point off the grid counts in the nearest cell. */
export const cellOf = (p: GridPoint, size: GridSize): Cell => ({
  row: Math.min(size.rows - 1, Math.max(0, Math.floor(p.row))),
  col: Math.min(size.columns - 1, Math.max(0, Math.floor(p.col))),
});

/** A grid's size, whether given as counts or as its axes. */
const countsOf = (grid: GridSize | Pick<Grid, "rows" | "columns">): GridSize =>
  Array.isArray(grid.rows) ? sizeOf(grid as Pick<Grid, "rows" | "columns">) : (grid as GridSize);

/** The grid point of a goal corner: top-left is (0, 0), bottom-right is (columns, rows). */
export function goalPoint(goal: GoalCorner, grid: GridSize | Pick<Grid, "rows" | "columns">): GridPoint {
  const { rows, columns } = countsOf(grid);
  return { col: goal.endsWith("right") ? columns : 0, row: goal.startsWith("bottom") ? rows : 0 };
}

/** The grid of a custom board nobody gave axes to, and what a board whose grid cannot be read falls back to. */
export const DEFAULT_BLANK_GRID: Grid = {
  rows: [
    { id: "high", label: "High impact" },
    { id: "low", label: "Low impact" },
  ],
  columns: [
    { id: "low-effort", label: "Low effort" },
    { id: "high-effort", label: "High effort" },
  ],
};
