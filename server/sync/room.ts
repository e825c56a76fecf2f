import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { DocStore, Role } from "../storage/types";
import type { Logger } from "../log";
import type { Metrics } from "../metrics";
import { inspectUpdate, type Verdict } from "./inspect";
import type { Outgoing, TurnParticipant, TurnScheduler } from "./turns";
import {
  HEARTBEAT,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  encodeAwareness,
  encodeDeleteUpdate,
  encodePlaceholderUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  isHeartbeat,
} from "./protocol";

/** The transport-independent view of one client connection. */
export interface SyncSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet written, where the transport knows it. */
  readonly bufferedAmount?: number;
}

export interface RoomLimits {
  maxMessageBytes: number;
  maxBoardBytes: number;
  /** A client that falls this far behind is disconnected rather than buffered without bound. */
  maxBufferedBytes: number;
  /** Refused updates tolerated per connection before it is closed. */
  maxRefusals: number;
  /** Compact the stored log after this many appended updates. */
  compactEvery: number;
  /** Largest awareness state accepted from one client, in bytes of JSON. */
  maxAwarenessBytes: number;
}

export const DEFAULT_ROOM_LIMITS: RoomLimits = {
  maxMessageBytes: 1024 * 1024,
  maxBoardBytes: 32 * 1024 * 1024,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxRefusals: 100,
  compactEvery: 1000,
  maxAwarenessBytes: 8 * 1024,
};

/**
 * The server's own writes (restoring entries a refused update touched) use the
 * largest client id, so in a tie with a refused item they land to its right
 * and win on every replica.
 */
export const SERVER_CLIENT_ID = 0xffffffff;

/** The most clock values a refusal will fill with placeholders (an honest client's refused edit is a few). */
const MAX_PLACEHOLDER_CLOCKS = 10_000;

export const CLOSE = {
  malformed: 1007,
  policy: 1008,
  tooBig: 1009,
  internal: 1011,
  tryLater: 1013,
  readOnly: 4403,
  clientIdInUse: 4409,
  boardFull: 4413,
  tooManyRefusals: 4429,
} as const;

interface Connection {
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

interface RoomDeps {
  id: string;
  store: DocStore;
  limits: RoomLimits;
  logger: Logger;
  metrics: Metrics;
  turns: TurnScheduler;
  /** Called when the last connection leaves. */
  onEmpty(room: Room): void;
  /** Called when the room can no longer guarantee durability and must be dropped. */
  onBroken(room: Room): void;
}

interface Relay {
  update: Uint8Array;
  from: Connection | null;
}

/**
 * One board's live state: the Y.Doc, awareness and connections.
 * Every change to the doc is persisted before any client is told about it:
 * changes are batched per event-loop turn, appended to the store in one
 * write, and only then relayed (each message encoded once for all receivers).
 */
export class Room implements TurnParticipant {
  readonly id: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  private readonly deps: RoomDeps;
  private readonly conns = new Map<SyncSocket, Connection>();
  private pendingRelay: Relay[] = [];
  private outbox: Array<{ to: Connection; data: Uint8Array }> = [];
  /** True while this turn's messages are applied; the turn's output is collected right after. */
  private processing = false;
  private lastSeq: number;
  private storedBytes: number;
  /** Bytes applied this turn and not yet stored, so several messages in one turn cannot pass the size limit together. */
  private unstoredBytes = 0;
  private sinceCompaction: number;
  private broken = false;
  private released = false;
  private drained: (() => void) | null = null;
  private inbox: Array<{ conn: Connection; data: Uint8Array }> = [];
  /** Which live connection writes with which Yjs client id. */
  private readonly writers = new Map<number, Connection>();
  private readonly awaitingStep2 = new Set<Connection>();
  /** A refusal's corrections must reach the refused writer too, so its turn is relayed to everyone. */
  private refusedThisTurn = false;

