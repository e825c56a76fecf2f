import { isJoinCode, type IssuedJoinCode } from "../api/schemas";
import type { BoardLinks } from "./session/board-keys";
import { tabStorage } from "./session/storage";

/** What a presenter link carries in its fragment, which no server ever sees. */
export interface PresenterJoin {
  /** The participant key, for the QR code; null when the link carried none. */
  joinKey: string | null;
  /** The join code issued for this presenter, and when it expires (epoch ms). */
  code: { code: string; expiresAt: number } | null;
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The presenter link for a board: the viewer key in the query (it only watches), the
 * participant key and the join code in the fragment. The facilitator key is never in it.
 */
export function presenterLink(links: BoardLinks, code: IssuedJoinCode | null = null): string {
  const view = new URL(links.view, "http://x");
  const fragment = new URLSearchParams({ join: new URL(links.join, "http://x").searchParams.get("key") ?? "" });
  if (code) {
    fragment.set("code", code.code);
    fragment.set("until", String(Date.parse(code.expiresAt)));
  }
  return `${view.pathname}/present?key=${encodeURIComponent(view.searchParams.get("key") ?? "")}#${fragment}`;
}

/** A presenter fragment ("#join=…&code=…&until=…"); null without a well-formed join key, no code unless it is well-formed. */
export function parsePresenterFragment(fragment: string): PresenterJoin | null {
  const params = new URLSearchParams(fragment.replace(/^#/, ""));
  const joinKey = params.get("join");
  if (joinKey === null || !KEY_PATTERN.test(joinKey)) return null;
  const code = params.get("code");
  const until = Number(params.get("until"));
  return { joinKey, code: code !== null && isJoinCode(code) && Number.isSafeInteger(until) && until > 0 ? { code, expiresAt: until } : null };
}

/**
 * Reads the presenter's fragment (or this tab's earlier visit) and strips it from the
 * address bar, so the participant key is not on the projector for the room to copy.
 */
export function takePresenterJoin(id: string): PresenterJoin {
  const name = `cruxboard:presenter:${id}`;
  const fromLink = parsePresenterFragment(window.location.hash);
  if (!fromLink) return parsePresenterFragment(tabStorage.get(name) ?? "") ?? { joinKey: null, code: null };
  tabStorage.set(name, window.location.hash.slice(1));
  window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  return fromLink;
}
