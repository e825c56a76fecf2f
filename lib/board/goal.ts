import { sizeOf, type GridSize } from "./grid";
import type { Cell, GoalCorner, Grid } from "./schema";

/** A goal corner in words, capitalised for a label: "Top left". */
export const GOAL_CORNER_WORDS: Readonly<Record<GoalCorner, string>> = {
  "top-left": "Top left",
  "top-right": "Top right",
  "bottom-left": "Bottom left",
  "bottom-right": "Bottom right",
};

/** The cell in a goal corner of a grid of this size. */
export function goalCell(size: GridSize, goal: GoalCorner): Cell {
  return { row: goal.startsWith("top") ? 0 : size.rows - 1, col: goal.endsWith("left") ? 0 : size.columns - 1 };
}

/** A goal corner named by the row and the column that meet there: "High impact, Low effort". */
export function goalCornerName(grid: Pick<Grid, "rows" | "columns">, goal: GoalCorner): string {
  const { row, col } = goalCell(sizeOf(grid), goal);
  return `${grid.rows[row]?.label ?? ""}, ${grid.columns[col]?.label ?? ""}`;
}
