import { CLOSE_BOARD_DELETED, CLOSE_LINK_REPLACED, CLOSE_SEAT_REMOVED } from "../../lib/api/close-codes";
import type { Role } from "../storage/types";

/** The transport-independent view of one client connection. */
export interface SyncSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet written, where the transport knows it. */
  readonly bufferedAmount?: number;
}

export const CLOSE = {
  goingAway: 1001,
  malformed: 1007,
  policy: 1008,
  tooBig: 1009,
  internal: 1011,
  /** The board is being reloaded from the store (the bus between nodes lost its state): reconnect. */
  restart: 1012,
  tryLater: 1013,
  /** The facilitator replaced the key this connection came with. */
  linkReplaced: CLOSE_LINK_REPLACED,
  readOnly: 4403,
  clientIdInUse: 4409,
  /** The facilitator deleted the board. */
  boardDeleted: CLOSE_BOARD_DELETED,
  boardFull: 4413,
  /** The facilitator removed the person whose seat this connection came with. */
  seatRemoved: CLOSE_SEAT_REMOVED,
  tooManyRefusals: 4429,
  /** Over a per-connection message limit (./message-rate.ts): the same code as any abuse limit. */
  tooManyMessages: 4429,
} as const;

/**
 * The seat a connection came with, as the upgrade found it: a person's id, or "unknown" for a seat
 * this board never handed out (or none that matches). Removed people are let go at the door.
 */
export type SeatAtJoin = { participant: string; removed: boolean } | "unknown" | null;

/** One client connection to a room, and what the room remembers about it. */
export interface Connection {
  socket: SyncSocket;
  role: Role;
  /** SHA-256 of the key it came with: replacing that key closes it. */
  keyHash: string;
  /** The person this connection writes as, from its seat; removing them closes it. A participant connection without one writes nothing. */
  seated: string | null;
  /** Whether it came with a seat at all (one this board does not know is a different mistake from none). */
  seatGiven: boolean;
  /** The Yjs client id this connection writes with, claimed by its first new content. */
  writer: number | null;
  /** The latest sync step 1 received this turn; answered once, at the end of the turn. */
  pendingStateVector: Uint8Array | null;
  /** Times of recent sync step 1 messages, to stop a client that floods them. */
  syncRequests: number[];
  /** The awareness client id this connection speaks for; set by its first awareness message. */
  awarenessId: number | null;
  refusals: number;
  /** Entries the server wrote again to undo its refused updates. */
  restored: number;
  /** It has answered the room's sync step 1: the room has everything it had when it connected. */
  caughtUp: boolean;
  closed: boolean;
}

export const newConnection = (socket: SyncSocket, role: Role, keyHash: string, seat: SeatAtJoin): Connection => ({
  socket,
  role,
  keyHash,
  seated: seat !== null && seat !== "unknown" ? seat.participant : null,
  seatGiven: seat !== null,
  writer: null,
  pendingStateVector: null,
  syncRequests: [],
  awarenessId: null,
  refusals: 0,
  restored: 0,
  caughtUp: false,
  closed: false,
});
