"use client";

import { createContext, useContext } from "react";
import type { BoardConnection } from "../lib/board/connection";

/** What this person may do with their own placements; absent for viewers, before joining, and on boards only looked at. */
export interface PlacementActions extends Pick<BoardConnection, "place" | "unplace" | "setDrag" | "setReason"> {
  me: string;
  color: string;
}

/*
 * The open board provides its placement verbs here, and the workspace takes them where the notes
 * are drawn; the views in between have nothing to do with placing. Snapshots and the replay
 * provide nothing, so their workspaces only show.
 */
export const PlacingContext = createContext<PlacementActions | undefined>(undefined);

export function usePlacing(): PlacementActions | undefined {
  return useContext(PlacingContext);
}
