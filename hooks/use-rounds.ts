"use client";

import { useEffect, useState } from "react";
import { previousRoundSnapshot } from "../lib/snapshot/rounds";
import { fetchSnapshot, fetchSnapshotList } from "../lib/client/snapshots";

/**
 * Each item's spread at the end of the previous round (null: nobody had placed
 * it), read from that round's snapshot; null while loading or in round 1.
 */
export function usePreviousSpreads(boardId: string, key: string, round: number): ReadonlyMap<string, number | null> | null {
  const [loaded, setLoaded] = useState<{ round: number; spreads: ReadonlyMap<string, number | null> } | null>(null);
  useEffect(() => {
    if (round <= 1) return;
    const abort = new AbortController();
    (async () => {
      const list = await fetchSnapshotList(boardId, key, abort.signal);
      const previous = previousRoundSnapshot(list, round);
      if (!previous) return;
      const snapshot = await fetchSnapshot(boardId, key, previous.id, abort.signal);
      setLoaded({ round, spreads: new Map(snapshot.items.map((i) => [i.id, i.stats?.spread ?? null])) });
    })().catch(() => {
      // No comparison is shown without the previous round; the board itself is unaffected.
    });
    return () => abort.abort();
  }, [boardId, key, round]);
  return loaded && loaded.round === round ? loaded.spreads : null;
}
