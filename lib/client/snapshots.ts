import type { SnapshotSummaryJson } from "../api/schemas";
import type { Snapshot } from "../snapshot/schema";
import { exportHref } from "./export-links";

/** The board as it is now, where a snapshot id is expected: "compare with now". */
export const NOW = "now";

const isEntry = (v: unknown): v is SnapshotSummaryJson => {
  const e = v as Partial<SnapshotSummaryJson> | null;
  return typeof e?.id === "string" && typeof e.name === "string" && typeof e.takenAt === "string" && !Number.isNaN(Date.parse(e.takenAt));
};

const boardPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;

/** The board's snapshots, oldest first. Throws when they cannot be listed. */
export async function fetchSnapshotList(boardId: string, key: string, signal?: AbortSignal): Promise<SnapshotSummaryJson[]> {
  const res = await fetch(`${boardPath(boardId)}/snapshots?key=${encodeURIComponent(key)}`, { cache: "no-store", signal });
  if (!res.ok) throw new Error(await errorText(res));
  const json: unknown = await res.json();
  return Array.isArray(json) ? json.filter(isEntry) : [];
}

/** Takes a named snapshot of the board as it is now (facilitator key); an unnamed one is "Snapshot N". */
export async function takeSnapshot(boardId: string, key: string, name?: string): Promise<SnapshotSummaryJson> {
  const res = await fetch(`${boardPath(boardId)}/snapshots?key=${encodeURIComponent(key)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(name ? { name } : {}),
  });
  const body: unknown = await res.json().catch(() => null);
  if (res.status === 201 && isEntry(body)) return body;
  const error = (body as { error?: unknown } | null)?.error;
  throw new Error(typeof error === "string" ? error : `the server answered ${res.status}`);
}

/** One snapshot (or the board now), read through the same parse step as an imported file. */
export async function fetchSnapshot(boardId: string, key: string, snapshotId: string, signal?: AbortSignal): Promise<Snapshot> {
  const res = await fetch(exportHref(boardId, key, "json", snapshotId === NOW ? undefined : snapshotId), { cache: "no-store", signal });
  if (!res.ok) throw new Error(await errorText(res));
  // The schema is loaded with the first snapshot asked for, not with the board page.
  const { parseSnapshot } = await import("../snapshot/parse");
  const parsed = parseSnapshot(await res.json());
  if (!parsed.ok) throw new Error(`The server sent a snapshot this page cannot read (${parsed.path}: ${parsed.message}).`);
  return parsed.snapshot;
}

/** The board's timeline for replay, as JSON, or its download address as CSV. */
export const historyHref = (boardId: string, key: string, format: "json" | "csv") =>
  `${boardPath(boardId)}/history?format=${format}&key=${encodeURIComponent(key)}`;

/** Why a request about a board or its snapshots failed, in words for the page. */
export async function errorText(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
  if (res.status === 404) return typeof body?.error === "string" && body.error.includes("snapshot") ? "This snapshot does not exist." : "This board does not exist.";
  if (res.status === 401 || res.status === 403) return "This key does not open this board.";
  return typeof body?.error === "string" ? `The server answered: ${body.error}` : `The server answered ${res.status}.`;
}

/** "27 Nov 2026, 09:12" in the reader's own locale and time zone. */
export const formatTakenAt = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });

/** Two snapshot ids (or NOW) with the earlier first: comparisons always read forwards in time. */
export function inTimeOrder(entries: readonly SnapshotSummaryJson[], a: string, b: string): [string, string] {
  const order = (id: string) => (id === NOW ? Infinity : entries.findIndex((e) => e.id === id));
  return order(a) <= order(b) ? [a, b] : [b, a];
}
