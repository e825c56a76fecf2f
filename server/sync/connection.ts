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
  readOnly: 4403,
  clientIdInUse: 4409,
  boardFull: 4413,
  tooManyRefusals: 4429,
} as const;

/** One client connection to a room, and what the room remembers about it. */
export interface Connection {
  socket: SyncSocket;
  role: Role;
  /** The Yjs client id this connection writes with, claimed by its first new content. */
  writer: number | null;
  /** The latest sync step 1 received this turn; answered once, at the end of the turn. */
  pendingStateVector: Uint8Array | null;
  /** Times of recent sync step 1 messages, to stop a client that floods them. */
  syncRequests: number[];
  /** The awareness client id this connection speaks for; set by its first awareness message. */
  awarenessId: number | null;
  refusals: number;
  closed: boolean;
}

export const newConnection = (socket: SyncSocket, role: Role): Connection => ({
  socket,
  role,
  writer: null,
  pendingStateVector: null,
  syncRequests: [],
  awarenessId: null,
  refusals: 0,
  closed: false,
});
