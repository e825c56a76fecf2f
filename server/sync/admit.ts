import * as Y from "yjs";
import type { Logger } from "../log";
import type { Metrics, RefusalReason } from "../metrics";
import { CLOSE, type Connection } from "./connection";
import { inspectUpdate, type Verdict } from "./inspect";
import { encodeDeleteUpdate, encodePermissionDenied, encodePlaceholderUpdate, encodeSyncUpdate } from "./protocol";

/** The most clock values a refusal will fill with placeholders (an honest client's refused edit is a few). */
const MAX_PLACEHOLDER_CLOCKS = 10_000;
/**
 * The most entries the server writes again for one connection's refusals: each refused frame of a few
 * bytes may name every entry of the board, and every rewrite is stored and sent to everyone.
 */
const MAX_RESTORED_ENTRIES = 1_000;

/**
 * Yjs client ids from here up are the server's: stock clients draw 32-bit ids, so the server's
 * writes win every tie, and each node draws its own so two nodes never write under one id.
 */
export const SERVER_IDS_FROM = 2 ** 32;

/**
 * Who wrote with each Yjs client id, per room document ("facilitator" or a participant id): a client
 * id stays its person's while they are away, so what they made offline still fits.
 */
const writtenBy = new WeakMap<Y.Doc, Map<number, string>>();

/**
 * Whose a client id is, as its latest values on the board tell after the room was read afresh (or on
 * another node): the one participant whose entries it wrote; "facilitator" when it wrote meta or
 * several people's entries (only the facilitator does); undefined when they do not tell. A seated
 * participant writes nowhere else but their own entries, so their own ids always tell them.
 */
function writerOnBoard(doc: Y.Doc, client: number): string | undefined {
  const structs = doc.store.clients.get(client) ?? [];
  let found: string | undefined;
  for (let i = structs.length - 1; i >= Math.max(0, structs.length - 256); i--) {
    const s = structs[i];
    if (!(s instanceof Y.Item) || !(s.parent instanceof Y.AbstractType) || s.parent._item !== null || s.parentSub === null) continue;
    const key = s.parentSub;
    let owner: unknown;
    switch (Y.findRootTypeKey(s.parent)) {
      case "meta":
        return "facilitator";
      case "placements":
        owner = key.slice(key.lastIndexOf(":") + 1);
        break;
      case "participants":
        owner = key;
        break;
      case "items":
        owner = (doc.getMap<unknown>("items").get(key) as { createdBy?: unknown } | undefined)?.createdBy;
    }
    if (typeof owner !== "string") continue;
    if (found !== undefined && found !== owner) return "facilitator";
    found = owner;
  }
  return found;
}

