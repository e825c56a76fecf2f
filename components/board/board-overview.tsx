import { useCallback, useMemo } from "react";
import { colorFor } from "../../lib/board/colors";
import { sizeOf } from "../../lib/board/grid";
import type { Grid } from "../../lib/board/schema";
import type { ItemWithStats } from "../../lib/stats/board";
import { ORDERS, orderItems, type ItemOrder } from "../../lib/stats/list-order";
import { shapeWords } from "../../lib/stats/shape-words";
import { SHAPE_INK, type OverviewEntry } from "../../lib/snapshot/overview-tile";
import { LegendEntry, MARK } from "./grid-legend";
import type { Person } from "./group-layer";
import { highlightOn } from "./item-highlight";
import { OverviewTile } from "./overview-tile";
import { PriorityFlag, formatPriority } from "./priority-flag";

export { PLACEMENT_VIEWS, type PlacementView } from "./placement-views";

interface BoardOverviewProps {
  grid: Grid;
  /** Every item with its statistics, in any order: the overview orders them. */
  items: readonly ItemWithStats[];
  order?: ItemOrder;
  people: ReadonlyMap<string, Person>;
  /** A blind round: the grids stay empty until the reveal. */
  hidden: boolean;
  /** The projector's look: larger words, every tile on one screen (see PresenterOverview). */
  projector?: boolean;
  selected?: string | null;
  /** Absent where a tile is only looked at (the projector). */
  onSelect?(item: string): void;
  onHighlight?(item: string | null): void;
}

/** How the overview reads, over its tiles: the order, and which way the axes run in every small grid. */
export function overviewReading(grid: Grid, order: ItemOrder): string {
  const reading = ORDERS[order].reading;
  const first = reading.charAt(0).toUpperCase() + reading.slice(1);
  const ends = (axes: Grid["rows"]) => `${axes[0]!.label} → ${axes[axes.length - 1]!.label}`;
  return `${first}. In every grid, columns run ${ends(grid.columns)}; rows run ${ends(grid.rows)}.`;
}

const entryOf = ({ item, placements, stats }: ItemWithStats): OverviewEntry => ({ id: item.id, text: item.text, placements, stats });

/**
 * Every item at a glance: one small grid per item with its dots, its centre
 * and spread ring or its two camps, the item's text and its shape in words
 * under it. A tile's name is a button, stretched over the whole card, that
 * selects the item; the grid itself is an image with a spoken summary.
 */
