import * as Y from "yjs";

/**
 * History pruning, shared by both adapters: they supply the queries, this decides what is folded and
 * folds it. The replace step re-checks what it read, so two processes pruning at once do the work
 * once (the second finds fewer entries than it read and leaves the board alone).
 */

export interface FoldableEntry {
  seq: number;
  folded: boolean;
  update: Uint8Array;
}

export interface PrunableHistory {
  /** Boards holding a history entry stamped before `before` that is not already a folded state. */
  boardsToPrune(before: number): Promise<string[]>;
  /** The board's history entries up to and including the last one stamped before `before`, in order. */
  entriesToFold(boardId: string, before: number): Promise<FoldableEntry[]>;
  /**
   * Atomically replaces the board's history entries through `throughSeq` by `state`, folded and stamped
   * `at`, provided they are still the `count` entries that were read; resolves false, changing nothing,
   * when they are not.
   */
  replaceWithState(boardId: string, throughSeq: number, count: number, state: Uint8Array, at: number): Promise<boolean>;
}

/** Updates applied between two turns of the event loop, so folding a long history never stalls sync. */
const UPDATES_PER_TURN = 256;

/** The state that applying `updates` in order gives; null when one of them cannot be decoded. */
export async function foldUpdates(updates: readonly Uint8Array[]): Promise<Uint8Array | null> {
  const doc = new Y.Doc();
  try {
    for (let i = 0; i < updates.length; i++) {
      if (i > 0 && i % UPDATES_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      Y.applyUpdate(doc, updates[i]!);
    }
    return Y.encodeStateAsUpdate(doc);
  } catch {
    return null;
  } finally {
    doc.destroy();
  }
}

/** `DocStore.pruneHistory` over an adapter's queries. */
export async function pruneHistoryWith(history: PrunableHistory, before: number): Promise<number> {
  let replaced = 0;
  for (const boardId of await history.boardsToPrune(before)) {
    const entries = await history.entriesToFold(boardId, before);
    if (entries.length === 0 || (entries.length === 1 && entries[0]!.folded)) continue;
    // A history that cannot be decoded is left whole: pruning never loses what it cannot reproduce.
    const state = await foldUpdates(entries.map((e) => e.update));
    if (!state) continue;
    if (await history.replaceWithState(boardId, entries.at(-1)!.seq, entries.length, state, before)) replaced += entries.length;
  }
  return replaced;
}
