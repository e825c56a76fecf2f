"use client";

import { useId, useState } from "react";
import { cellName, distanceToCell, referenceCell } from "../../lib/board/geometry";
import { sizeOf } from "../../lib/board/grid";
import { placedByText, type Roster } from "../../lib/board/people";
import type { Cell, Grid } from "../../lib/board/schema";
import type { ItemWithStats } from "../../lib/stats/board";
import { commonCell, describeCommonCell, type CommonCell } from "../../lib/stats/common-cell";
import { orderOptions, orderRanking, type ListOrder } from "../../lib/stats/list-order";
import { Segmented } from "../ui/segmented";
import { NotPlacedYet, highlightOn } from "./item-highlight";
import { PriorityFlag, formatPriority } from "./priority-flag";
import { ShapeBadge } from "./shape-badge";

interface ContestedListProps {
  grid: Grid;
  /** Items ranked most contested first, unplaced ones last. */
  ranked: ItemWithStats[];
  /** Who is counted, and who of them is here: "Placed by 3 of 4 (1 not here)". */
  roster: Roster;
  selected: string | null;
  /** Reference cells, when the reference layer is on: each entry then says how far the group is from it. */
  reference: Readonly<Record<string, Cell>> | null;
  referenceLabel: string;
  /** The previous round's spreads, to show how each item moved. */
  previous: { round: number; spreads: ReadonlyMap<string, number | null> } | null;
  /** Whether the board has a goal corner: only then is there a "Priorities" order. */
  hasGoal: boolean;
  /** The order chosen for the list (the board's overview follows it). */
  order: ListOrder;
  onOrder(order: ListOrder): void;
  onSelect(item: string): void;
  onHighlight(item: string | null): void;
}


