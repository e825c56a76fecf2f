import type * as Y from "yjs";
import { addItem, deleteItem, editItem, joinParticipant, moveItem, placeItem, removeParticipant, setMeta, setReason, startRound, unplaceItem } from "./commands";
import type { BoardState } from "./doc";
import type { GridPoint } from "./grid";
import type { ItemMove } from "./order";
import type { Item, Meta, Participant } from "./schema";

/**
 * What a tab writes to its board. Each write is made as this device's participant and checked
 * against the grid the document holds at that moment, so screens pass only what the person meant.
 */
export interface BoardVerbs {
  /**
   * This device's participant id: who adds items and places them. Null for viewers and the
   * projector, who write nothing of their own, and for a participant until they take a seat.
   */
  readonly participant: string | null;
  /** Changes a facilitator-controlled field; the server applies it only from a facilitator's connection. */
  setMeta<K extends keyof Meta>(field: K, value: Meta[K]): void;
  /** Moves to the given round, clearing every placement unless they are kept (facilitator only). */
  startRound(round: number, keepPlacements: boolean): void;
  /** Registers (or renames, or recolours) this device's participant on the board. */
  join(entry: Omit<Participant, "id">): void;
  /** Takes this device's participant entry off the board (a facilitator who only runs it). */
  leave(): void;
  addItem(item: Pick<Item, "id" | "text" | "note">): void;
  editItem(id: string, change: Pick<Item, "text" | "note">): void;
  deleteItem(id: string): void;
  /** Moves an item a place up or down, or to the top or the bottom, of the board's order (facilitator only). */
  moveItem(id: string, move: ItemMove): void;
  /** Places (or moves) this participant's note of an item; false when the point is outside the grid or nothing was written. */
  place(item: string, point: GridPoint): boolean;
  /** Takes this participant's note of an item back off the grid. */
  unplace(item: string): void;
  /** Gives this participant's reason for their placement of an item (empty: none); false when they have not placed it or it is too long. */
  setReason(item: string, reason: string): boolean;
}

/**
 * The verbs over a document; `open` says whether writes still go anywhere (a destroyed connection's do not).
 * `who` is read at each write: taking a seat while the board is open changes who this device is.
 */
export function boardVerbs(doc: Y.Doc, read: () => BoardState, who: () => string | null, open: () => boolean): BoardVerbs {
  return {
    get participant() {
      return who();
    },
    setMeta(field, value) {
      if (open()) setMeta(doc, field, value);
    },
    startRound(round, keepPlacements) {
      if (open()) startRound(doc, round, keepPlacements);
    },
    join(entry) {
      const participant = who();
      if (open() && participant) joinParticipant(doc, { ...entry, id: participant });
    },
    leave() {
      const participant = who();
      if (open() && participant) removeParticipant(doc, participant);
    },
    addItem(item) {
      const participant = who();
      if (open() && participant) addItem(doc, { ...item, createdBy: participant, createdAt: Date.now() });
    },
    editItem(id, change) {
      if (open()) editItem(doc, id, change);
    },
    deleteItem(id) {
      if (open()) deleteItem(doc, id);
    },
    moveItem(id, move) {
      if (open()) moveItem(doc, id, move);
    },
    place(item, point) {
      const participant = who();
      if (!open() || !participant) return false;
      try {
        placeItem(doc, { item, participant, col: point.col, row: point.row }, read().meta.grid);
        return true;
      } catch {
        return false;
      }
    },
    unplace(item) {
      const participant = who();
      if (open() && participant) unplaceItem(doc, item, participant);
    },
    setReason(item, reason) {
      const participant = who();
      if (!open() || !participant) return false;
      try {
        return setReason(doc, item, participant, reason) !== null;
      } catch {
        return false;
      }
    },
  };
}