  static async load(deps: RoomDeps): Promise<Room> {
    const stored = await deps.store.loadDoc(deps.id);
    const doc = new Y.Doc({ gc: true });
    // One transaction for the whole log: far faster than merging updates first.
    doc.transact(() => {
      for (const u of stored.updates) Y.applyUpdate(doc, u);
    });
    doc.clientID = SERVER_CLIENT_ID;
    return new Room(deps, doc, stored.lastSeq, stored.bytes, stored.updates.length - 1);
  }

  private constructor(deps: RoomDeps, doc: Y.Doc, lastSeq: number, bytes: number, sinceCompaction: number) {
    this.deps = deps;
    this.id = deps.id;
    this.doc = doc;
    this.lastSeq = lastSeq;
    this.storedBytes = bytes;
    this.sinceCompaction = Math.max(0, sinceCompaction);
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.doc.on("update", this.onDocUpdate);
    this.awareness.on("update", this.onAwarenessUpdate);
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  get isBroken(): boolean {
    return this.broken;
  }

  join(socket: SyncSocket, role: Role): void {
    const conn: Connection = {
      socket,
      role,
      writer: null,
      pendingStateVector: null,
      syncRequests: [],
      awarenessId: null,
      refusals: 0,
      closed: false,
    };
    this.conns.set(socket, conn);
    this.deps.metrics.connections++;
    this.deps.metrics.connectionsTotal++;
    this.sendNow(conn, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      this.sendNow(conn, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
    }
  }

  leave(socket: SyncSocket): void {
    const conn = this.conns.get(socket);
    if (!conn) return;
    conn.closed = true;
    this.conns.delete(socket);
    this.deps.metrics.connections--;
    if (conn.writer !== null && this.writers.get(conn.writer) === conn) this.writers.delete(conn.writer);
    this.awaitingStep2.delete(conn);
    if (conn.awarenessId !== null) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [conn.awarenessId], "leave");
    }
    if (this.conns.size === 0) {
      if (this.drained) this.drained();
      else this.deps.onEmpty(this);
    }
  }

  /**
   * Queues a message. Messages are handled together once per event-loop turn,
   * in one Yjs transaction: the turn's accepted changes then make one update
   * event, one stored row and one relayed message, however many clients sent them.
   */
  receive(socket: SyncSocket, data: Uint8Array): void {
    const conn = this.conns.get(socket);
    if (!conn || conn.closed) return;
    const m = this.deps.metrics;
    m.messagesIn++;
    m.bytesIn += data.byteLength;
    if (data.byteLength > this.deps.limits.maxMessageBytes) {
      this.disconnect(conn, CLOSE.tooBig, `message of ${data.byteLength} bytes exceeds the ${this.deps.limits.maxMessageBytes}-byte limit`);
      return;
    }
    // Answered at once and to this socket alone: it touches neither the document nor anyone else, so it skips the turn.
    // Only the bare byte is a heartbeat; with a body it falls to the turn's "unknown message type" like any stranger.
    if (isHeartbeat(data)) {
      this.sendNow(conn, HEARTBEAT);
      return;
    }
    this.inbox.push({ conn, data });
    this.requestTurn();
  }

  processInbox(): void {
    const batch = this.inbox;
    this.inbox = [];
    if (batch.length === 0 || this.broken) return;
    const sole = batch.every((b) => b.conn === batch[0]!.conn) ? batch[0]!.conn : null;
    this.refusedThisTurn = false;
    this.processing = true;
    try {
      this.doc.transact(() => {
        for (const { conn, data } of batch) if (!conn.closed) this.handleMessage(conn, data);
      }, sole ?? "batch");
    } finally {
      this.processing = false;
    }
  }

