"use client";

import { useEffect, useState } from "react";
import { parseSnapshot } from "../lib/snapshot/parse";

/** The snapshot each round is saved as when the next one starts. */
export const roundName = (round: number) => `Round ${round}`;

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/snapshots`;

/** Saves the board as it is now as the named, immutable snapshot of this round (facilitator key). */
export async function saveRound(boardId: string, key: string, round: number): Promise<void> {
  const res = await fetch(`${base(boardId)}?key=${encodeURIComponent(key)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: roundName(round) }),
  });
  if (res.status !== 201) {
    const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
    throw new Error(typeof body?.error === "string" ? body.error : `the server answered ${res.status}`);
  }
}

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
      const list = (await (await fetch(`${base(boardId)}?key=${encodeURIComponent(key)}`, { signal: abort.signal })).json()) as unknown;
      if (!Array.isArray(list)) return;
      const previous = [...list].reverse().find((s: { name?: unknown }) => s?.name === roundName(round - 1)) as { id?: unknown } | undefined;
      if (typeof previous?.id !== "string") return;
      const res = await fetch(`${base(boardId)}/${encodeURIComponent(previous.id)}?format=json&key=${encodeURIComponent(key)}`, { signal: abort.signal });
      const parsed = parseSnapshot(await res.json());
      if (!parsed.ok) return;
      setLoaded({ round, spreads: new Map(parsed.snapshot.items.map((i) => [i.id, i.stats?.spread ?? null])) });
    })().catch(() => {
      // No comparison is shown without the previous round; the board itself is unaffected.
    });
    return () => abort.abort();
  }, [boardId, key, round]);
  return loaded && loaded.round === round ? loaded.spreads : null;
}
