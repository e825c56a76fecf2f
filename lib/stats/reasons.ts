import { cellOf, type GridSize } from "../board/grid";
import type { Cell } from "../board/schema";
import type { ItemStats } from "./schema";

/** A placement with its reason, as the reasons are listed. */
export interface Reasoned {
  participant: string;
  col: number;
  row: number;
  reason?: string | undefined;
}

export type ReasonGroup =
  | { kind: "camp"; /** 0: the larger camp. */ camp: 0 | 1; size: number; reasons: Reasoned[] }
  | { kind: "cell"; cell: Cell; reasons: Reasoned[] };

/**
 * An item's reasons, grouped the way the discussion runs: by camp when the group is split
 * (larger camp first), otherwise by cell in row-major order. Only placements with a non-empty
 * reason are listed; groups without one are left out. Within a group, the placements' order is kept.
 */
export function groupReasons(placements: readonly Reasoned[], stats: ItemStats | null, size: GridSize): ReasonGroup[] {
  const given = placements.filter((p) => (p.reason ?? "").trim() !== "");
  if (given.length === 0) return [];
  if (stats?.shape === "split" && stats.camps) {
    return stats.camps
      .map((camp, i) => {
        const members = new Set(camp.participants);
        return { kind: "camp" as const, camp: i as 0 | 1, size: camp.size, reasons: given.filter((p) => members.has(p.participant)) };
      })
      .filter((g) => g.reasons.length > 0);
  }
  const byCell = new Map<number, ReasonGroup & { kind: "cell" }>();
  for (const p of given) {
    const cell = cellOf(p, size);
    const index = cell.row * size.columns + cell.col;
    const group = byCell.get(index) ?? { kind: "cell" as const, cell, reasons: [] };
    group.reasons.push(p);
    byCell.set(index, group);
  }
  return [...byCell.entries()].sort(([a], [b]) => a - b).map(([, g]) => g);
}
