"use client";

import type { ReactNode } from "react";
import type { ItemWithStats } from "../../lib/stats/board";
import { orderItems } from "../../lib/stats/list-order";
import { priorityFlag } from "../../lib/stats/priority";
import { NotPlacedYet, highlightOn } from "../board/item-highlight";
import { PriorityFlag, formatPriority } from "../board/priority-flag";
import { ShapeBadge } from "../board/shape-badge";

interface PresenterRankingProps {
  /** Items ranked most contested first, unplaced ones last. */
  ranked: ItemWithStats[];
  /** The previous round's spreads, when there was one. */
  previous: ReadonlyMap<string, number | null> | null;
  /** Most contested first, or highest priority first (with the flags of contested items near the top). */
  order: "contested" | "priority";
  /** The switch between the rankings, beside the heading; null without a goal corner. */
  orderSwitch?: ReactNode;
  onSelect(item: string): void;
  onHighlight(item: string | null): void;
}

/**
 * "Most contested" for the projector: one line per item, its name and spread
 * large, with a bar of the spread behind it so the order reads from across
 * the room, and how the group disagrees on it ("two camps (5 vs 3)"). Picking
 * an entry shows that item's details. By priority, the bar and the number are
 * the priority, and an item high in it that the group is split or scattered on
 * says so ("Top 3, but split").
 */
/** Beyond this many placed items the list is set smaller. */
const DENSE_FROM = 10;

export function PresenterRanking({ ranked, previous, order, orderSwitch = null, onSelect, onHighlight }: PresenterRankingProps) {
  const byPriority = order === "priority";
  const placed = orderItems(
    ranked.filter((r) => r.stats !== null),
    order,
  );
  const unplaced = ranked.filter((r) => r.stats === null);
  const measure = (r: ItemWithStats) => (byPriority ? (r.stats!.priority ?? 0) : r.stats!.spread);
  const widest = Math.max(0.01, ...placed.map(measure));
  const heading = byPriority ? "Priorities" : "Most contested";
  // A long backlog is set a size smaller, so the whole ranking fits on the wall under the join strip.
  const dense = placed.length > DENSE_FROM;
  return (
    <section aria-labelledby="ranking-heading" className="space-y-2">
      <div className="flex items-center justify-between gap-3">
        <h2 id="ranking-heading" className="text-xl font-semibold text-slate-900">
          {heading}
        </h2>
        {/* With a goal corner the switch takes the line; the numbers' meaning is then in each entry's words (sr) and the heading. */}
        {orderSwitch ?? <p className="text-sm text-slate-600">spread, in cells{previous ? " (last round)" : ""}</p>}
      </div>
      {placed.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-slate-300 bg-white p-5 text-lg text-slate-600">
          Nothing placed yet. The items the group disagrees on most rise to the top.
        </p>
      ) : (
        <ol aria-label={heading} className="divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
          {placed.map((entry, i) => {
            const { item, stats } = entry;
            const flagged = byPriority && priorityFlag(stats, i) !== null;
            const before = previous?.get(item.id);
            return (
              <li key={item.id}>
                <button
                  type="button"
                  onClick={() => onSelect(item.id)}
                  {...highlightOn(item.id, onHighlight)}
                  className={`relative flex w-full items-center gap-3 px-4 text-left hover:bg-slate-50 focus-ring-inset ${dense ? "py-0 text-[0.875rem] leading-tight" : "py-0.5"}`}
                >
                  <span aria-hidden="true" className="absolute inset-y-0.5 left-0 rounded-r-md bg-indigo-100" style={{ width: `${(measure(entry) / widest) * 100}%` }} />
                  <span aria-hidden="true" className="relative w-6 shrink-0 text-right font-semibold text-slate-500 tabular-nums">
                    {i + 1}
                  </span>
                  {/* A flag says how the group disagrees as well, so it stands in for the shape, on a line of its own under the name. */}
                  <span className={`relative min-w-0 flex-1 ${dense ? "py-px leading-tight" : "leading-snug"}`}>
                    <span className="block truncate font-medium text-slate-900">{item.text}</span>
                    {flagged && <PriorityFlag stats={stats} rank={i} className="mb-0.5 text-sm" />}
                  </span>
                  {!flagged && <ShapeBadge stats={stats} className={`relative shrink-0 ${dense ? "py-0 text-[0.8125rem] leading-tight!" : "text-base"}`} />}
                  {!byPriority && typeof before === "number" && <span className="relative shrink-0 text-sm text-slate-600 tabular-nums">({before.toFixed(2)})</span>}
                  <span className={`relative shrink-0 font-semibold text-slate-900 tabular-nums ${dense ? "text-base leading-tight" : "text-lg leading-snug"}`}>
                    <span className="sr-only">{byPriority ? "priority " : "spread "}</span>
                    {byPriority ? formatPriority(stats!.priority) : stats!.spread.toFixed(2)}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <NotPlacedYet unplaced={unplaced} className="text-slate-600" />
    </section>
  );
}