/** Why a participant connection without a (valid) seat writes nothing, in words that say what to do. */
export const seatlessReason = (boardId: string, seatGiven: boolean): string =>
  seatGiven
    ? `this seat does not belong to this board: take a seat on it with POST /api/boards/${boardId}/seats`
    : `this connection has no seat: take one with POST /api/boards/${boardId}/seats and connect with it (params: { key, seat })`;

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
  // A seated participant writes only what is theirs; the facilitator, anything.
  const owner = conn.role === "participant" && conn.seated !== null ? conn.seated : undefined;
  const verdict = inspectUpdate(ctx.doc, update, { allowMeta: conn.role === "facilitator", writer: conn.writer, owner });
  if (verdict.noop && verdict.reason === null) return 0;
  if (conn.role === "viewer") {
    // Nothing of a viewer's is ever applied or answered with a change: it is told why and let go.
    return refuseAndClose(ctx, conn, "read_only", CLOSE.readOnly, "viewers cannot change the board");
  }
  if (verdict.incomplete && !conn.caughtUp) {
    // A client that edits the moment it reconnects sends the edit before its answer to our sync
    // step 1, and the edit builds on changes only that answer carries (made while the room was
    // away). The answer holds the edit too, so it is dropped here, not refused: a refusal would
    // fill the client's clock with placeholders and erase both.
    ctx.logger.debug("update ahead of its sync answer dropped", { room: ctx.roomId, role: conn.role });
    return 0;
  }
  if (verdict.writer !== null && verdict.writer >= SERVER_IDS_FROM) {
    return refuseAndClose(ctx, conn, "client_id", CLOSE.policy, "client ids from 2^32 up are the server's");
  }
  if (verdict.writer !== null) {
    const owner = ctx.writers.get(verdict.writer);
    if (owner && owner !== conn) {
      // Usually the same client reconnecting before its old socket is reaped: it keeps its
      // changes and retries. Never let one connection write under another's id.
      return refuseAndClose(ctx, conn, "client_id", CLOSE.clientIdInUse, "client id is in use by another connection, retry");
    }
    if (conn.writer === null) {
      // Another person writing on under this id would take the clocks of their offline work: it would never arrive.
      const who = conn.role === "facilitator" ? "facilitator" : conn.seated;
      let ids = writtenBy.get(ctx.doc);
      if (!ids) writtenBy.set(ctx.doc, (ids = new Map()));
      // The facilitator may have written on anyone's entries, and writes anything anyway.
      const earlier = ids.get(verdict.writer) ?? (who === "facilitator" ? undefined : writerOnBoard(ctx.doc, verdict.writer));
      if (earlier !== undefined && earlier !== who) {
        return refuseAndClose(ctx, conn, "client_id", CLOSE.policy, "this client id is someone else's: write with your own");
      }
      if (who !== null) ids.set(verdict.writer, who);
      conn.writer = verdict.writer;
      ctx.writers.set(verdict.writer, conn);
    } else if (conn.writer !== verdict.writer) {
      return refuseAndClose(ctx, conn, "client_id", CLOSE.policy, "one connection writes with one client id");
    }
  }
  if (conn.role === "participant" && conn.seated === null) {
    return refuse(ctx, conn, verdict, "no_seat", seatlessReason(ctx.roomId, conn.seatGiven));
  }
  if (conn.role === "participant" && ctx.doc.getMap("meta").get("locked") === true) {
    return refuse(ctx, conn, verdict, "locked", "the board is locked by the facilitator");
  }
  if (verdict.reason !== null) return refuse(ctx, conn, verdict, verdict.kind, verdict.reason);
  if (ctx.boardBytes() + update.byteLength > ctx.maxBoardBytes) {
    refuse(ctx, conn, verdict, "board_full", "the board is full");
    ctx.disconnect(conn, CLOSE.boardFull, `board is full (limit ${ctx.maxBoardBytes} bytes)`);
    return 0;
  }
  Y.applyUpdate(ctx.doc, update);
  ctx.metrics.updatesAccepted++;
  return update.byteLength;
}

/** Refuses an update whole and lets its connection go, with the reason as the close reason. */
function refuseAndClose(ctx: AdmitContext, conn: Connection, kind: RefusalReason, code: number, reason: string): 0 {
  ctx.metrics.refused(kind);
  ctx.disconnect(conn, code, reason);
  return 0;
}

/**
 * Refuses an update whole, and brings the writer back in step: its clock is
 * advanced with empty placeholders (so its later, valid edits still fit),
 * the refused content is deleted from its copy, and every entry the update
 * touched is written again with the board's current value.
 */
function refuse(ctx: AdmitContext, conn: Connection, verdict: Verdict, kind: RefusalReason, reason: string): 0 {
  ctx.metrics.refused(kind);
  ctx.noteRefusal();
  conn.refusals++;
  ctx.logger.warn("update refused", { room: ctx.roomId, role: conn.role, reason, kind });
  const placeholderClocks = verdict.newRanges.reduce((n, r) => n + r.len, 0);
  if ((verdict.writer !== null && verdict.writer !== conn.writer) || placeholderClocks > MAX_PLACEHOLDER_CLOCKS) {
    // Not this connection's own content, or too much of it to stand in for: no placeholders, let it go.
    ctx.disconnect(conn, CLOSE.policy, `update refused: ${reason}`);
    return 0;
  }
  // Said before the corrections, so a page shows why its change went back as it goes back.
  ctx.enqueue(conn, encodePermissionDenied(reason));
  if (verdict.newRanges.length > 0) {
    Y.applyUpdate(ctx.doc, encodePlaceholderUpdate(verdict.newRanges), "refusal");
    ctx.enqueue(conn, encodeSyncUpdate(encodeDeleteUpdate(verdict.newRanges)));
  }
  const keys = new Map<string, [string, string]>();
  for (const [root, key] of [...verdict.deletedKeys, ...verdict.writtenKeys]) keys.set(`${root}\u0000${key}`, [root, key]);
  conn.restored += keys.size;
  if (conn.restored > MAX_RESTORED_ENTRIES) {
    ctx.disconnect(conn, CLOSE.tooManyRefusals, `too many refused changes to other entries (last: ${reason})`);
    return 0;
  }
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
