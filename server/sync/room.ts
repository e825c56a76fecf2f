import { randomInt } from "node:crypto";
import * as Y from "yjs";
import type { BoardFeed, BoardNotice } from "../bus/types";
import type { Logger } from "../log";
import type { Metrics } from "../metrics";
import type { DocStore, Role } from "../storage/types";
import { SERVER_IDS_FROM } from "./admit";
import { CLOSE, newConnection, type Connection, type SeatAtJoin, type SyncSocket } from "./connection";
import { dispatch, type DispatchContext } from "./dispatch";
import type { RoomLimits } from "./limits";
import { Presence } from "./presence";
import { publishAndRelay, type PublishContext, type Relayed, type StoredTurn } from "./publish";
import { HEARTBEAT, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, isHeartbeat } from "./protocol";
import { Relay } from "./relay";
import { BOARD_DELETED_REASON, LINK_REPLACED_REASON, RoomKeys, SEAT_REMOVED_REASON } from "./room-keys";
import { Replica, docFromLog } from "./replica";
import type { Outgoing, TurnParticipant, TurnScheduler } from "./turns";

export { CLOSE, type SyncSocket } from "./connection";
export { DEFAULT_ROOM_LIMITS, type RoomLimits } from "./limits";

/** The board is not in the store (never was, or was deleted): there is nothing to load. */
export class BoardGoneError extends Error {
  constructor(id: string) {
    super(`board ${id} does not exist`);
  }
}

export interface RoomDeps {
  id: string;
  store: DocStore;
  /** This board on the bus between nodes. */
  feed: BoardFeed;
  /** One node serves every board: this room's copy is the whole board. */
  single: boolean;
  limits: RoomLimits;
  logger: Logger;
  metrics: Metrics;
  turns: TurnScheduler;
  /** Called when the last connection leaves. */
  onEmpty(room: Room): void;
  /** Called when the room can no longer guarantee durability and must be dropped. */
  onBroken(room: Room): void;
}

/**
 * One board's live state on this node: the Y.Doc, presence and connections. An update goes
 * through five stages: inspect and apply (./dispatch.ts, ./admit.ts: once per turn for all
 * messages), store (./turns.ts: one transaction for every room's turn), publish and relay
 * (./publish.ts: the bus to other nodes, then this node's clients). Nobody is told about a
 * change before it is stored.
 */
export class Room implements TurnParticipant {
  readonly id: string;
  readonly doc: Y.Doc;
  private readonly serverClientId: number;
  private readonly deps: RoomDeps;
  private readonly conns = new Map<SyncSocket, Connection>();
  private readonly relay: Relay;
  private readonly presence: Presence;
  private readonly replica: Replica;
  private readonly dispatch: DispatchContext;
  private readonly publishing: PublishContext;
  private inbox: Array<{ conn: Connection; data: Uint8Array }> = [];
  /** When the inbox's first message arrived (performance.now()), and that of the turn being applied: relay time counts from it. */
  private inboxSince = 0;
  private turnReceivedAt: number | null = null;
  private pendingRelay: Relayed[] = [];
  private outbox: Array<{ to: Connection; data: Uint8Array }> = [];
  /** True while this turn's messages are applied; the turn's output is collected right after. */
  private processing = false;
  /** Bytes applied this turn and not yet stored, so several messages in one turn cannot pass the size limit together. */
  private unstoredBytes = 0;
  private broken = false;
  private released = false;
  private drained: (() => void) | null = null;
  private readonly writers = new Map<number, Connection>();
  private readonly awaitingStep2 = new Set<Connection>();
  /** A refusal's corrections must reach the refused writer too, so its turn is relayed to everyone. */
  private refusedThisTurn = false;
  private readonly keys: RoomKeys;

