import { z } from "zod/mini";
import "../zod-messages";
import { BoardHistorySchema, SnapshotListSchema, SnapshotSummarySchema, type BoardHistoryJson, type SnapshotSummaryJson } from "../api/schemas";
import { roundSnapshotName } from "../snapshot/rounds";
import type { Snapshot } from "../snapshot/schema";
import { exportHref } from "./export-links";
import { ApiFailure, boardPath, callApi } from "./http";

/** The board as it is now, where a snapshot id is expected: "compare with now". */
export const NOW = "now";

/** The board's snapshots, oldest first. Throws an ApiFailure when they cannot be listed. */
export const fetchSnapshotList = (boardId: string, key: string, signal?: AbortSignal): Promise<SnapshotSummaryJson[]> =>
  callApi(boardPath(boardId, "/snapshots", key), { schema: SnapshotListSchema, signal, what: "a list of snapshots" });

/** Takes a named snapshot of the board as it is now (facilitator key); an unnamed one is "Snapshot N". */
export const takeSnapshot = (boardId: string, key: string, name?: string): Promise<SnapshotSummaryJson> =>
  callApi(boardPath(boardId, "/snapshots", key), { method: "POST", body: name ? { name } : {}, expect: 201, schema: SnapshotSummarySchema, what: "a snapshot" });

/**
 * Saves the board as it is now as the named, immutable snapshot of this round (facilitator key);
 * the board and the server's Markdown report find the previous round by this name.
 */
export async function saveRound(boardId: string, key: string, round: number): Promise<void> {
  await takeSnapshot(boardId, key, roundSnapshotName(round));
}

/** One snapshot (or the board now), read through the same parse step as an imported file. */
export async function fetchSnapshot(boardId: string, key: string, snapshotId: string, signal?: AbortSignal): Promise<Snapshot> {
  // An export file is checked by the snapshot format's own parse step, which also migrates older versions.
  const json = await callApi(exportHref(boardId, key, "json", snapshotId === NOW ? undefined : snapshotId), { schema: z.unknown(), signal });
  // The schema is loaded with the first snapshot asked for, not with the board page.
  const { parseSnapshot } = await import("../snapshot/parse");
  const parsed = parseSnapshot(json);
  if (!parsed.ok) throw new ApiFailure({ kind: "unreadable", what: "a snapshot", detail: `${parsed.path}: ${parsed.message}` });
  return parsed.snapshot;
}

/** The board's timeline for replay. */
export const fetchHistory = (boardId: string, key: string, signal?: AbortSignal): Promise<BoardHistoryJson> =>
  callApi(historyHref(boardId, key, "json"), { schema: BoardHistorySchema, signal, what: "a history" });

/** The board's timeline for replay, as JSON, or its download address as CSV. */
export const historyHref = (boardId: string, key: string, format: "json" | "csv") => boardPath(boardId, "/history", key, { format });

/** "27 Nov 2026, 09:12" in the reader's own locale and time zone. */
export const formatTakenAt = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });

/** Two snapshot ids (or NOW) with the earlier first: comparisons always read forwards in time. */
export function inTimeOrder(entries: readonly SnapshotSummaryJson[], a: string, b: string): [string, string] {
  const order = (id: string) => (id === NOW ? Infinity : entries.findIndex((e) => e.id === id));
  return order(a) <= order(b) ? [a, b] : [b, a];
}
