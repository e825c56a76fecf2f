"use client";

import { createContext, useContext, useSyncExternalStore } from "react";
import type { BoardConnection, ConnectionStatus } from "../lib/board/connection";
import type { BoardState } from "../lib/board/doc";
import type { Peer, PeerDrag } from "../lib/board/presence";
import type { Refusal } from "../lib/board/refusals";

/** The validated board, re-read whenever the document changes. */
export function useBoard(connection: BoardConnection): BoardState {
  return useSyncExternalStore(connection.subscribe, connection.board, connection.board);
}

export function useConnectionStatus(connection: BoardConnection): ConnectionStatus {
  return useSyncExternalStore(connection.subscribe, connection.status, connection.status);
}

/** False until the first full sync, so a half-loaded board is never shown as if it were the board. */
export function useHasSynced(connection: BoardConnection): boolean {
  return useSyncExternalStore(connection.subscribe, connection.hasSynced, connection.hasSynced);
}

/** The other people with this board open now (awareness), validated. */
export function usePeers(connection: BoardConnection): Peer[] {
  return useSyncExternalStore(connection.subscribe, connection.peers, connection.peers);
}

/*
 * Other people's drags change many times a second. They reach the one small
 * layer that draws them through this context, so the rest of the board does
 * not re-render with every move.
 */
export const DragsContext = createContext<Pick<BoardConnection, "subscribe" | "drags"> | null>(null);

const NO_DRAGS: PeerDrag[] = [];
const noSubscription = () => () => {};

export function usePeerDrags(): PeerDrag[] {
  const source = useContext(DragsContext);
  return useSyncExternalStore(
    source?.subscribe ?? noSubscription,
    source ? source.drags : () => NO_DRAGS,
    source ? source.drags : () => NO_DRAGS,
  );
}

/** The last change of this tab's the server refused, and why; null until one is. */
export function useRefusal(connection: BoardConnection): Refusal | null {
  return useSyncExternalStore(connection.subscribe, connection.refusal, connection.refusal);
}
