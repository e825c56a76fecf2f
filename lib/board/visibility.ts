import type { BoardState } from "./doc";

export type ViewerRole = "facilitator" | "participant" | "viewer";

export interface Visibility {
  /** Everyone's placements are shown; false while the round is blind (and the facilitator is not peeking). */
  showGroup: boolean;
  /** Participants who have placed every item, of all participants: the blind round's progress. */
  progress: { done: number; of: number };
  /** Per item: who has placed it (ids), for the facilitator's "who is still placing". */
  placedBy: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The people here now who are not done: with a focused item, those who have
 * not placed it; otherwise those who have not placed every item, with how
 * many they have placed. Names come from the board's participants.
 */
export function stillPlacing(
  board: BoardState,
  present: ReadonlySet<string>,
  focus: string | null,
): Array<{ id: string; name: string; placed: number }> {
  const counts = new Map<string, number>();
  const placedFocus = new Set<string>();
  for (const p of board.placements) {
    counts.set(p.participant, (counts.get(p.participant) ?? 0) + 1);
    if (p.item === focus) placedFocus.add(p.participant);
  }
  return board.participants
    .filter((p) => present.has(p.id))
    .map((p) => ({ id: p.id, name: p.name, placed: counts.get(p.id) ?? 0 }))
    .filter((p) => (focus ? !placedFocus.has(p.id) : p.placed < board.items.length));
}

/**
 * What one person may see of the board. In a blind round each participant
 * sees only their own placements; the facilitator sees who placed what but
 * not where, unless they choose to peek. This hides placements in the
 * interface only: every client still receives the whole document.
 */
export function visibleBoard(board: BoardState, role: ViewerRole, me: string | null, peek: boolean): { board: BoardState; visibility: Visibility } {
  const placedBy = new Map<string, Set<string>>();
  for (const p of board.placements) {
    const set = placedBy.get(p.item) ?? new Set<string>();
    set.add(p.participant);
    placedBy.set(p.item, set);
  }
  const done = board.participants.filter((person) => board.items.length > 0 && board.items.every((i) => placedBy.get(i.id)?.has(person.id))).length;
  const progress = { done, of: board.participants.length };
  const showGroup = !board.meta.blind || (role === "facilitator" && peek);
  if (showGroup) return { board, visibility: { showGroup, progress, placedBy } };
  return {
    board: { ...board, placements: board.placements.filter((p) => p.participant === me) },
    visibility: { showGroup, progress, placedBy },
  };
}
