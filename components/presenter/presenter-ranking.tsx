"use client";

import type { ItemWithStats } from "../../lib/stats/board";
import { NotPlacedYet, highlightOn } from "../board/item-highlight";
import { ShapeBadge } from "../board/shape-badge";

interface PresenterRankingProps {
  /** Items ranked most contested first, unplaced ones last. */
  ranked: ItemWithStats[];
  /** The previous round's spreads, when there was one. */
  previous: ReadonlyMap<string, number | null> | null;
  onSelect(item: string): void;
  onHighlight(item: string | null): void;
}

/**
 * "Most contested" for the projector: one line per item, its name and spread
 * large, with a bar of the spread behind it so the order reads from across
 * the room, and how the group disagrees on it ("two camps (5 vs 3)"). Picking
 * an entry shows that item's details.
 */
export function PresenterRanking({ ranked, previous, onSelect, onHighlight }: PresenterRankingProps) {
  const placed = ranked.filter((r) => r.stats !== null);
  const unplaced = ranked.filter((r) => r.stats === null);
  const widest = Math.max(0.01, ...placed.map((r) => r.stats!.spread));
  return (
    <section aria-labelledby="ranking-heading" className="space-y-2">
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="ranking-heading" className="text-xl font-semibold text-slate-900">
          Most contested
        </h2>
        <p className="text-sm text-slate-600">spread, in cells{previous ? " (last round)" : ""}</p>
      </div>
      {placed.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-slate-300 bg-white p-5 text-lg text-slate-600">
          Nothing placed yet. The items the group disagrees on most rise to the top.
        </p>
      ) : (
        <ol aria-label="Most contested" className="divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
          {placed.map(({ item, stats }, i) => {
            const before = previous?.get(item.id);
            return (
              <li key={item.id}>
                <button
                  type="button"
                  onClick={() => onSelect(item.id)}
                  {...highlightOn(item.id, onHighlight)}
                  className="relative flex w-full items-center gap-3 px-4 py-0.5 text-left hover:bg-slate-50 focus-ring-inset"
                >
                  <span aria-hidden="true" className="absolute inset-y-0.5 left-0 rounded-r-md bg-indigo-100" style={{ width: `${(stats!.spread / widest) * 100}%` }} />
                  <span aria-hidden="true" className="relative w-6 shrink-0 text-right font-semibold text-slate-500 tabular-nums">
                    {i + 1}
                  </span>
                  <span className="relative min-w-0 flex-1 truncate leading-snug font-medium text-slate-900">{item.text}</span>
                  <ShapeBadge stats={stats} className="relative shrink-0 text-base" />
                  {typeof before === "number" && <span className="relative shrink-0 text-sm text-slate-600 tabular-nums">({before.toFixed(2)})</span>}
                  <span className="relative shrink-0 text-lg leading-snug font-semibold text-slate-900 tabular-nums">
                    <span className="sr-only">spread </span>
                    {stats!.spread.toFixed(2)}
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