export function BoardOverview({ grid, items, order = "contested", people, hidden, projector = false, selected = null, onSelect, onHighlight }: BoardOverviewProps) {
  const size = useMemo(() => sizeOf(grid), [grid]);
  const ordered = useMemo(() => orderItems(items, order).map((entry) => ({ entry: entryOf(entry), stats: entry.stats })), [items, order]);
  const colorOf = useCallback((id: string) => people.get(id)?.color ?? colorFor(id), [people]);
  const layout = projector ? projectorLayout(ordered.length) : null;
  const byPriority = order === "priority";

  if (ordered.length === 0) return <p className="rounded-2xl border border-dashed border-slate-300 bg-white p-5 text-slate-600">No items on this board yet.</p>;
  const list = (
    <ol
      aria-label="Overview: every item’s placements"
      className={layout ? `grid h-full gap-3 ${layout.scroll ? "overflow-y-auto" : ""}` : "grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-4"}
      style={
        layout && {
          gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`,
          ...(layout.scroll ? { gridAutoRows: "calc((100% - 3rem) / 5)" } : { gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))` }),
        } || undefined
      }
    >
      {ordered.map(({ entry, stats }, i) => {
        const words = hidden ? "hidden until the reveal" : (shapeWords(stats) ?? "not placed yet");
        const tone = !hidden && stats?.shape ? SHAPE_INK[stats.shape] : undefined;
        const isSelected = entry.id === selected;
        return (
          <li
            key={entry.id}
            data-overview-item={entry.id}
            data-selected={isSelected || undefined}
            className={`relative min-w-0 rounded-2xl border bg-white shadow-sm ${isSelected ? "border-indigo-500 ring-2 ring-indigo-500" : "border-slate-200"} ${
              onSelect
                ? // Keyboard focus is an outline set off from the card, so it never reads as the selection's ring.
                  "hover:border-indigo-300 has-[button:focus-visible]:outline-3 has-[button:focus-visible]:outline-offset-3 has-[button:focus-visible]:outline-slate-900"
                : ""
            } ${layout ? "flex min-h-0 items-center gap-[0.6em] p-[0.4em]" : "p-2.5 sm:p-3"}`}
            style={layout ? { fontSize: `${layout.em}rem` } : undefined}
          >
            <OverviewTile entry={entry} size={size} colorOf={colorOf} hidden={hidden} className={layout ? "h-full max-h-full w-auto max-w-[55%] shrink-0" : "block h-auto w-full"} />
            <div className={layout ? "min-w-0 flex-1 space-y-[0.2em] pr-[0.3em]" : "mt-2 min-w-0 space-y-0.5"}>
              <p className={`flex gap-[0.35em] leading-tight font-semibold text-slate-900 ${layout ? "" : "text-sm sm:text-base"}`}>
                <span aria-hidden="true" className="shrink-0 text-slate-500 tabular-nums">
                  {i + 1}.
                </span>
                {onSelect ? (
                  <button
                    type="button"
                    aria-pressed={isSelected}
                    onClick={() => onSelect(entry.id)}
                    {...(onHighlight ? highlightOn(entry.id, onHighlight) : {})}
                    className="line-clamp-3 min-w-0 text-left break-words outline-none after:absolute after:inset-0 after:rounded-2xl"
                  >
                    {entry.text}
                  </button>
                ) : (
                  <span className="line-clamp-3 min-w-0 break-words">{entry.text}</span>
                )}
              </p>
              <p aria-hidden="true" className={`leading-tight font-semibold ${layout ? "text-[0.85em]" : "text-sm"}`} style={{ color: tone ?? "#475569" }}>
                {words}
              </p>
              {stats && !hidden && (
                <p aria-hidden="true" className={`leading-tight text-slate-600 tabular-nums ${layout ? "text-[0.7em]" : "text-xs sm:text-sm"}`}>
                  {stats.n} placed · {byPriority ? `priority ${formatPriority(stats.priority)}` : `spread ${stats.spread.toFixed(2)}`}
                </p>
              )}
              {/* In the priorities, the tile says its priority, and warns of a top item the group is split or scattered on. */}
              {byPriority && stats && !hidden && (
                <p className={layout ? "text-[0.7em]" : "text-xs"}>
                  <span className="sr-only">Priority {formatPriority(stats.priority)}. </span>
                  <PriorityFlag stats={stats} rank={i} className="" />
                </p>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
  // The projector says how to read the tiles in its own header.
  if (projector) return list;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">{overviewReading(grid, order)}</p>
      {list}
      <OverviewLegend />
    </div>
  );
}

/** What the marks of a small grid stand for. */
export function OverviewLegend({ className = "text-sm text-slate-600" }: { className?: string }) {
  return (
    <ul aria-label="Legend" className={`flex flex-wrap gap-x-5 gap-y-1 ${className}`}>
      <LegendEntry mark={MARK.placement}>a person’s placement</LegendEntry>
      <LegendEntry mark={MARK.centre}>the group’s centre</LegendEntry>
      <LegendEntry mark={MARK.spread}>spread</LegendEntry>
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className="inline-flex size-[1.25em] shrink-0 items-center justify-center rounded-full border-2 border-slate-900 bg-white text-[0.7em] leading-none font-bold">
          5
        </span>
        two camps: each camp’s centre and size, and no group centre (it lies where nobody placed it)
      </li>
    </ul>
  );
}

/**
 * Columns and rows that fill a projector's 16:9 stage with wide cards (a tile beside its words),
 * and the words' size: 9 items are 3 × 3 in large type; up to 20 still fit, smaller; more scroll.
 */
function projectorLayout(count: number): { columns: number; rows: number; em: number; scroll: boolean } {
  const columns = count <= 4 ? 2 : count <= 9 ? 3 : count <= 16 ? 4 : 5;
  const rows = Math.max(1, Math.ceil(count / columns));
  const em = columns <= 3 ? 1 : columns === 4 ? 0.85 : 0.72;
  return { columns, rows, em, scroll: rows > 5 };
}
