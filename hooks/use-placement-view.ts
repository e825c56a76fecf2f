"use client";

import { useState } from "react";
import { flushSync } from "react-dom";
import type { PlacementView } from "../components/board/placement-views";
import type { ItemOrder, ListOrder } from "../lib/stats/list-order";

/**
 * How the board's placements are shown (everyone on one grid, or the overview's small grids), what
 * the grid draws, and the order the contested list is read in, which the overview follows.
 */
export function usePlacementView() {
  const [view, setView] = useState<PlacementView>("grid");
  const [order, setOrder] = useState<ListOrder>("contested");
  const [allRings, setAllRings] = useState(false);
  return {
    view,
    setView,
    order,
    setOrder,
    /** Whether the grid draws every item's spread, not only the selected one's. */
    allRings,
    setAllRings,
    /** The overview has no previous round to go on: "Most changed" shows it most contested first. */
    overviewOrder: (order === "split" ? "split" : "contested") satisfies ItemOrder as ItemOrder,
    /** Placing happens on the grid: a note picked up in the overview brings the grid back first, at once, so the carry finds its cells. */
    toGrid() {
      if (view !== "grid") flushSync(() => setView("grid"));
    },
  };
}
