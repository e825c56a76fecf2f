import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import WebSocket from "ws";
import * as Y from "yjs";
import { HEARTBEAT, MESSAGE_HEARTBEAT } from "../../lib/board/heartbeat";

/**
 * A websocket to a board that speaks the protocol by hand: it sends exactly
 * the frames a test writes and keeps every frame the server sends it, so a
 * test can tell what reached a client and in which order.
 */
export interface RawSocket {
  ws: WebSocket;
  /** How the server closed it. */
  closed: Promise<{ code: number; reason: string }>;
  send(data: Uint8Array): void;
  /** The document updates it was sent (sync step 2 answers and relayed updates), in order. */
  readonly updates: Uint8Array[];
  /** A document holding everything it was sent so far. */
  received(): Y.Doc;
  /**
   * Resolves when the server has answered a heartbeat on this socket. The server answers one at
   * once, so whatever it sent this socket before the heartbeat arrived has been received by then.
   */
  roundTrip(): Promise<void>;
}

export async function rawSocket(wsUrl: string, boardId: string, key: string, seat?: string): Promise<RawSocket> {
  const ws = new WebSocket(`${wsUrl}/sync/${boardId}?key=${key}${seat === undefined ? "" : `&seat=${seat}`}`);
  const updates: Uint8Array[] = [];
  const beats: Array<() => void> = [];
  ws.on("message", (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_HEARTBEAT) beats.shift()?.();
    else if (type === 0 && decoding.readVarUint(decoder) !== 0) updates.push(decoding.readVarUint8Array(decoder));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return {
    ws,
    closed,
    updates,
    send: (data) => ws.send(data),
    received() {
      const doc = new Y.Doc();
      for (const u of updates) Y.applyUpdate(doc, u);
      return doc;
    },
    roundTrip() {
      return new Promise<void>((resolve) => {
        beats.push(resolve);
        ws.send(HEARTBEAT);
      });
    },
  };
}

/** Sync step 1 from a client that has nothing: asks for the whole board. */
export function step1(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
  return encoding.toUint8Array(e);
}

/** An awareness message announcing one client's presence, as a stock client sends it on connecting. */
export function presence(state: Record<string, unknown>): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(state);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
  awareness.destroy();
  return encoding.toUint8Array(e);
}
