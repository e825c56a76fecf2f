import { sizeOf } from "../board/grid";
import { commonCell, type CommonCell } from "../stats/common-cell";
import { rankedItems } from "./build";
import type { ItemStats } from "../stats/schema";
import type { Snapshot } from "./schema";

/** One item seen in two snapshots of a board, taken at different times. */
export interface ItemChange {
  id: string;
  /** The later text when the item was edited in between. */
  text: string;
  /** In both, only the later one (added in between) or only the earlier one (deleted in between). */
  presence: "both" | "added" | "removed";
  before: ItemStats | null;
  after: ItemStats | null;
  /** Where the group put it most in each snapshot (or that it agreed on no cell); null where it was not placed. */
  commonBefore: CommonCell | null;
  commonAfter: CommonCell | null;
  /** Rank in each snapshot, 1 = most contested; null where the item was not placed. */
  rankBefore: number | null;
  rankAfter: number | null;
  /** How far the group's centre moved, in cells; null unless placed in both. */
  move: number | null;
  /** Spread after minus spread before, in cells: negative means the group came closer together. */
  spreadChange: number | null;
  /** People whose reason for this item differs between the two (given, changed or taken back), in the later order. */
  reasonChanges: ReasonChange[];
}

/** One person's reason for an item before and after; null where they gave none (or had not placed it). */
export interface ReasonChange {
  participant: string;
  before: string | null;
  after: string | null;
}

type Placed = Snapshot["items"][number]["placements"][number];

function reasonChanges(before: readonly Placed[], after: readonly Placed[]): ReasonChange[] {
  const text = (p: Placed | undefined) => p?.reason?.trim() || null;
  const earlier = new Map(before.map((p) => [p.participant, p]));
  const people = [...new Set([...after.map((p) => p.participant), ...before.map((p) => p.participant)])];
  const later = new Map(after.map((p) => [p.participant, p]));
  return people
    .map((participant) => ({ participant, before: text(earlier.get(participant)), after: text(later.get(participant)) }))
    .filter((c) => c.before !== c.after);
}

export interface Comparison {
  changes: ItemChange[];
  /** The grid has another number of rows or columns, or other labels: positions are compared in cell units all the same. */
  gridChanged: boolean;
}

function ranks(snapshot: Snapshot): Map<string, number> {
  const out = new Map<string, number>();
  rankedItems(snapshot).forEach((item, i) => item.stats && out.set(item.id, i + 1));
  return out;
}

/** What changed for every item between two snapshots of one board (either may be the board as it is now). */
export function compareSnapshots(before: Snapshot, after: Snapshot): Comparison {
  const earlier = new Map(before.items.map((i) => [i.id, i]));
  const later = new Map(after.items.map((i) => [i.id, i]));
  const rankBefore = ranks(before);
  const rankAfter = ranks(after);
  const ids = [...after.items.map((i) => i.id), ...before.items.filter((i) => !later.has(i.id)).map((i) => i.id)];
  const changes = ids.map((id): ItemChange => {
    const a = earlier.get(id);
    const b = later.get(id);
    const s0 = a?.stats ?? null;
    const s1 = b?.stats ?? null;
    return {
      id,
      text: (b ?? a)!.text,
      presence: a && b ? "both" : b ? "added" : "removed",
      before: s0,
      after: s1,
      commonBefore: a ? commonCell(a.placements, sizeOf(before.board.grid)) : null,
      commonAfter: b ? commonCell(b.placements, sizeOf(after.board.grid)) : null,
      rankBefore: rankBefore.get(id) ?? null,
      rankAfter: rankAfter.get(id) ?? null,
      move: s0 && s1 ? Math.hypot(s1.centroid.col - s0.centroid.col, s1.centroid.row - s0.centroid.row) : null,
      spreadChange: s0 && s1 ? s1.spread - s0.spread : null,
      reasonChanges: reasonChanges(a?.placements ?? [], b?.placements ?? []),
    };
  });
  const axes = (s: Snapshot) => JSON.stringify([s.board.grid.rows.map((r) => r.label), s.board.grid.columns.map((c) => c.label)]);
  return { changes, gridChanged: axes(before) !== axes(after) };
}

export type ChangeSortKey = "move" | "spreadChange" | "spreadAfter" | "rankAfter" | "text";
export type SortDirection = "ascending" | "descending";

const keyOf: Record<ChangeSortKey, (c: ItemChange) => number | string | null> = {
  move: (c) => c.move,
  spreadChange: (c) => c.spreadChange,
  spreadAfter: (c) => c.after?.spread ?? null,
  rankAfter: (c) => c.rankAfter,
  text: (c) => c.text.toLocaleLowerCase(),
};

/** Sorted by one column; items without a value for it go last whichever the direction, ties keep their order. */
export function sortChanges(changes: readonly ItemChange[], key: ChangeSortKey, direction: SortDirection): ItemChange[] {
  const value = keyOf[key];
  const sign = direction === "ascending" ? 1 : -1;
  return changes
    .map((c, i) => ({ c, i, v: value(c) }))
    .sort((x, y) => {
      if (x.v === null || y.v === null) return x.v === y.v ? x.i - y.i : x.v === null ? 1 : -1;
      const order = typeof x.v === "string" ? x.v.localeCompare(y.v as string) : x.v - (y.v as number);
      return sign * order || x.i - y.i;
    })
    .map(({ c }) => c);
}

/** The comparison in two or three sentences: how far centres moved, how many items converged, what came and went. */
export function summarizeChanges(changes: readonly ItemChange[]): string {
  const both = changes.filter((c) => c.move !== null);
  if (both.length === 0) return "no item was placed in both, so there is nothing to compare yet.";
  const mean = both.reduce((s, c) => s + c.move!, 0) / both.length;
  const biggest = both.reduce((m, c) => (c.move! > m.move! ? c : m));
  const closer = both.filter((c) => c.spreadChange! < -0.005).length;
  const apart = both.filter((c) => c.spreadChange! > 0.005).length;
  const added = changes.filter((c) => c.presence === "added").length;
  const removed = changes.filter((c) => c.presence === "removed").length;
  const items = (n: number) => `${n} ${n === 1 ? "item" : "items"}`;
  const parts = [
    biggest.move! < 0.005
      ? `${items(both.length)} placed in both; no centre moved.`
      : `${items(both.length)} placed in both; their centres moved ${mean.toFixed(2)} cells on average, “${biggest.text}” the most (${biggest.move!.toFixed(2)}).`,
    closer + apart === 0
      ? "No item's spread changed."
      : `The group came closer together on ${items(closer)} and further apart on ${items(apart)}.`,
  ];
  if (added || removed) parts.push(`${added} new, ${removed} deleted in between.`);
  const reasoned = changes.filter((c) => c.reasonChanges.length > 0);
  if (reasoned.length > 0) {
    const count = reasoned.reduce((n, c) => n + c.reasonChanges.length, 0);
    const named = reasoned.slice(0, 3).map((c) => `“${c.text}”`);
    const on = reasoned.length > 3 ? `${named.join(", ")} and ${reasoned.length - 3} more` : named.join(reasoned.length === 2 ? " and " : ", ");
    parts.push(`${count} ${count === 1 ? "reason" : "reasons"} given, changed or taken back, on ${on}.`);
  }
  return parts.join(" ");
}
