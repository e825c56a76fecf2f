import * as encoding from "lib0/encoding";
import * as authProtocol from "y-protocols/auth";
import * as syncProtocol from "y-protocols/sync";
import { HEARTBEAT, MESSAGE_HEARTBEAT } from "../../lib/board/heartbeat";

/** Top-level message types of the y-websocket protocol. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/** Ours, not y-protocols': a client asking whether its connection is alive (lib/board/heartbeat.ts). */
export { HEARTBEAT, MESSAGE_HEARTBEAT };

export const isHeartbeat = (data: Uint8Array): boolean => data.byteLength === 1 && data[0] === MESSAGE_HEARTBEAT;

/** A sync message: its kind (step 1, step 2 or update) and its one payload. */
function encodeSync(kind: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, kind);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export const encodeSyncUpdate = (update: Uint8Array): Uint8Array => encodeSync(syncProtocol.messageYjsUpdate, update);
export const encodeSyncStep1 = (stateVector: Uint8Array): Uint8Array => encodeSync(syncProtocol.messageYjsSyncStep1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array): Uint8Array => encodeSync(syncProtocol.messageYjsSyncStep2, update);

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** y-protocols' "permission denied" with the reason: how a refused writer hears why (the stock client logs it). */
export function encodePermissionDenied(reason: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AUTH);
  authProtocol.writePermissionDenied(e, reason);
  return encoding.toUint8Array(e);
}

export interface ClockRange {
  client: number;
  clock: number;
  len: number;
}

function writeDeleteSet(e: encoding.Encoder, ranges: readonly ClockRange[]): void {
  const byClient = new Map<number, ClockRange[]>();
  for (const r of ranges) byClient.set(r.client, [...(byClient.get(r.client) ?? []), r]);
  encoding.writeVarUint(e, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, list.length);
    for (const r of list) {
      encoding.writeVarUint(e, r.clock);
      encoding.writeVarUint(e, r.len);
    }
  }
}

/**
 * A Yjs v1 update holding only garbage-collected placeholders for the given
 * clock ranges: it advances the clocks without adding any content.
 */
export function encodePlaceholderUpdate(ranges: readonly ClockRange[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, ranges.length);
  for (const r of ranges) {
    encoding.writeVarUint(e, 1); // one struct for this client
    encoding.writeVarUint(e, r.client);
    encoding.writeVarUint(e, r.clock);
    encoding.writeUint8(e, 0); // struct kind: GC
    encoding.writeVarUint(e, r.len);
  }
  writeDeleteSet(e, []);
  return encoding.toUint8Array(e);
}

/** A Yjs v1 update that only deletes the given clock ranges. */
export function encodeDeleteUpdate(ranges: readonly ClockRange[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // no structs
  writeDeleteSet(e, ranges);
  return encoding.toUint8Array(e);
}
