"use client";

import { useMemo } from "react";
import type { BoardState } from "../lib/board/doc";
import type { MyNote } from "../components/board/placement-grid";

/** This person's notes on the grid, and the items still in their tray; none for someone who does not place. */
export function useMyNotes(board: BoardState, me: string | null) {
  const myNotes: MyNote[] = useMemo(() => {
    if (!me) return [];
    const byId = new Map(board.items.map((i) => [i.id, i]));
    return board.placements.filter((p) => p.participant === me && byId.has(p.item)).map((p) => ({ item: byId.get(p.item)!, point: p }));
  }, [board, me]);
  const placedByMe = new Set(myNotes.map((n) => n.item.id));
  return { myNotes, placedByMe, trayItems: board.items.filter((i) => !placedByMe.has(i.id)) };
}
