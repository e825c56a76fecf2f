import * as Y from "yjs";
import type { StoredUpdates } from "../bus/types";
import type { Logger } from "../log";
import type { Metrics } from "../metrics";
import type { DocStore } from "../storage/types";
import { HeldSeqs } from "./held";

/** The board a stored log describes. One transaction for the whole log: far faster than merging updates first. */
export function docFromLog(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  doc.transact(() => {
    for (const u of updates) Y.applyUpdate(doc, u);
  });
  return doc;
}

/** Origin of updates another node stored: applied and relayed here, never stored again. */
const REMOTE = Symbol("stored by another node");

/** How long a missing sequence number may stay missing before the room reads it from the store. */
const GAP_MS = 1000;
/** How long after another node's compaction was due this node reads the log's new size. */
const RESIZE_MS = 2000;

export interface ReplicaOptions {
  id: string;
  doc: Y.Doc;
  store: DocStore;
  logger: Logger;
  metrics: Metrics;
  /** One node serves every board: nothing arrives from elsewhere and the room's copy is the whole board. */
  single: boolean;
  compactEvery: number;
  lastSeq: number;
  storedBytes: number;
  sinceCompaction: number;
  /**
   * Another node stored content under an id this copy already holds other content for (one client id
   * writing on two nodes at once): the copies disagree on what that id means, so the room must be
   * read again from the store, whose order settles it the same way on every node.
   */
  onConflict(reason: string): void;
}

/**
 * A room's copy of the board as the store holds it: which stored updates it has (its own and
 * other nodes'), what other nodes' updates still need relaying here, missing ones caught up
 * from the store, and compaction of the stored log.
 */
export class Replica {
  storedBytes: number;
  private readonly held: HeldSeqs;
  private sinceCompaction: number;
  /** Multi-node: this node's append crossed a multiple of compactEvery, so compacting is its job. */
  private compactionDue = false;
  private toRelay: Uint8Array[] = [];
  private gapTimer: NodeJS.Timeout | null = null;
  private resizeTimer: NodeJS.Timeout | null = null;
  private compacting: Promise<void> | null = null;
  private destroyed = false;

  constructor(private readonly o: ReplicaOptions) {
    this.held = new HeldSeqs(o.lastSeq);
    this.storedBytes = o.storedBytes;
    this.sinceCompaction = o.sinceCompaction;
  }

  isRemote(origin: unknown): boolean {
    return origin === REMOTE;
  }

  /** An update event of another node's change, for the next turn's relay. */
  relayLater(update: Uint8Array): void {
    this.toRelay.push(update);
  }

  /** Other nodes' changes applied since the last turn, as one update; null when there are none. */
  takeRelay(): Uint8Array | null {
    if (this.toRelay.length === 0) return null;
    const updates = this.toRelay;
    this.toRelay = [];
    return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
  }

  /** This node stored a turn as sequence numbers from..to. */
  stored(fromSeq: number, toSeq: number, updates: readonly Uint8Array[]): void {
    this.held.add(fromSeq, toSeq);
    for (const u of updates) this.storedBytes += u.byteLength;
    this.sinceCompaction += updates.length;
    if (!this.o.single && this.crossesCompaction(fromSeq, toSeq)) this.compactionDue = true;
    this.watchGap();
  }

  /** Another node stored a turn. */
  receive(entry: StoredUpdates): void {
    if (this.destroyed || this.held.holds(entry.fromSeq, entry.toSeq)) return;
    for (const [client, clock] of Y.parseUpdateMeta(entry.update).from) {
      if (clock < Y.getState(this.o.doc.store, client)) return this.o.onConflict(`client ${client} wrote on two nodes at once`);
    }
    Y.applyUpdate(this.o.doc, entry.update, REMOTE);
    this.held.add(entry.fromSeq, entry.toSeq);
    this.storedBytes += entry.update.byteLength;
    // The node that stored this compacts the log now; the size limit must count what is left, not what was.
    if (this.crossesCompaction(entry.fromSeq, entry.toSeq)) this.resizeTimer ??= setTimeout(() => void this.resize(), RESIZE_MS);
    this.watchGap();
  }

