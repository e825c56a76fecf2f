import { cellOf, sizeOf } from "../../lib/board/grid";
import type { Cell, Grid } from "../../lib/board/schema";
import type { ReasonGroup } from "../../lib/stats/reasons";
import type { ItemStats } from "../../lib/stats/schema";

/** "Engineering × Worst-case": a cell as a group of reasons is headed. */
const cellHeading = (grid: Grid, cell: Cell): string =>
  `${grid.rows[cell.row]?.label ?? `Row ${cell.row + 1}`} × ${grid.columns[cell.col]?.label ?? `Column ${cell.col + 1}`}`;

/** "Camp of 5 — near Engineering × Worst-case", or the cell's name for a group by cell. */
export function reasonGroupHeading(group: ReasonGroup, stats: ItemStats | null, grid: Grid): string {
  if (group.kind === "cell") return cellHeading(grid, group.cell);
  const centre = stats?.camps?.[group.camp]?.centroid;
  const camp = `Camp of ${group.size}`;
  return centre ? `${camp} — near ${cellHeading(grid, cellOf(centre, sizeOf(grid)))}` : camp;
}
