import type { CreatedBoard } from "../../api/schemas";
import { recentKeyFor } from "./recent-boards";
import { deviceStorage, tabStorage } from "./storage";

/*
 * Board keys are bearer secrets. They arrive in the link, are moved out of the
 * address bar at once (so they do not end up in screenshots, history or a
 * shared screen) and live in this tab's sessionStorage so a reload still works.
 */
export const keyName = (id: string, present = false) => `cruxboard:${present ? "present-key" : "key"}:${id}`;
const linksName = (id: string) => `cruxboard:links:${id}`;

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
    const fromSession = tabStorage.get(keyName(id, present));
    if (fromSession || present) return fromSession;
    const remembered = recentKeyFor(id);
    if (remembered) tabStorage.set(keyName(id), remembered);
    return remembered;
  }
  if (fromUrl) tabStorage.set(keyName(id, present), fromUrl);
  url.searchParams.delete("key");
  // Next keeps its router state in history.state; passing it on keeps back/forward working.
  window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  return fromUrl || null;
}

/** This tab's storage, for other per-tab values such as the presenter's join code. */
export const readTabValue = tabStorage.get;
export const writeTabValue = (name: string, value: string): void => void tabStorage.set(name, value);

export type BoardLinks = CreatedBoard["links"];

/**
 * The facilitator who created a board here needs its links to invite people; nobody else ever
 * sees them. They are kept on this device beside the recent boards' keys (the facilitator key
 * among them is already there), so coming back tomorrow still finds them; "Forget" drops them.
 */
export function rememberBoardLinks(board: Pick<CreatedBoard, "id" | "links">): void {
  // Should the device's storage be full or disabled, this tab still has them.
  tabStorage.set(linksName(board.id), JSON.stringify(board.links));
  deviceStorage.set(linksName(board.id), JSON.stringify(board.links));
}

export function recallBoardLinks(id: string): BoardLinks | null {
  const raw = tabStorage.get(linksName(id)) ?? deviceStorage.get(linksName(id));
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
  tabStorage.remove(keyName(id));
  tabStorage.remove(linksName(id));
  deviceStorage.remove(linksName(id));
}
