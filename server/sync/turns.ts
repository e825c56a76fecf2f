import type { DocStore } from "../storage/types";
import type { Metrics } from "../metrics";

/** What a room has to store and send after one turn. */
export interface Outgoing {
  boardId: string;
  updates: Uint8Array[];
  /** Sends what the turn produced; `lastSeq` is the stored sequence number, null when nothing was stored. */
  deliver(lastSeq: number | null): Promise<void>;
  /** The store refused the turn's writes. */
  fail(err: unknown): void;
}

export interface TurnParticipant {
  /** Applies the messages received this turn. */
  processInbox(): void;
  /** Takes what this turn produced, or null when there is nothing. */
  takeOutgoing(): Outgoing | null;
  /** Drops the room: its state can no longer be trusted. */
  fail(err: unknown): void;
}

/**
 * Group commit for the whole process. Rooms with work ask for a turn; once per
 * event-loop turn every such room applies its messages, all their changes are
 * written to the store in one transaction, and only then does each room relay.
 * Turns commit in order, one at a time; while one is being written the next
 * ones gather more work, so batches grow with load.
 */
export class TurnScheduler {
  private readonly waiting = new Set<TurnParticipant>();
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: DocStore,
    private readonly metrics: Metrics,
  ) {}

  schedule(room: TurnParticipant): void {
    this.waiting.add(room);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.run);
  }

  /** Resolves once every turn scheduled so far is stored and relayed. */
  async settle(): Promise<void> {
    for (let i = 0; i < 1000 && (this.scheduled || this.waiting.size > 0); i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    await this.chain;
  }

  private readonly run = (): void => {
    this.scheduled = false;
    const rooms = [...this.waiting];
    this.waiting.clear();
    const batch: Outgoing[] = [];
    for (const room of rooms) {
      try {
        room.processInbox();
        const out = room.takeOutgoing();
        if (out) batch.push(out);
      } catch (err) {
        // One room's failure must not cost the other rooms their turn.
        room.fail(err);
      }
    }
    if (batch.length > 0) this.chain = this.chain.then(() => this.commit(batch));
  };

  private async commitEach(batch: Outgoing[]): Promise<void> {
    await Promise.all(
      batch.map(async (o) => {
        if (o.updates.length === 0) return o.deliver(null);
        let seq: number;
        try {
          const started = performance.now();
          [seq] = (await this.store.appendBatch([{ boardId: o.boardId, updates: o.updates }])) as [number];
          this.metrics.turnCommitted(performance.now() - started);
          this.metrics.persistBatches++;
        } catch (err) {
          return o.fail(err);
        }
        return o.deliver(seq);
      }),
    );
  }

  private async commit(batch: Outgoing[]): Promise<void> {
    const writes = batch.filter((o) => o.updates.length > 0);
    let seqs: number[] = [];
    if (writes.length > 0) {
      try {
        const started = performance.now();
        seqs = await this.store.appendBatch(writes.map((o) => ({ boardId: o.boardId, updates: o.updates })));
        this.metrics.turnCommitted(performance.now() - started);
        this.metrics.persistBatches++;
      } catch (err) {
        if (writes.length === 1) {
          writes[0]!.fail(err);
          await Promise.all(batch.filter((o) => o.updates.length === 0).map((o) => o.deliver(null)));
          return;
        }
        // One board's trouble (a lock held too long elsewhere) must not cost every other board its turn:
        // each is tried on its own, and only those that fail again are dropped.
        return this.commitEach(batch);
      }
    }
    // The line of durability: from here on every update of the batch is stored. Rooms publish and
    // relay side by side; each room's turns still go out in order, as the next batch waits for this one.
    let k = 0;
    await Promise.all(batch.map((o) => o.deliver(o.updates.length > 0 ? seqs[k++]! : null)));
  }
}
