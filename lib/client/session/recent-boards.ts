import { z } from "zod/mini";
import "../../zod-messages";
import { EpochMsSchema, IdSchema, LIMITS, RoleSchema, type Role } from "../../board/schema";
import { deviceStorage } from "./storage";

/*
 * Boards opened in this browser, newest first, with the strongest key seen for
 * each so a later visit needs no link. This list is the one place board keys
 * outlive a tab: it never leaves the device, and "Forget" removes a key again.
 * Another tab, an old version or the user may have written anything under the
 * storage key, so every read is validated and storage that throws reads as empty.
 */
export const RECENT_BOARDS_STORAGE_KEY = "cruxboard:recent";
export const RECENT_BOARDS_MAX = 12;

export const RecentBoardSchema = z.object({
  id: IdSchema,
  title: z.string().check(z.maxLength(LIMITS.titleMax)),
  key: z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[A-Za-z0-9_-]+$/)),
  role: RoleSchema,
  openedAt: EpochMsSchema,
});
export type RecentBoard = z.infer<typeof RecentBoardSchema>;

const RANK: Record<Role, number> = { facilitator: 3, participant: 2, viewer: 1 };

export const NO_RECENT_BOARDS: readonly RecentBoard[] = Object.freeze([]);

function parse(raw: string | null): readonly RecentBoard[] {
  if (!raw) return NO_RECENT_BOARDS;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return NO_RECENT_BOARDS;
  }
  if (!Array.isArray(value)) return NO_RECENT_BOARDS;
  const valid: RecentBoard[] = [];
  for (const entry of value) {
    const parsed = RecentBoardSchema.safeParse(entry);
    if (parsed.success) valid.push(parsed.data);
  }
  return Object.freeze(normalize(valid));
}

/** Newest first, one entry per board, at most RECENT_BOARDS_MAX. */
function normalize(entries: RecentBoard[]): RecentBoard[] {
  const byId = new Map<string, RecentBoard>();
  for (const entry of [...entries].sort((a, b) => b.openedAt - a.openedAt)) {
    if (!byId.has(entry.id)) byId.set(entry.id, entry);
  }
  return [...byId.values()].slice(0, RECENT_BOARDS_MAX);
}

// useSyncExternalStore needs the same array back until the stored value changes.
let cache: { raw: string | null; list: readonly RecentBoard[] } = { raw: null, list: NO_RECENT_BOARDS };

/** The remembered boards, newest first; empty on the server or when storage is unavailable. */
export function recentBoards(): readonly RecentBoard[] {
  const raw = deviceStorage.get(RECENT_BOARDS_STORAGE_KEY);
  if (raw !== cache.raw) cache = { raw, list: parse(raw) };
  return cache.list;
}

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of [...listeners]) listener();
}

function write(list: readonly RecentBoard[]): void {
  if (list.length === 0) deviceStorage.remove(RECENT_BOARDS_STORAGE_KEY);
  // Full or disabled storage: the board still opens, it is just not remembered.
  else if (!deviceStorage.set(RECENT_BOARDS_STORAGE_KEY, JSON.stringify(list))) return;
  notify();
}

/**
 * Remembers a visit. A weaker key never replaces a stronger one for the same
 * board (facilitator > participant > viewer): opening the viewer link on the
 * projector must not cost the facilitator their way back in.
 * Returns false when the entry is invalid and was not recorded.
 */
export function recordRecentBoard(entry: RecentBoard): boolean {
  const parsed = RecentBoardSchema.safeParse(entry);
  if (!parsed.success) return false;
  const visit = parsed.data;
  const current = recentBoards();
  const earlier = current.find((e) => e.id === visit.id);
  const kept =
    earlier && RANK[earlier.role] > RANK[visit.role] ? { ...visit, key: earlier.key, role: earlier.role } : visit;
  write(normalize([kept, ...current.filter((e) => e.id !== visit.id)]));
  return true;
}

export function forgetRecentBoard(id: string): void {
  const current = recentBoards();
  if (!current.some((e) => e.id === id)) return;
  write(current.filter((e) => e.id !== id));
}

/** The remembered key for a board, so its plain `/b/<id>` link opens without one in the URL. */
export function recentKeyFor(id: string): string | null {
  return recentBoards().find((e) => e.id === id)?.key ?? null;
}

function onStorage(event: StorageEvent): void {
  // A null key means another tab cleared all of localStorage.
  if (event.key === RECENT_BOARDS_STORAGE_KEY || event.key === null) notify();
}

/** Calls `listener` whenever the list may have changed, in this tab or another. Returns the unsubscribe. */
export function subscribeRecentBoards(listener: () => void): () => void {
  if (listeners.size === 0 && typeof window !== "undefined") window.addEventListener("storage", onStorage);
  listeners.add(listener);
  return () => {
    if (!listeners.delete(listener)) return;
    if (listeners.size === 0 && typeof window !== "undefined") window.removeEventListener("storage", onStorage);
  };
}
