/*
 * Pairs for a double-crux conversation: each person is matched with someone who placed the
 * items far from where they did, and told which items to talk about.
 *
 * The disagreement of two people is the mean distance (in cells) between their placements over
 * the items both placed; two people who share no item have none, and are matched last. Matching
 * is greedy, largest disagreement first, which is what a facilitator would do by hand and reads
 * the same on every run. With an odd count the one left over joins the pair they disagree with
 * most, making a trio.
 */
import type { BoardState } from "../board/doc";
import type { GridPoint } from "../board/grid";
import type { Pairs } from "../board/schema";

/** A placement as pairing reads it. */
export interface PairingPlacement extends GridPoint {
  item: string;
  participant: string;
}

export interface PairingGroup {
  /** Two people, or three when the count was odd; the pair as matched, the third last. */
  members: string[];
  /** Up to three items, the members' furthest apart first. */
  items: string[];
  /** A pair's disagreement; a trio's, the mean over its members' pairs that share an item. Null when none do. */
  disagreement: number | null;
}

/** How many items each group is given to talk about. */
export const ITEMS_PER_GROUP = 3;

const distance = (a: GridPoint, b: GridPoint) => Math.hypot(a.col - b.col, a.row - b.row);

/** Each person's placements by item. */
function placementsByPerson(placements: readonly PairingPlacement[]): Map<string, Map<string, GridPoint>> {
  const byPerson = new Map<string, Map<string, GridPoint>>();
  for (const p of placements) {
    const own = byPerson.get(p.participant) ?? new Map<string, GridPoint>();
    own.set(p.item, { col: p.col, row: p.row });
    byPerson.set(p.participant, own);
  }
  return byPerson;
}

/** Mean distance between two people's placements over the items both placed; null when they share none. */
export function disagreementOf(a: ReadonlyMap<string, GridPoint> | undefined, b: ReadonlyMap<string, GridPoint> | undefined): number | null {
  if (!a || !b) return null;
  let sum = 0;
  let shared = 0;
  for (const [item, p] of a) {
    const q = b.get(item);
    if (!q) continue;
    sum += distance(p, q);
    shared++;
  }
  return shared === 0 ? null : sum / shared;
}

const mean = (values: readonly (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((s, v) => s + v, 0) / known.length;
};

/** Larger first, none last; equal values keep their given order (the sort is stable). */
const byDisagreement = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);

/**
 * The items a group should talk about: those at least two members placed, by the mean distance
 * between the members' placements of it, furthest first (ties: the board's item order). Items
 * they placed in the very same spot are no disagreement and are left out.
 */
function topItems(members: readonly string[], byPerson: Map<string, Map<string, GridPoint>>, itemOrder: readonly string[]): string[] {
  const scored: { item: string; score: number }[] = [];
  for (const item of itemOrder) {
    const spots = members.flatMap((m) => {
      const p = byPerson.get(m)?.get(item);
      return p ? [p] : [];
    });
    const gaps: number[] = [];
    for (let i = 0; i < spots.length; i++) for (let j = i + 1; j < spots.length; j++) gaps.push(distance(spots[i]!, spots[j]!));
    const score = mean(gaps);
    if (score !== null && score > 0) scored.push({ item, score });
  }
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, ITEMS_PER_GROUP)
    .map((s) => s.item);
}

/**
 * Pairs up `people` (in a stable order, e.g. of joining; ties go to the earlier) by their
 * placements. `itemOrder` lists the board's items, to break ties between items. Fewer than two
 * people make no group.
 */
export function pairUp(people: readonly string[], placements: readonly PairingPlacement[], itemOrder: readonly string[]): PairingGroup[] {
  const byPerson = placementsByPerson(placements);
  const between = (a: string, b: string) => disagreementOf(byPerson.get(a), byPerson.get(b));
  const candidates: { a: string; b: string; disagreement: number | null }[] = [];
  for (let i = 0; i < people.length; i++) {
    for (let j = i + 1; j < people.length; j++) candidates.push({ a: people[i]!, b: people[j]!, disagreement: between(people[i]!, people[j]!) });
  }
  candidates.sort((x, y) => byDisagreement(x.disagreement, y.disagreement));

  const matched = new Set<string>();
  const groups: PairingGroup[] = [];
  for (const { a, b, disagreement } of candidates) {
    if (matched.has(a) || matched.has(b)) continue;
    matched.add(a);
    matched.add(b);
    groups.push({ members: [a, b], items: [], disagreement });
  }

  const leftover = people.find((p) => !matched.has(p));
  if (leftover !== undefined && groups.length > 0) {
    const withLeftover = groups.map((g) => mean(g.members.map((m) => between(leftover, m))));
    let joins = 0;
    for (let g = 1; g < groups.length; g++) if (byDisagreement(withLeftover[g]!, withLeftover[joins]!) < 0) joins = g;
    const trio = groups[joins]!;
    const [a, b] = trio.members as [string, string];
    trio.members = [a, b, leftover];
    trio.disagreement = mean([trio.disagreement, between(a, leftover), between(b, leftover)]);
  }
  for (const g of groups) g.items = topItems(g.members, byPerson, itemOrder);
  return groups;
}

/** Pairs the people here (in the board's order of joining) by the board's placements, as `meta.pairs` stores them. */
export function makePairs(board: BoardState, here: readonly string[], at: number): NonNullable<Pairs> {
  const groups = pairUp(
    here,
    board.placements,
    board.items.map((i) => i.id),
  );
  return { round: board.meta.round, at, groups };
}
