import { readAuthMessage } from "y-protocols/auth";
import type { WebsocketProvider } from "y-websocket";
import { CLOSE_SEAT_REMOVED } from "../api/close-codes";

/*
 * What the server says when it will not take something from this tab: a close that retrying
 * cannot help (the page says why), and an update it refused (y-protocols' "permission denied");
 * and connecting again with a seat, after which it takes this tab's writes.
 */

export type ConnectionStatus =
  | { kind: "connecting" }
  | { kind: "live" }
  /**
   * `keptOn`: where this tab's changes wait meanwhile — in this browser's copy of the board
   * (they survive a reload), in the open page only, or nowhere (a tab that writes nothing).
   */
  | { kind: "offline"; keptOn: "device" | "page" | null }
  /** The server closed the socket with a code that says retrying cannot help (4400–4499). */
  | { kind: "closed"; code: number; reason: string };

/** The server's close code for an abuse limit (README, "Abuse limits"): come back later, not at once. */
export const CLOSE_LIMITED = 4429;
/** Waits before reconnecting after such a close: doubled each time it happens again before a sync, up to the last. */
const LIMITED_RETRY_SECONDS = [15, 30, 60, 120];

/** How long to wait after the `times`-th limit in a row (counting from 0) before connecting again. */
export const limitedWaitSeconds = (times: number): number => LIMITED_RETRY_SECONDS[Math.min(times, LIMITED_RETRY_SECONDS.length - 1)]!;

/** The status a final close leaves, in the words the page shows. */
export function closedStatus(code: number, reason: string, waitSeconds?: number): ConnectionStatus {
  if (code === CLOSE_LIMITED) {
    const said = reason ? reason[0]!.toUpperCase() + reason.slice(1) : "Too many messages from this page";
    return { kind: "closed", code, reason: `${said}. Reconnecting on its own in ${waitSeconds ?? limitedWaitSeconds(0)} seconds.` };
  }
  // The server's own reason is for logs; the person reads what it means for them.
  if (code === CLOSE_SEAT_REMOVED) return { kind: "closed", code, reason: "The facilitator removed you from this board." };
  return { kind: "closed", code, reason };
}

/**
 * Connects again with new parameters (a seat just taken): y-websocket reads them at each connect.
 * Only an open or opening connection is reopened; one that is away or closed takes them when it
 * next connects. Returns whether it reopened.
 */
export function reopenWith(provider: WebsocketProvider, params: Record<string, string>): boolean {
  provider.params = params;
  if (!provider.wsconnected && !provider.wsconnecting) return false;
  // y-websocket forgets everyone else's presence when a connection closes, and the new one hears it again
  // only when each of them next renews it (up to 15 s): for a reopening we chose, the others are kept as they were.
  const { awareness } = provider;
  const others = [...awareness.getStates()].filter(([id]) => id !== provider.doc.clientID);
  const clocks = others.map(([id]) => awareness.meta.get(id));
  provider.disconnect();
  others.forEach(([id, state], i) => {
    awareness.states.set(id, state);
    const meta = clocks[i];
    if (meta) awareness.meta.set(id, meta);
  });
  provider.connect();
  return true;
}

/** A change of this tab's the server did not apply, and the server's reason. */
export interface Refusal {
  reason: string;
  /** When it came, so the same reason twice is still told twice. */
  at: number;
}

/** y-protocols' message type for auth, which carries "permission denied" and its reason. */
const MESSAGE_AUTH = 2;

/**
 * Hears the server's refusals on this provider only (its handlers are its own copy). y-websocket's
 * default writes them to the console, where nobody who made the change would see them.
 */
export function listenForRefusals(provider: WebsocketProvider, onRefusal: (refusal: Refusal) => void): void {
  provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder, _provider, _emitSynced, _type) => {
    readAuthMessage(decoder, provider.doc, (_doc, reason) => onRefusal({ reason: reason.trim(), at: Date.now() }));
  };
}