/** Where the discussion should go: the items the group is most spread on, live. */
export function ContestedList(props: ContestedListProps) {
  const { grid, ranked, roster, selected, reference, referenceLabel, previous, onSelect, onHighlight, order: chosen, onOrder: setOrder } = props;
  // "Most changed" is offered only once there is a previous round, "Priorities" only with a goal corner; a choice of
  // either made then does not outlive it.
  const order = (chosen === "changed" && !previous) || (chosen === "priority" && !props.hasGoal) ? "contested" : chosen;
  const size = sizeOf(grid);
  const live = orderRanking(ranked.filter((r) => r.stats !== null), order, previous?.spreads ?? null);
  const unplaced = ranked.filter((r) => r.stats === null);
  /*
   * While the pointer is over the list its order holds still: an entry jumping away just as it is
   * clicked makes the list unusable. Only the pointer holds it, never keyboard focus (which stays in
   * the list after a click and would freeze the ranking for the rest of the discussion). The numbers
   * stay live; the order catches up when the pointer leaves.
   */
  const [heldOrder, setHeldOrder] = useState<string[] | null>(null);
  const placed = heldOrder ? holdOrder(live, heldOrder) : live;
  const reordered = heldOrder !== null && placed.some((r, i) => r !== live[i]);
  const nameOf = (cell: { row: number; col: number }) => cellName(grid, cell);
  const hintId = useId();
  // After a round, "Most contested" reads as the ranking of what is still contested, beside "Most changed".
  const keys: ListOrder[] = ["contested", "split", ...(props.hasGoal ? (["priority"] as const) : []), ...(previous ? (["changed"] as const) : [])];
  const options = orderOptions(keys).map((o) => (o.value === "contested" && previous ? { ...o, label: "Still contested" } : o));
  const byPriority = order === "priority";
  const heading = byPriority ? "Priorities" : "Most contested";
  return (
    <section aria-labelledby="contested-heading" className="space-y-3">
      <div>
        <div className="flex flex-wrap items-baseline justify-between gap-x-3">
          <h2 id="contested-heading" className="text-lg font-semibold text-slate-900">
            {heading}
          </h2>
          {heldOrder && (
            <p className="rounded-full bg-slate-200/70 px-2.5 py-0.5 text-xs font-medium text-slate-800">
              Order held while you point here{reordered ? " · the ranking has changed" : ""}
            </p>
          )}
        </div>
        <p id={hintId} className="text-sm text-slate-600">
          {ORDER_HINT[order]}
        </p>
        <Segmented<ListOrder> label="Order" describedBy={hintId} options={options} value={order} onChange={setOrder} className="mt-2" />
      </div>
      {placed.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          Nothing placed yet. As people place items, the ones they disagree on most rise to the top.
        </p>
      ) : (
        <ol
          aria-label={heading}
          onPointerEnter={() => setHeldOrder(live.map((r) => r.item.id))}
          onPointerLeave={() => setHeldOrder(null)}
          className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white shadow-sm"
        >
          {placed.map(({ item, stats, placements }, i) => {
            const s = stats!;
            const ref = referenceCell(reference, item.id, size);
            return (
              <li key={item.id}>
                <button
                  type="button"
                  aria-current={selected === item.id ? "true" : undefined}
                  onClick={() => onSelect(item.id)}
                  {...highlightOn(item.id, onHighlight)}
                  className="flex w-full items-start gap-3 p-3 text-left first:rounded-t-2xl last:rounded-b-2xl hover:bg-slate-50 focus-ring-inset aria-[current]:bg-indigo-50 sm:gap-4 sm:p-4"
                >
                  <span aria-hidden="true" className="mt-0.5 w-5 shrink-0 text-right font-semibold text-slate-500 tabular-nums">
                    {i + 1}
                  </span>
                  <span className="min-w-0 flex-1 space-y-1">
                    <span className="block font-medium break-words text-slate-900">{item.text}</span>
                    <span className="flex flex-wrap items-center gap-1.5">
                      <ShapeBadge stats={s} />
                      {byPriority && <PriorityFlag stats={s} rank={i} />}
                    </span>
                    <span className="block text-sm text-slate-600">
                      Placed by {placedByText(roster, new Set(placements.map((p) => p.participant)))} · {commonCellPhrase(commonCell(placements, size)!, nameOf)}
                    </span>
                    {previous && (
                      <span className="block text-sm text-slate-600">
                        Round {previous.round}: {formatChange(previous.spreads.get(item.id), s.spread)}
                      </span>
                    )}
                    {ref && (
                      <span className="block text-sm text-amber-800">
                        {distanceToCell(s.centroid, ref).toFixed(2)} cells from the {referenceLabel.toLowerCase()}
                      </span>
                    )}
                  </span>
                  {byPriority ? (
                    <span className="shrink-0 text-right">
                      <span className="block text-lg font-semibold text-emerald-800 tabular-nums">{formatPriority(s.priority)}</span>
                      <span className="block text-xs text-slate-600">priority</span>
                      <span className="block text-xs text-slate-600 tabular-nums">spread {s.spread.toFixed(2)}</span>
                    </span>
                  ) : (
                    <span className="shrink-0 text-right">
                      <span className="block text-lg font-semibold text-slate-900 tabular-nums">{s.spread.toFixed(2)}</span>
                      <span className="block text-xs text-slate-600">spread</span>
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <NotPlacedYet unplaced={unplaced} className="text-sm text-slate-600" />
    </section>
  );
}

const ORDER_HINT: Record<ListOrder, string> = {
  contested: "Ranked by spread: the typical distance from the group’s centre, in cells. 0 means everyone agrees.",
  split: "Items on which the group forms two camps come first, the clearest split first; then the rest by spread.",
  priority: "Ranked by how close the group’s centre lies to the goal corner: 1.00 is in the corner, 0 the opposite one. Equal priorities: the one the group agrees on more first.",
  changed: "Ranked by how far each spread moved since the previous round.",
};

/** The live entries in a held order; entries new since then go last. */
function holdOrder(live: ItemWithStats[], order: string[]): ItemWithStats[] {
  const position = new Map(order.map((id, i) => [id, i]));
  return [...live].sort((a, b) => (position.get(a.item.id) ?? Infinity) - (position.get(b.item.id) ?? Infinity));
}

/** "common cell: Engineering, RLHF (67 %)", "no common cell", "split evenly between …". */
function commonCellPhrase(common: CommonCell, nameOf: (cell: Cell) => string): string {
  const words = describeCommonCell(common, nameOf);
  return common.kind === "cell" ? `common cell: ${words}` : words;
}

/** "spread 1.41 → 0.60" since the previous round, or what there was to compare. */
function formatChange(before: number | null | undefined, now: number): string {
  if (before === undefined) return "not on the board then";
  if (before === null) return "nobody had placed it";
  return `spread ${before.toFixed(2)} → ${now.toFixed(2)}`;
}