  /**
   * Starts a compaction when one is due and none is running. It runs beside the turns rather than in
   * their chain: with several nodes it reads and rewrites the whole log, and no other board should wait.
   */
  compactIfDue(): void {
    if (this.compacting || !(this.o.single ? this.sinceCompaction >= this.o.compactEvery : this.compactionDue)) return;
    this.compacting = this.compact().finally(() => (this.compacting = null));
  }

  /** Resolves once no compaction is running. */
  async idle(): Promise<void> {
    await this.compacting;
  }

  async compactOnUnload(): Promise<void> {
    await this.compacting;
    // With several nodes another may still be writing; compaction stays with the node whose append called for it.
    if (this.o.single && this.sinceCompaction > 0) await this.compact();
  }

  destroy(): void {
    this.destroyed = true;
    for (const timer of [this.gapTimer, this.resizeTimer]) if (timer) clearTimeout(timer);
    this.gapTimer = this.resizeTimer = null;
  }

  /** Several nodes compact the log at every multiple of compactEvery, each turn's node its own. */
  private crossesCompaction(fromSeq: number, toSeq: number): boolean {
    const every = this.o.compactEvery;
    return Math.floor((fromSeq - 1) / every) !== Math.floor(toSeq / every);
  }

  private async resize(): Promise<void> {
    this.resizeTimer = null;
    try {
      const { bytes } = await this.o.store.loadDoc(this.o.id);
      if (!this.destroyed) this.storedBytes = bytes;
    } catch (err) {
      this.o.logger.warn("reading the board's size failed", { room: this.o.id, error: String(err) });
    }
  }

  private async compact(): Promise<void> {
    this.compactionDue = false;
    try {
      const { state, through } = this.o.single ? this.ownState() : await this.storedState();
      // False: another node compacted this far already; this node tries again at its next boundary.
      if (!(await this.o.store.compact(this.o.id, state, through))) return;
      this.storedBytes = state.byteLength;
      this.sinceCompaction = 0;
      this.o.metrics.compactions++;
    } catch (err) {
      this.o.logger.error("compaction failed", { room: this.o.id, error: String(err) });
    }
  }

  /** One node: every applied update is durable when this runs, so the copy matches the last stored sequence number. */
  private ownState(): { state: Uint8Array; through: number } {
    return { state: Y.encodeStateAsUpdate(this.o.doc), through: this.held.through };
  }

  /** Several nodes: the copy may lack what another node stored a moment ago, so the log itself is compacted. */
  private async storedState(): Promise<{ state: Uint8Array; through: number }> {
    const stored = await this.o.store.loadDoc(this.o.id);
    const doc = docFromLog(stored.updates);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return { state, through: stored.lastSeq };
  }

  private watchGap(): void {
    if (!this.held.hasGap || this.destroyed) {
      if (this.gapTimer) clearTimeout(this.gapTimer);
      this.gapTimer = null;
      return;
    }
    this.gapTimer ??= setTimeout(() => void this.catchUp(), GAP_MS);
  }

  /**
   * A stored update never arrived (its node died between storing and publishing, or the bus lost
   * it): read the log past what this copy holds in order and apply it. Applying what the copy already has changes nothing.
   */
  private async catchUp(): Promise<void> {
    this.gapTimer = null;
    if (this.destroyed || !this.held.hasGap) return;
    try {
      const since = await this.o.store.loadUpdatesSince(this.o.id, this.held.through);
      // Null: compacted past what this copy holds, so the whole log is read instead.
      const { updates, lastSeq } = since
        ? { updates: since.map((r) => r.update), lastSeq: since.at(-1)?.seq ?? this.held.through }
        : await this.o.store.loadDoc(this.o.id);
      if (this.destroyed) return;
      this.o.doc.transact(() => {
        for (const u of updates) Y.applyUpdate(this.o.doc, u);
      }, REMOTE);
      this.held.advanceTo(lastSeq);
      this.o.logger.info("caught up from the store", { room: this.o.id, through: lastSeq });
    } catch (err) {
      this.o.logger.warn("catching up failed", { room: this.o.id, error: String(err) });
    }
    this.watchGap();
  }
}
