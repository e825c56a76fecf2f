import * as Y from "yjs";
import type { Logger } from "../log";
import type { Metrics } from "../metrics";
import { CLOSE, type Connection } from "./connection";
import { inspectUpdate, type Verdict } from "./inspect";
import { encodeDeleteUpdate, encodePlaceholderUpdate, encodeSyncUpdate } from "./protocol";

/** The most clock values a refusal will fill with placeholders (an honest client's refused edit is a few). */
const MAX_PLACEHOLDER_CLOCKS = 10_000;

/** What the inspect and apply stages need from their room. */
export interface AdmitContext {
  readonly roomId: string;
  readonly doc: Y.Doc;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly maxBoardBytes: number;
  readonly maxRefusals: number;
  /** Which live connection writes with which Yjs client id. */
  readonly writers: Map<number, Connection>;
  /** Stored bytes plus bytes applied this turn and not yet stored. */
  boardBytes(): number;
  disconnect(conn: Connection, code: number, reason: string): void;
  /** A message for one connection, sent with the turn's output (after it is stored). */
  enqueue(conn: Connection, data: Uint8Array): void;
  /** A server-side change, written with the server's client id. */
  transact(fn: (doc: Y.Doc) => void, origin: string): void;
  /** This turn refused something: its output must reach the refused writer too. */
  noteRefusal(): void;
}

/**
 * The inspect and apply stages for one incoming update: inspected against the sender's role, its
 * client id and the lock, then applied to the room's document — or refused whole. Returns the
 * bytes applied (0 when nothing was).
 */
export function admitUpdate(ctx: AdmitContext, conn: Connection, update: Uint8Array): number {
  const verdict = inspectUpdate(ctx.doc, update, { allowMeta: conn.role === "facilitator", writer: conn.writer });
  if (verdict.noop && verdict.reason === null) return 0;
  if (conn.role === "viewer") {
    // Nothing of a viewer's is ever applied or answered with a change: it is told why and let go.
    return refuseAndClose(ctx, conn, CLOSE.readOnly, "viewers cannot change the board");
  }
  if (verdict.writer !== null) {
    const owner = ctx.writers.get(verdict.writer);
    if (owner && owner !== conn) {
      // Usually the same client reconnecting before its old socket is reaped: it keeps its
      // changes and retries. Never let one connection write under another's id.
      return refuseAndClose(ctx, conn, CLOSE.clientIdInUse, "client id is in use by another connection, retry");
    }
    if (conn.writer === null) {
      conn.writer = verdict.writer;
      ctx.writers.set(verdict.writer, conn);
    } else if (conn.writer !== verdict.writer) {
      return refuseAndClose(ctx, conn, CLOSE.policy, "one connection writes with one client id");
    }
  }
  if (conn.role === "participant" && ctx.doc.getMap("meta").get("locked") === true) {
    return refuse(ctx, conn, verdict, "the board is locked by the facilitator");
  }
  if (verdict.reason !== null) return refuse(ctx, conn, verdict, verdict.reason);
  if (ctx.boardBytes() + update.byteLength > ctx.maxBoardBytes) {
    refuse(ctx, conn, verdict, "the board is full");
    ctx.disconnect(conn, CLOSE.boardFull, `board is full (limit ${ctx.maxBoardBytes} bytes)`);
    return 0;
  }
  Y.applyUpdate(ctx.doc, update);
  ctx.metrics.updatesAccepted++;
  return update.byteLength;
}

/** Refuses an update whole and lets its connection go, with the reason as the close reason. */
function refuseAndClose(ctx: AdmitContext, conn: Connection, code: number, reason: string): 0 {
  ctx.metrics.updatesRefused++;
  ctx.disconnect(conn, code, reason);
  return 0;
}

/**
 * Refuses an update whole, and brings the writer back in step: its clock is
 * advanced with empty placeholders (so its later, valid edits still fit),
 * the refused content is deleted from its copy, and every entry the update
 * touched is written again with the board's current value.
 */
function refuse(ctx: AdmitContext, conn: Connection, verdict: Verdict, reason: string): 0 {
  ctx.metrics.updatesRefused++;
  ctx.noteRefusal();
  conn.refusals++;
  ctx.logger.warn("update refused", { room: ctx.roomId, role: conn.role, reason });
  const placeholderClocks = verdict.newRanges.reduce((n, r) => n + r.len, 0);
  if ((verdict.writer !== null && verdict.writer !== conn.writer) || placeholderClocks > MAX_PLACEHOLDER_CLOCKS) {
    // Not this connection's own content, or too much of it to stand in for: no placeholders, let it go.
    ctx.disconnect(conn, CLOSE.policy, `update refused: ${reason}`);
    return 0;
  }
  if (verdict.newRanges.length > 0) {
    Y.applyUpdate(ctx.doc, encodePlaceholderUpdate(verdict.newRanges), "refusal");
    ctx.enqueue(conn, encodeSyncUpdate(encodeDeleteUpdate(verdict.newRanges)));
  }
  const keys = new Map<string, [string, string]>();
  for (const [root, key] of [...verdict.deletedKeys, ...verdict.writtenKeys]) keys.set(`${root}\u0000${key}`, [root, key]);
  if (keys.size > 0) {
    ctx.transact((doc) => {
      for (const [root, key] of keys.values()) {
        const map = doc.getMap<unknown>(root);
        if (map.has(key)) {
          map.set(key, map.get(key));
        } else {
          // A tombstone of ours outranks the refused entry, so the writer's copy drops the key too.
          map.set(key, null);
          map.delete(key);
        }
      }
    }, "restore");
  }
  if (conn.refusals > ctx.maxRefusals) {
    ctx.disconnect(conn, CLOSE.tooManyRefusals, `too many refused updates (last: ${reason})`);
  }
  return 0;
}
