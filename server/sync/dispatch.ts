import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { Logger } from "../log";
import { admitUpdate, type AdmitContext } from "./admit";
import { CLOSE, type Connection } from "./connection";
import type { Presence } from "./presence";
import { MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from "./protocol";

/** Sync step 1 messages one connection may send in ten seconds. */
const MAX_SYNC_REQUESTS = 20;

export interface DispatchContext {
  readonly roomId: string;
  readonly logger: Logger;
  readonly admit: AdmitContext;
  readonly presence: Presence;
  send(conn: Connection, data: Uint8Array): void;
  disconnect(conn: Connection, code: number, reason: string): void;
  /** The connection asked for the board (sync step 1): answered once at the end of the turn, after it is stored. */
  answerAtTurnEnd(conn: Connection, stateVector: Uint8Array): void;
  /** Bytes an admitted update added to the board. */
  addUnstored(bytes: number): void;
}

/** Reads one client message of the y-websocket protocol and hands it to its stage. */
export function dispatch(ctx: DispatchContext, conn: Connection, data: Uint8Array): void {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        return readSync(ctx, conn, decoder);
      case MESSAGE_AWARENESS:
        return ctx.presence.receive(conn, decoding.readVarUint8Array(decoder));
      case MESSAGE_QUERY_AWARENESS:
        return ctx.send(conn, ctx.presence.everyone());
      case MESSAGE_AUTH:
        return; // clients have nothing to say here; keys are checked at the upgrade
      default:
        ctx.admit.metrics.refused("malformed");
        ctx.disconnect(conn, CLOSE.malformed, `unknown message type ${type}`);
    }
  } catch (err) {
    ctx.logger.warn("malformed message", { room: ctx.roomId, role: conn.role, error: String(err) });
    ctx.admit.metrics.refused("malformed");
    ctx.disconnect(conn, CLOSE.malformed, "malformed message");
  }
}

function readSync(ctx: DispatchContext, conn: Connection, decoder: decoding.Decoder): void {
  const sub = decoding.readVarUint(decoder);
  if (sub === syncProtocol.messageYjsSyncStep1) {
    const sv = decoding.readVarUint8Array(decoder);
    Y.decodeStateVector(sv); // throws on garbage, before anything is queued
    const now = Date.now();
    conn.syncRequests = conn.syncRequests.filter((t) => now - t < 10_000);
    conn.syncRequests.push(now);
    if (conn.syncRequests.length > MAX_SYNC_REQUESTS) {
      ctx.admit.metrics.limited("sync-requests");
      return ctx.disconnect(conn, CLOSE.policy, "too many sync requests");
    }
    ctx.answerAtTurnEnd(conn, sv);
  } else if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) {
    // Step 2 holds everything the client has that the room lacks, computed against the room's state.
    if (sub === syncProtocol.messageYjsSyncStep2) conn.caughtUp = true;
    ctx.addUnstored(admitUpdate(ctx.admit, conn, decoding.readVarUint8Array(decoder)));
  } else {
    ctx.admit.metrics.refused("malformed");
    ctx.disconnect(conn, CLOSE.malformed, `unknown sync message ${sub}`);
  }
}
