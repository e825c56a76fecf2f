import type { CreatedBoard } from "../../api/schemas";
import { recentKeyFor } from "./recent-boards";

/*
 * Board keys are bearer secrets. They arrive in the link, are moved out of the
 * address bar at once (so they do not end up in screenshots, history or a
 * shared screen) and live in this tab's sessionStorage so a reload still works.
 * Storage can throw (private modes, quotas); the key then lives for this page only.
 */
const keyName = (id: string, present = false) => `cruxboard:${present ? "present-key" : "key"}:${id}`;
const linksName = (id: string) => `cruxboard:links:${id}`;

function read(name: string): string | null {
  try {
    return window.sessionStorage.getItem(name);
  } catch {
    return null;
  }
}

function write(name: string, value: string): void {
  try {
    window.sessionStorage.setItem(name, value);
  } catch {
    // See above: the value then lasts only as long as this page.
  }
}

/**
 * Reads the board key from the URL (or this tab's earlier visit, or this
 * browser's recent boards) and strips it from the address bar. The presenter
 * view takes only the key its own link brought: a window opened from the
 * facilitator's tab inherits that tab's storage, and this browser's recent
 * boards hold the facilitator key, neither of which belongs on a projector.
 */
export function takeBoardKey(id: string, { present = false } = {}): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get("key");
  if (fromUrl === null) {
    const fromSession = read(keyName(id, present));
    if (fromSession || present) return fromSession;
    const remembered = recentKeyFor(id);
    if (remembered) write(keyName(id), remembered);
    return remembered;
  }
  if (fromUrl) write(keyName(id, present), fromUrl);
  url.searchParams.delete("key");
  // Next keeps its router state in history.state; passing it on keeps back/forward working.
  window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  return fromUrl || null;
}

/** This tab's storage, for other per-tab values such as the presenter's join code. */
export { read as readTabValue, write as writeTabValue };

export type BoardLinks = CreatedBoard["links"];

function local(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The facilitator who created a board here needs its links to invite people; nobody else ever
 * sees them. They are kept on this device beside the recent boards' keys (the facilitator key
 * among them is already there), so coming back tomorrow still finds them; "Forget" drops them.
 */
export function rememberBoardLinks(board: CreatedBoard): void {
  write(linksName(board.id), JSON.stringify(board.links));
  try {
    local()?.setItem(linksName(board.id), JSON.stringify(board.links));
  } catch {
    // Full or disabled: this tab still has them.
  }
}

export function recallBoardLinks(id: string): BoardLinks | null {
  let raw = read(linksName(id));
  try {
    raw ??= local()?.getItem(linksName(id)) ?? null;
  } catch {
    // Unreadable storage: as if nothing were kept.
  }
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<BoardLinks>;
    const ok = (s: unknown): s is string => typeof s === "string" && s.startsWith(`/b/${id}?`);
    return ok(value.facilitate) && ok(value.join) && ok(value.view)
      ? { facilitate: value.facilitate, join: value.join, view: value.view }
      : null;
  } catch {
    return null;
  }
}

/** Forgetting a board on this device also drops this tab's copy of its key and the kept links. */
export function forgetBoardKey(id: string): void {
  try {
    window.sessionStorage.removeItem(keyName(id));
    window.sessionStorage.removeItem(linksName(id));
    local()?.removeItem(linksName(id));
  } catch {
    // Nothing stored, nothing to forget.
  }
}
