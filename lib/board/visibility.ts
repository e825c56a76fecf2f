import type { BoardState } from "./doc";
import type { Role } from "./schema";
import { progressOf, rosterOfRecord, type Progress, type Roster } from "./people";

export interface Visibility {
  /** Everyone's placements are shown; false while the round is blind (and the facilitator is not peeking). */
  showGroup: boolean;
  /** How many of the people counted have placed every item: the blind round's progress. */
  progress: Progress;
  /** Per item: who has placed it (ids), for the facilitator's "who is still placing". */
  placedBy: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface StillPlacing {
  id: string;
  name: string;
  placed: number;
  /** False for someone counted who does not have the board open now. */
  here: boolean;
}

/**
 * The people counted who are not done: with a focused item, those who have
 * not placed it; otherwise those who have not placed every item, with how
 * many they have placed. Those here come first.
 */
export function stillPlacing(board: BoardState, roster: Roster, focus: string | null): StillPlacing[] {
  const counts = new Map<string, number>();
  const placedFocus = new Set<string>();
  for (const p of board.placements) {
    counts.set(p.participant, (counts.get(p.participant) ?? 0) + 1);
    if (p.item === focus) placedFocus.add(p.participant);
  }
  return roster.counted
    .map((p) => ({ id: p.id, name: p.name, placed: counts.get(p.id) ?? 0, here: roster.here.has(p.id) }))
    .filter((p) => (focus ? !placedFocus.has(p.id) : p.placed < board.items.length))
    .sort((a, b) => Number(b.here) - Number(a.here));
}

/**
 * What one person may see of the board. In a blind round each participant
 * sees only their own placements; the facilitator sees who placed what but
 * not where, unless they choose to peek. This hides placements in the
 * interface only: every client still receives the whole document. Without
 * a roster (a record, with no presence) everyone counted is taken as here.
 */
export function visibleBoard(
  board: BoardState,
  role: Role,
  me: string | null,
  peek: boolean,
  roster: Roster = rosterOfRecord(board),
): { board: BoardState; visibility: Visibility } {
  const placedBy = new Map<string, Set<string>>();
  for (const p of board.placements) {
    const set = placedBy.get(p.item) ?? new Set<string>();
    set.add(p.participant);
    placedBy.set(p.item, set);
  }
  const progress = progressOf(board, roster);
  const showGroup = !board.meta.blind || (role === "facilitator" && peek);
  if (showGroup) return { board, visibility: { showGroup, progress, placedBy } };
  return {
    board: { ...board, placements: board.placements.filter((p) => p.participant === me) },
    visibility: { showGroup, progress, placedBy },
  };
}
