"use client";

import { useMemo, useState } from "react";
import type { BoardState } from "../lib/board/doc";
import { sizeOf } from "../lib/board/grid";
import type { Participant } from "../lib/board/schema";
import { rankByContest } from "../lib/stats";
import { itemStats, itemsPerCell, type StatsCache } from "../lib/stats/board";
import type { Person } from "../components/board/group-layer";

/** Each participant's name and colour by id, rebuilt only when someone joins or changes name or colour, so dot layers can skip re-rendering. */
function usePeople(participants: readonly Participant[]): ReadonlyMap<string, Person> {
  const key = participants.map((p) => `${p.id}\u0000${p.name}\u0000${p.color}`).join("\u0001");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on what a Person holds, not on the array's identity
  return useMemo(() => new Map<string, Person>(participants.map((p) => [p.id, { name: p.name, color: p.color }])), [key]);
}

/** What the group's placements say, as every view of the grid draws it: per item, ranked, per cell, and who is who. */
export function useGroupStats(board: BoardState) {
  const size = sizeOf(board.meta.grid);
  const [cache] = useState<StatsCache>(() => new Map());
  const stats = useMemo(() => itemStats(board, cache), [board, cache]);
  const ranked = useMemo(() => rankByContest(stats), [stats]);
  const groupCounts = useMemo(() => itemsPerCell(stats, { rows: size.rows, columns: size.columns }), [stats, size.rows, size.columns]);
  const itemText = useMemo(() => new Map(board.items.map((i) => [i.id, i.text])), [board.items]);
  const people = usePeople(board.participants);
  return { size, stats, ranked, groupCounts, itemText, people };
}