  static async load(deps: RoomDeps): Promise<Room> {
    // The feed was opened before these reads, so whatever other nodes store or announce from now on reaches the room.
    const [board, stored, removed] = await Promise.all([deps.store.getBoard(deps.id), deps.store.loadDoc(deps.id), deps.store.removedParticipants(deps.id)]);
    if (!board) throw new BoardGoneError(deps.id);
    return new Room(deps, new RoomKeys(board, removed), docFromLog(stored.updates), stored.lastSeq, stored.bytes, stored.updates.length - 1);
  }

  private constructor(deps: RoomDeps, keys: RoomKeys, doc: Y.Doc, lastSeq: number, bytes: number, sinceCompaction: number) {
    this.deps = deps;
    this.keys = keys;
    this.id = deps.id;
    this.doc = doc;
    // The server's own writes (restoring entries a refused update touched, changes made through the
    // API) use a client id above every client's, so in a tie with a refused item they land to its
    // right and win on every replica; each room copy draws its own, so two nodes writing at once
    // never write under one id.
    this.serverClientId = SERVER_IDS_FROM + randomInt(2 ** 31);
    doc.clientID = this.serverClientId;
    const disconnect = (conn: Connection, code: number, reason: string) => this.disconnect(conn, code, reason);
    this.relay = new Relay(this.conns, deps.limits.maxBufferedBytes, deps.metrics, disconnect);
    this.presence = new Presence(doc, {
      conns: this.conns,
      maxStateBytes: deps.limits.maxAwarenessBytes,
      broadcast: (data) => this.relay.broadcast(data, null),
      requestTurn: () => this.requestTurn(),
      publish: deps.single ? undefined : (update) => deps.feed.publishAwareness(update),
    });
    this.replica = new Replica({
      id: deps.id,
      doc,
      store: deps.store,
      logger: deps.logger,
      single: deps.single,
      compactEvery: deps.limits.compactEvery,
      lastSeq,
      storedBytes: bytes,
      sinceCompaction: Math.max(0, sinceCompaction),
      metrics: deps.metrics,
      onConflict: (reason) => this.fail(reason, CLOSE.restart, "the board is being reloaded, reconnecting"),
    });
    this.dispatch = {
      roomId: deps.id,
      logger: deps.logger,
      presence: this.presence,
      send: (conn, data) => this.relay.send(conn, data),
      disconnect,
      answerAtTurnEnd: (conn, sv) => {
        conn.pendingStateVector = sv;
        this.awaitingStep2.add(conn);
        this.requestTurn();
      },
      addUnstored: (bytes) => (this.unstoredBytes += bytes),
      admit: {
        roomId: deps.id,
        doc,
        logger: deps.logger,
        metrics: deps.metrics,
        maxBoardBytes: deps.limits.maxBoardBytes,
        maxRefusals: deps.limits.maxRefusals,
        writers: this.writers,
        boardBytes: () => this.replica.storedBytes + this.unstoredBytes,
        disconnect,
        enqueue: (conn, data) => this.enqueue(conn, data),
        transact: (fn, origin) => this.transact(fn, origin),
        noteRefusal: () => (this.refusedThisTurn = true),
      },
    };
    this.publishing = {
      roomId: deps.id,
      logger: deps.logger,
      metrics: deps.metrics,
      feed: deps.feed,
      single: deps.single,
      replica: this.replica,
      relay: this.relay,
      isBroken: () => this.broken,
    };
    this.doc.on("update", this.onDocUpdate);
    deps.feed.listen({
      onUpdates: (entry) => this.replica.receive(entry),
      onAwareness: (update) => this.presence.receiveRemote(update),
      onNotice: (notice) => void this.hear(notice),
    });
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  get isBroken(): boolean {
    return this.broken;
  }

  join(socket: SyncSocket, role: Role, keyHash: string, seat: SeatAtJoin = null): void {
    if (this.broken) {
      // Dropped between the upgrade and now (a reset): the client reconnects to its successor.
      socket.close(CLOSE.restart, "the board is being reloaded, reconnecting");
      return;
    }
    if (!this.keys.admits(role, keyHash)) {
      socket.close(CLOSE.linkReplaced, LINK_REPLACED_REASON);
      return;
    }
    if (seat !== null && seat !== "unknown" && (seat.removed || this.keys.wasRemoved(seat.participant))) {
      socket.close(CLOSE.seatRemoved, SEAT_REMOVED_REASON);
      return;
    }
    const conn = newConnection(socket, role, keyHash, seat);
    this.conns.set(socket, conn);
    this.deps.metrics.connections++;
    this.deps.metrics.connectionsTotal++;
    this.relay.send(conn, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    if (this.presence.count > 0) this.relay.send(conn, this.presence.everyone());
  }

  leave(socket: SyncSocket): void {
    const conn = this.conns.get(socket);
    if (!conn) return;
    conn.closed = true;
    this.conns.delete(socket);
    this.deps.metrics.connections--;
    if (conn.writer !== null && this.writers.get(conn.writer) === conn) this.writers.delete(conn.writer);
    this.awaitingStep2.delete(conn);
    this.presence.leave(conn);
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
      m.refused("too_big");
      this.disconnect(conn, CLOSE.tooBig, `message of ${data.byteLength} bytes exceeds the ${this.deps.limits.maxMessageBytes}-byte limit`);
      return;
    }
    // Answered at once and to this socket alone: it touches neither the document nor anyone else, so it skips the turn.
    // Only the bare byte is a heartbeat; with a body it falls to the turn's "unknown message type" like any stranger.
    if (isHeartbeat(data)) {
      this.relay.send(conn, HEARTBEAT);
      return;
    }
    if (this.inbox.length === 0) this.inboxSince = performance.now();
    this.inbox.push({ conn, data });
    this.requestTurn();
  }

  /** Stages inspect and apply, for every message of this turn in one transaction. */
  processInbox(): void {
    const batch = this.inbox;
    this.inbox = [];
    if (batch.length === 0 || this.broken) return;
    this.turnReceivedAt = this.inboxSince;
    const sole = batch.every((b) => b.conn === batch[0]!.conn) ? batch[0]!.conn : null;
    this.refusedThisTurn = false;
    this.processing = true;
    try {
      this.doc.transact(() => {
        for (const { conn, data } of batch) if (!conn.closed) dispatch(this.dispatch, conn, data);
      }, sole ?? "batch");
    } finally {
      this.processing = false;
    }
  }

  /** Hands the turn's changes to the store stage; what needs no storing is relayed now. */
  takeOutgoing(): Outgoing | null {
    const receivedAt = this.turnReceivedAt;
    this.turnReceivedAt = null;
    this.presence.flush();
    const remote = this.replica.takeRelay();
    if (remote) this.relay.broadcast(encodeSyncUpdate(remote), null);
    for (const conn of this.awaitingStep2) {
      const sv = conn.pendingStateVector;
      conn.pendingStateVector = null;
      if (sv && !conn.closed) this.outbox.push({ to: conn, data: encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, sv)) });
    }
    this.awaitingStep2.clear();
    if (this.pendingRelay.length === 0 && this.outbox.length === 0) return null;
    const relayed = this.pendingRelay;
    const updates = relayed.map((r) => r.update);
    const outbox = this.outbox;
    this.pendingRelay = [];
    this.outbox = [];
    return {
      boardId: this.id,
      updates,
      deliver: (lastSeq) => this.deliver({ updates, relayed, outbox, lastSeq, receivedAt }),
      fail: (err) => this.fail(err),
    };
  }

  private requestTurn(): void {
    if (!this.processing) this.deps.turns.schedule(this);
  }

  /** Resolves once everything applied so far is durable and relayed. */
  async settle(): Promise<void> {
    await this.deps.turns.settle();
    await this.replica.idle();
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
      for (const conn of this.conns.values()) conn.socket.close(CLOSE.goingAway, reason);
      await drained;
      for (const conn of [...this.conns.values()]) this.disconnect(conn, CLOSE.goingAway, reason);
    }
    await this.settle();
    if (!this.broken) await this.replica.compactOnUnload();
    this.release();
    this.doc.destroy();
  }

  /** Stops listening and ends presence's timer, so nothing keeps this room alive. */
  private release(): void {
    if (this.released) return;
    this.released = true;
    this.doc.off("update", this.onDocUpdate);
    this.presence.destroy();
    this.replica.destroy();
    this.deps.feed.close();
  }

  /** Runs a server-side change on the board (imports, migrations, facilitator tools on the API). */
  transact(fn: (doc: Y.Doc) => void, origin: string): void {
    this.doc.clientID = this.serverClientId;
    this.doc.transact(() => fn(this.doc), origin);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // What another node stored is relayed as it is, never stored again.
    if (this.replica.isRemote(origin)) {
      this.replica.relayLater(update);
      this.requestTurn();
      return;
    }
    const from =
      !this.refusedThisTurn && origin !== null && typeof origin === "object" && this.isConnection(origin) ? origin : null;
    this.pendingRelay.push({ update, from });
    this.requestTurn();
  };

  private isConnection(origin: object): origin is Connection {
    return "socket" in origin && this.conns.get((origin as Connection).socket) === origin;
  }

  private enqueue(conn: Connection, data: Uint8Array): void {
    this.outbox.push({ to: conn, data });
    this.requestTurn();
  }

  /** After the store stage. */
  private async deliver(turn: StoredTurn): Promise<void> {
    this.unstoredBytes = 0;
    // Even a room dropped meanwhile publishes what it stored: other nodes would otherwise wait for it.
    await publishAndRelay(this.publishing, turn);
    if (!this.broken && this.pendingRelay.length === 0) this.replica.compactIfDue();
  }

  /**
   * Acts on a notice about this board, from this node's API or another node's. Resolves once every
   * connection the notice ends is closed.
   */
  async hear(notice: BoardNotice): Promise<void> {
    if (this.broken) return;
    if (notice === "deleted") return this.fail("board deleted", CLOSE.boardDeleted, BOARD_DELETED_REASON);
    let read: "read" | "gone" | "stale";
    try {
      read = await this.keys.reread(this.deps.store, this.id);
    } catch (err) {
      // Without the current keys the room cannot tell who may stay: everyone reconnects through the upgrade's check.
      return this.fail(err);
    }
    if (read === "stale" || this.broken) return;
    if (read === "gone") return this.fail("board deleted", CLOSE.boardDeleted, BOARD_DELETED_REASON);
    for (const conn of [...this.conns.values()]) {
      if (!this.keys.admits(conn.role, conn.keyHash)) this.disconnect(conn, CLOSE.linkReplaced, LINK_REPLACED_REASON);
      else if (conn.seated !== null && this.keys.wasRemoved(conn.seated)) this.disconnect(conn, CLOSE.seatRemoved, SEAT_REMOVED_REASON);
    }
  }

  /** Drops the room: its state can no longer be trusted. Clients keep their changes and resend them. */
  fail(err: unknown, code: number = CLOSE.internal, reason = "storage is unavailable; your changes are kept and sent again on reconnecting"): void {
    if (this.broken) return;
    this.broken = true;
    if (code === CLOSE.internal) this.deps.logger.error("room failed; dropping it", { room: this.id, error: String(err) });
    else this.deps.logger.warn("room dropped to be read again", { room: this.id, reason: String(err) });
    for (const c of [...this.conns.values()]) this.disconnect(c, code, reason);
    this.release();
    this.deps.onBroken(this);
  }

  private disconnect(conn: Connection, code: number, reason: string): void {
    if (conn.closed) return;
    conn.socket.close(code, reason);
    this.leave(conn.socket);
  }
}
