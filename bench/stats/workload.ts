/*
 * The statistics workload: every item's statistics on a board of 30 items placed by 200
 * participants, as the board page and the server's exports compute them. Pure, with no
 * Node or DOM API, so the same file runs in Node and, bundled, in Chromium.
 */
import { sizeOf } from "../../lib/board/grid";
import type { BoardState } from "../../lib/board/doc";
import { rankSplitFirst } from "../../lib/stats";
import { itemStats, type StatsCache } from "../../lib/stats/board";
import { makeRandom } from "../../tests/random";

export type Layout = "continuous" | "two-camps" | "cell-centres";
export const LAYOUTS: Layout[] = ["continuous", "two-camps", "cell-centres"];

export interface StatsTimes {
  layout: Layout;
  items: number;
  participants: number;
  /** Every item's statistics from nothing (a page opening, an export). */
  fullMs: number[];
  /** After one placement moves, with the page's cache: what each change costs. */
  oneChangeMs: number[];
}

export function boardOf(layout: Layout, items: number, participants: number, seed = 1): BoardState {
  // Seeded, so every run and both runtimes measure the same board.
  const next = makeRandom(seed);
  const grid = {
    rows: ["a", "b", "c"].map((id) => ({ id, label: id })),
    columns: ["x", "y", "z"].map((id) => ({ id, label: id })),
  };
  const place = (): { col: number; row: number } => {
    if (layout === "cell-centres") return { col: Math.floor(next() * 3) + 0.5, row: Math.floor(next() * 3) + 0.5 };
    if (layout === "two-camps") {
      const far = next() < 0.4;
      return { col: (far ? 2.2 : 0.2) + next() * 0.6, row: (far ? 2.2 : 0.2) + next() * 0.6 };
    }
    return { col: next() * 2.999, row: next() * 2.999 };
  };
  const itemList = Array.from({ length: items }, (_, i) => ({ id: `item-${i}`, text: `Item ${i}`, createdBy: "p-0", createdAt: 0 }));
  const people = Array.from({ length: participants }, (_, i) => ({ id: `p-${i}`, name: `Person ${i}`, color: "#2563eb", joinedAt: i }));
  const placements = itemList.flatMap((item) => people.map((p, i) => ({ item: item.id, participant: p.id, ...place(), at: i })));
  return {
    meta: { grid } as BoardState["meta"],
    items: itemList,
    placements,
    participants: people,
  } as unknown as BoardState;
}

export function measure(layout: Layout, items: number, participants: number, rounds: number, now: () => number): StatsTimes {
  const board = boardOf(layout, items, participants);
  const times: StatsTimes = { layout, items, participants, fullMs: [], oneChangeMs: [] };
  void sizeOf(board.meta.grid);
  for (let r = 0; r < rounds; r++) {
    const t0 = now();
    rankSplitFirst(itemStats(board));
    times.fullMs.push(now() - t0);
  }
  const cache: StatsCache = new Map();
  itemStats(board, cache);
  for (let r = 0; r < rounds * 3; r++) {
    // One person moves one note: a new placements array, as a document change gives.
    const moved = { ...board, placements: board.placements.map((p, i) => (i === r % board.placements.length ? { ...p, col: (p.col + 0.37) % 3 } : p)) };
    const t0 = now();
    rankSplitFirst(itemStats(moved, cache));
    times.oneChangeMs.push(now() - t0);
  }
  return times;
}