  takeOutgoing(): Outgoing | null {
    for (const conn of this.awaitingStep2) {
      const sv = conn.pendingStateVector;
      conn.pendingStateVector = null;
      if (sv && !conn.closed) this.outbox.push({ to: conn, data: encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, sv)) });
    }
    this.awaitingStep2.clear();
    if (this.pendingRelay.length === 0 && this.outbox.length === 0) return null;
    const relay = this.pendingRelay;
    const updates = relay.map((r) => r.update);
    const outbox = this.outbox;
    this.pendingRelay = [];
    this.outbox = [];
    return {
      boardId: this.id,
      updates,
      deliver: (lastSeq) => this.deliver(updates, relay, outbox, lastSeq),
      fail: (err) => this.fail(err),
    };
  }

  private requestTurn(): void {
    if (!this.processing) this.deps.turns.schedule(this);
  }

  private handleMessage(conn: Connection, data: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MESSAGE_SYNC:
          this.receiveSync(conn, decoder);
          break;
        case MESSAGE_AWARENESS:
          this.receiveAwareness(conn, decoding.readVarUint8Array(decoder));
          break;
        case MESSAGE_QUERY_AWARENESS:
          this.sendNow(conn, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
          break;
        case MESSAGE_AUTH:
          break; // clients have nothing to say here; keys are checked at the upgrade
        default:
          this.disconnect(conn, CLOSE.malformed, `unknown message type ${type}`);
      }
    } catch (err) {
      this.deps.logger.warn("malformed message", { room: this.id, role: conn.role, error: String(err) });
      this.disconnect(conn, CLOSE.malformed, "malformed message");
    }
  }

  /** Resolves once everything applied so far is durable and relayed. */
  async settle(): Promise<void> {
    await this.deps.turns.settle();
  }

  /**
   * Flushes, compacts and releases memory. Open connections are asked to close
   * and their messages still in flight are applied until they do (or until
   * `drainMs` passes), so a shutdown does not drop what a client just sent.
   */
  async unload(reason = "server is shutting down", drainMs = 2000): Promise<void> {
    if (this.conns.size > 0) {
      const drained = new Promise<void>((resolve) => {
        this.drained = resolve;
        setTimeout(resolve, drainMs).unref();
      });
      for (const conn of this.conns.values()) conn.socket.close(1001, reason);
      await drained;
      for (const conn of [...this.conns.values()]) this.disconnect(conn, 1001, reason);
    }
    await this.settle();
    if (!this.broken && this.sinceCompaction > 0) await this.compact();
    this.release();
    this.doc.destroy();
  }

  /** Stops listening and ends awareness's timer, so nothing keeps this room alive. */
  private release(): void {
    if (this.released) return;
    this.released = true;
    this.doc.off("update", this.onDocUpdate);
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy();
  }

  /** Runs a server-side change on the board (imports, migrations, facilitator tools on the API). */
  transact(fn: (doc: Y.Doc) => void, origin: string): void {
    this.doc.clientID = SERVER_CLIENT_ID;
    this.doc.transact(() => fn(this.doc), origin);
  }

  private receiveSync(conn: Connection, decoder: decoding.Decoder): void {
    const sub = decoding.readVarUint(decoder);
    if (sub === syncProtocol.messageYjsSyncStep1) {
      const sv = decoding.readVarUint8Array(decoder);
      Y.decodeStateVector(sv); // throws on garbage, before anything is queued
      const now = Date.now();
      conn.syncRequests = conn.syncRequests.filter((t) => now - t < 10_000);
      conn.syncRequests.push(now);
      if (conn.syncRequests.length > 20) {
        this.disconnect(conn, CLOSE.policy, "too many sync requests");
        return;
      }
      // Answered at the end of the turn, once however many arrived, and sent only after
      // the turn's changes are durable.
      conn.pendingStateVector = sv;
      this.awaitingStep2.add(conn);
      this.requestTurn();
    } else if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) {
      this.receiveUpdate(conn, decoding.readVarUint8Array(decoder));
    } else {
      this.disconnect(conn, CLOSE.malformed, `unknown sync message ${sub}`);
    }
  }

  private receiveUpdate(conn: Connection, update: Uint8Array): void {
    const verdict = inspectUpdate(this.doc, update, { allowMeta: conn.role === "facilitator", writer: conn.writer });
    if (verdict.noop && verdict.reason === null) return;
    if (conn.role === "viewer") {
      // Nothing of a viewer's is ever applied or answered with a change: it is told why and let go.
      return this.refuseAndClose(conn, CLOSE.readOnly, "viewers cannot change the board");
    }
    if (verdict.writer !== null) {
      const owner = this.writers.get(verdict.writer);
      if (owner && owner !== conn) {
        // Usually the same client reconnecting before its old socket is reaped: it keeps its
        // changes and retries. Never let one connection write under another's id.
        return this.refuseAndClose(conn, CLOSE.clientIdInUse, "client id is in use by another connection, retry");
      }
      if (conn.writer === null) {
        conn.writer = verdict.writer;
        this.writers.set(verdict.writer, conn);
      } else if (conn.writer !== verdict.writer) {
        return this.refuseAndClose(conn, CLOSE.policy, "one connection writes with one client id");
      }
    }
    if (conn.role === "participant" && this.doc.getMap("meta").get("locked") === true) {
      return this.refuse(conn, verdict, "the board is locked by the facilitator");
    }
    if (verdict.reason !== null) return this.refuse(conn, verdict, verdict.reason);
    if (this.storedBytes + this.unstoredBytes + update.byteLength > this.deps.limits.maxBoardBytes) {
      this.refuse(conn, verdict, "the board is full");
      this.disconnect(conn, CLOSE.boardFull, `board is full (limit ${this.deps.limits.maxBoardBytes} bytes)`);
      return;
    }
    Y.applyUpdate(this.doc, update);
    this.unstoredBytes += update.byteLength;
    this.deps.metrics.updatesAccepted++;
  }

  /** Refuses an update whole and lets its connection go, with the reason as the close reason. */
  private refuseAndClose(conn: Connection, code: number, reason: string): void {
    this.deps.metrics.updatesRefused++;
    this.disconnect(conn, code, reason);
  }

  /**
   * Refuses an update whole, and brings the writer back in step: its clock is
   * advanced with empty placeholders (so its later, valid edits still fit),
   * the refused content is deleted from its copy, and every entry the update
   * touched is written again with the board's current value.
   */
  private refuse(conn: Connection, verdict: Verdict, reason: string): void {
    this.deps.metrics.updatesRefused++;
    this.refusedThisTurn = true;
    conn.refusals++;
    this.deps.logger.warn("update refused", { room: this.id, role: conn.role, reason });
    const placeholderClocks = verdict.newRanges.reduce((n, r) => n + r.len, 0);
    if ((verdict.writer !== null && verdict.writer !== conn.writer) || placeholderClocks > MAX_PLACEHOLDER_CLOCKS) {
      // Not this connection's own content, or too much of it to stand in for: no placeholders, let it go.
      this.disconnect(conn, CLOSE.policy, `update refused: ${reason}`);
      return;
    }
    if (verdict.newRanges.length > 0) {
      Y.applyUpdate(this.doc, encodePlaceholderUpdate(verdict.newRanges), "refusal");
      this.enqueue(conn, encodeSyncUpdate(encodeDeleteUpdate(verdict.newRanges)));
    }
    const keys = new Map<string, [string, string]>();
    for (const [root, key] of [...verdict.deletedKeys, ...verdict.writtenKeys]) keys.set(`${root}\u0000${key}`, [root, key]);
    if (keys.size > 0) {
      this.transact((doc) => {
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
    if (conn.refusals > this.deps.limits.maxRefusals) {
      this.disconnect(conn, CLOSE.tooManyRefusals, `too many refused updates (last: ${reason})`);
    }
  }

  private receiveAwareness(conn: Connection, update: Uint8Array): void {
    // Each connection may only speak for itself: keep the entry of the first client id it announced.
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const kept = encoding.createEncoder();
    let keptCount = 0;
    const body = encoding.createEncoder();
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      // Stock clients echo every awareness change they receive, others' included. An echo carries no
      // news (its clock is not ahead of ours), so it must not make this connection the owner of that id.
      const known = this.awareness.meta.get(clientId)?.clock ?? -1;
      if (conn.awarenessId === null && clock > known) this.claimAwareness(conn, clientId);
      if (clientId !== conn.awarenessId || state.length > this.deps.limits.maxAwarenessBytes) continue;
      encoding.writeVarUint(body, clientId);
      encoding.writeVarUint(body, clock);
      encoding.writeVarString(body, state);
      keptCount++;
    }
    if (keptCount === 0) return;
    encoding.writeVarUint(kept, keptCount);
    encoding.writeUint8Array(kept, encoding.toUint8Array(body));
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encoding.toUint8Array(kept), conn);
  }

  /**
   * The newest connection speaking for an awareness id wins it: that is a client
   * reconnecting before its old socket was reaped, and its presence should show.
   */
  private claimAwareness(conn: Connection, clientId: number): void {
    for (const c of this.conns.values()) if (c !== conn && c.awarenessId === clientId) c.awarenessId = null;
    conn.awarenessId = clientId;
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    const from =
      !this.refusedThisTurn && origin !== null && typeof origin === "object" && this.isConnection(origin) ? origin : null;
    this.pendingRelay.push({ update, from });
    this.requestTurn();
  };

  private isConnection(origin: object): origin is Connection {
    return "socket" in origin && this.conns.get((origin as Connection).socket) === origin;
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
  ): void => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    this.broadcast(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)), null);
  };

  private enqueue(conn: Connection, data: Uint8Array): void {
    this.outbox.push({ to: conn, data });
    this.requestTurn();
  }

  private async deliver(updates: Uint8Array[], relay: Relay[], outbox: Array<{ to: Connection; data: Uint8Array }>, lastSeq: number | null): Promise<void> {
    this.unstoredBytes = 0;
    if (this.broken) return;
    if (lastSeq !== null) {
      this.lastSeq = lastSeq;
      for (const u of updates) this.storedBytes += u.byteLength;
      this.sinceCompaction += updates.length;
    }
    if (relay.length === 1) {
      const { update, from } = relay[0]!;
      this.broadcast(encodeSyncUpdate(update), from);
    } else if (relay.length > 1) {
      // One merged message per turn instead of one per update: fewer frames for every receiver.
      this.broadcast(encodeSyncUpdate(Y.mergeUpdates(relay.map((r) => r.update))), null);
    }
    for (const { to, data } of outbox) if (!to.closed) this.sendNow(to, data);
    if (this.sinceCompaction >= this.deps.limits.compactEvery && this.pendingRelay.length === 0) {
      await this.compact();
    }
  }

  private async compact(): Promise<void> {
    // Only called when every applied update is durable, so the state matches lastSeq exactly.
    const state = Y.encodeStateAsUpdate(this.doc);
    const through = this.lastSeq;
    try {
      await this.deps.store.compact(this.id, state, through);
      this.storedBytes = state.byteLength;
      this.sinceCompaction = 0;
      this.deps.metrics.compactions++;
    } catch (err) {
      this.deps.logger.error("compaction failed", { room: this.id, error: String(err) });
    }
  }

  fail(err: unknown): void {
    this.broken = true;
    this.deps.logger.error("room failed; dropping it", { room: this.id, error: String(err) });
    // Clients still hold their changes and resend them when they reconnect.
    for (const c of [...this.conns.values()]) this.disconnect(c, CLOSE.internal, "storage failure, please reconnect");
    this.release();
    this.deps.onBroken(this);
  }

  /** Sends one message object to everyone (but `except`); transports can frame it once for all. */
  private broadcast(data: Uint8Array, except: Connection | null): void {
    for (const c of this.conns.values()) if (c !== except) this.sendNow(c, data);
  }

  private sendNow(conn: Connection, data: Uint8Array): void {
    if (conn.closed) return;
    if ((conn.socket.bufferedAmount ?? 0) > this.deps.limits.maxBufferedBytes) {
      this.disconnect(conn, CLOSE.tryLater, "client is not keeping up");
      return;
    }
    this.deps.metrics.messagesOut++;
    this.deps.metrics.bytesOut += data.byteLength;
    conn.socket.send(data);
  }

  private disconnect(conn: Connection, code: number, reason: string): void {
    if (conn.closed) return;
    conn.socket.close(code, reason);
    this.leave(conn.socket);
  }
}
