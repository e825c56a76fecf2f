import { colorFor } from "../board/colors";
import { withPseudonyms, type BoardState } from "../board/doc";
import { rankByContest, rankByPriority } from "../stats";
import { priorityFlag } from "../stats/priority";
import { itemStats } from "../stats/board";
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot, type SnapshotItem } from "./schema";

/** The snapshot of a board as it is now. Items keep their creation order; use rankedItems for reports. */
export function buildSnapshot(boardId: string, board: BoardState, exportedAt: Date = new Date()): Snapshot {
  // An anonymous board exports its pseudonyms, never the names behind them.
  const state = withPseudonyms(board);
  const known = new Set(state.participants.map((p) => p.id));
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    exportedAt: exportedAt.toISOString(),
    board: {
      id: boardId,
      title: state.meta.title,
      grid: state.meta.grid,
      template: state.meta.template,
      round: state.meta.round,
      reference: state.meta.reference,
      // Only said when set, like blind: a file without it is a board without a goal corner, as files from before goals are.
      ...(state.meta.goal ? { goal: state.meta.goal } : {}),
      // Only said when true: a record that the group's placements were hidden from each other when this was taken.
      ...(state.meta.blind ? { blind: true } : {}),
    },
    // A placement by someone who never registered still counts; list them so the file stays self-consistent.
    participants: [
      ...state.participants.map((p) => ({ id: p.id, name: p.name, color: p.color, joinedAt: p.joinedAt })),
      ...[...new Set(state.placements.map((p) => p.participant))]
        .filter((id) => !known.has(id))
        .map((id) => ({
          id,
          name: `Unnamed ${id.slice(0, 6)}`,
          color: colorFor(id),
          joinedAt: Math.min(...state.placements.filter((p) => p.participant === id).map((p) => p.at)),
        })),
    ],
    items: itemStats(state).map(({ item, placements, stats }) => ({
      id: item.id,
      text: item.text,
      note: item.note ?? null,
      createdBy: item.createdBy,
      createdAt: item.createdAt,
      ...(item.order === undefined ? {} : { order: item.order }),
      placements: placements.map((p) => ({ participant: p.participant, col: p.col, row: p.row, at: p.at, ...(p.reason ? { reason: p.reason } : {}) })),
      stats,
    })),
  };
}

export function rankedItems(snapshot: Snapshot): SnapshotItem[] {
  return rankByContest(snapshot.items);
}

/** One line of the decision list: an item in priority order, with the flag it carries there. */
export interface Decision {
  item: SnapshotItem;
  /** "top 3, but split" / "top 3, but scattered"; null when its place needs no word (lib/stats/priority.ts). */
  flag: string | null;
}

/** The items highest priority first, each with its flag: the decision list of the priorities CSV and the report. */
export function decisionList(snapshot: Snapshot): Decision[] {
  return rankByPriority(snapshot.items).map((item, rank) => ({ item, flag: priorityFlag(item.stats, rank) }));
}
