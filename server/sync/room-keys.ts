import type { BoardRecord, DocStore, Role } from "../storage/types";

export const LINK_REPLACED_REASON = "this link was replaced by the facilitator; ask them for the new link";
export const BOARD_DELETED_REASON = "this board was deleted";
export const SEAT_REMOVED_REASON = "the facilitator removed you from this board";

/**
 * Each role's valid key for one room, and the people removed from it, as last read from the store. A
 * connection whose key or seat was checked against an older record (its upgrade raced a replacement
 * or a removal) is let go rather than let in.
 */
export class RoomKeys {
  private hashes: Record<Role, string>;
  private removed: ReadonlySet<string>;
  /** Bumped by every reading, so an older reading that answers late changes nothing. */
  private reads = 0;

  constructor(board: BoardRecord, removed: readonly string[]) {
    this.hashes = { ...board.keyHashes };
    this.removed = new Set(removed);
  }

  admits(role: Role, keyHash: string): boolean {
    return this.hashes[role] === keyHash;
  }

  /** Whether the facilitator removed this person. */
  wasRemoved(participant: string): boolean {
    return this.removed.has(participant);
  }

  /**
   * Reads the keys again: "gone" when the board is no longer in the store, "stale" when a later
   * reading started meanwhile (it decides). Rejects when the store does.
   */
  async reread(store: DocStore, id: string): Promise<"read" | "gone" | "stale"> {
    const reading = ++this.reads;
    const [board, removed] = await Promise.all([store.getBoard(id), store.removedParticipants(id)]);
    if (reading !== this.reads) return "stale";
    if (!board) return "gone";
    this.hashes = { ...board.keyHashes };
    this.removed = new Set(removed);
    return "read";
  }
}
