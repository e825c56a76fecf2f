import * as Y from "yjs";

/**
 * What the soak checks the store against: every update any client saw relayed by the server
 * (its doc's "update" events whose origin is its provider), and every update a client made
 * itself. Relays are kept once per distinct update: the server sends the same change to every
 * other client of the board.
 */
export class BoardLedger {
  /** Updates seen relayed, by their bytes (base64), so each distinct one is checked once. */
  private readonly relayed = new Map<string, Uint8Array>();
  /** Every local change, as the author's doc encoded it. */
  readonly sent: Uint8Array[] = [];
  receptions = 0;

  constructor(readonly boardId: string) {}

  recordRelayed(update: Uint8Array): void {
    this.receptions++;
    const key = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString("base64");
    if (!this.relayed.has(key)) this.relayed.set(key, update);
  }

  recordSent(update: Uint8Array): void {
    this.sent.push(update);
  }

  get distinctRelayed(): number {
    return this.relayed.size;
  }

  relayedUpdates(): Uint8Array[] {
    return [...this.relayed.values()];
  }
}

/** The stored doc's clocks and deletions, to ask of each update whether the store holds all of it. */
export class StoredState {
  private readonly vector: Map<number, number>;
  private readonly deletions: ReturnType<typeof Y.createDeleteSetFromStructStore>;

  constructor(readonly doc: Y.Doc) {
    this.vector = Y.decodeStateVector(Y.encodeStateVector(doc));
    this.deletions = Y.createDeleteSetFromStructStore(doc.store);
  }

  /**
   * True when every struct the update inserts is below the stored clock of its client and every
   * deletion it carries is a deletion in the store. (Skips are gaps in an update, not content.)
   */
  holds(update: Uint8Array): boolean {
    const { structs, ds } = Y.decodeUpdate(update);
    for (const struct of structs) {
      if (struct instanceof Y.Skip) continue;
      if (struct.id.clock + struct.length > (this.vector.get(struct.id.client) ?? 0)) return false;
    }
    for (const [client, ranges] of ds.clients) {
      for (const range of ranges) {
        for (let clock = range.clock; clock < range.clock + range.len; clock++) {
          if (!Y.isDeleted(this.deletions, Y.createID(client, clock))) return false;
        }
      }
    }
    return true;
  }

  /**
   * The whole-ledger check, independent of the per-update one: every relayed update merged and
   * applied to a copy of the stored doc must change nothing (same state vector, same deletions,
   * nothing left pending for want of a missing struct).
   */
  absorbs(updates: readonly Uint8Array[]): boolean {
    if (updates.length === 0) return true;
    const copy = new Y.Doc({ gc: false });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
    const before = Y.snapshot(copy);
    Y.applyUpdate(copy, Y.mergeUpdates([...updates]));
    const pending = copy.store.pendingStructs !== null || copy.store.pendingDs !== null;
    return !pending && Y.equalSnapshots(before, Y.snapshot(copy));
  }
}

/** Rebuilds a board's doc from its stored log, as the server does when it loads it. */
export function docFromStore(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  doc.transact(() => {
    for (const u of updates) Y.applyUpdate(doc, u);
  });
  return doc;
}
