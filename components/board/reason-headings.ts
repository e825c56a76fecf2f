import { cellName } from "../../lib/board/geometry";
import type { Grid } from "../../lib/board/schema";
import type { ReasonGroup } from "../../lib/stats/reasons";
import type { ItemStats } from "../../lib/stats/schema";
import { campHeading } from "../../lib/stats/shape-words";

/** "Camp of 5, around Engineering, Worst-case", or the cell's name for a group by cell: as the item's camps and the exports head them. */
export function reasonGroupHeading(group: ReasonGroup, stats: ItemStats | null, grid: Grid): string {
  if (group.kind === "cell") return cellName(grid, group.cell);
  const camp = stats?.camps?.[group.camp];
  return camp ? campHeading(camp, grid) : `Camp of ${group.size}`;
}
