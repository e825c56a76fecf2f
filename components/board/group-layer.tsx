"use client";

import { Fragment, memo, type CSSProperties } from "react";
import { cellCentre, percentOf, referenceCell } from "../../lib/board/geometry";
import type { GridPoint, GridSize } from "../../lib/board/grid";
import type { Cell } from "../../lib/board/schema";
import type { ItemWithStats } from "../../lib/stats/board";
import { usePeerDrags } from "../../hooks/use-board";
import type { LabelSpot } from "../../hooks/use-label-layout";
import { CampMarks, ReferenceLine } from "./grid-marks";

export interface Person {
  name: string;
  color: string;
}

interface GroupLayerProps {
  size: GridSize;
  items: ItemWithStats[];
  people: ReadonlyMap<string, Person>;
  /** This person's participant id: their placements are drawn as notes in the cells, not as dots. None on a view that only watches. */
  me?: string | null;
  highlighted: string | null;
  /** Reference cells to draw, by item id, when the reference layer is on. */
  reference?: Readonly<Record<string, Cell>> | null;
  /** The items whose centre is labelled while nothing is highlighted; the others' only on highlight. */
  labelled: ReadonlySet<string>;
  /** Where the labels go (see useLabelLayout); keyed `centre:<item id>`. */
  labelSpots: ReadonlyMap<string, LabelSpot>;
  /** Faint spread rings for every placed item, not only the highlighted one. */
  allRings?: boolean;
  /** A note is being carried: the centres stop taking clicks, which then place it. */
  carrying?: boolean;
  onSelect(item: string): void;
}

const at = (p: GridPoint, size: GridSize): CSSProperties => {
  const { left, top } = percentOf(p, size);
  return { left: `${left}%`, top: `${top}%` };
};

/**
 * What the group thinks, drawn over the grid: one dot per placement in its
 * owner's colour, each item's centroid, and for the highlighted item its
 * spread ring (radius = spread in cell units, so an ellipse when cells are
 * not square) and, with the reference layer on, the line to its reference cell.
 */
export function GroupLayer(props: GroupLayerProps) {
  const { size, items, people, me = null, highlighted, reference = null, labelled, labelSpots, allRings = false, carrying = false, onSelect } = props;
  const focus = highlighted ? items.find((i) => i.item.id === highlighted) : undefined;
  const focusRef = focus ? referenceCell(reference, focus.item.id, size) : null;
  // A split item's centre lies between its camps, where nobody placed it: its camps are drawn instead of its centre and ring.
  const focusCamps = focus?.stats?.shape === "split" ? focus.stats.camps : null;
  return (
    <div className="absolute inset-0 [contain:layout_paint]">
      {items.map((entry) => (
        <ItemDots
          key={entry.item.id}
          entry={entry}
          people={people}
          me={me}
          size={size}
          state={!highlighted ? "normal" : highlighted === entry.item.id ? "focus" : "dim"}
        />
      ))}
      {allRings &&
        items.map(({ item, stats }) =>
          stats && item.id !== focus?.item.id ? (
            <div
              key={item.id}
              data-ring={item.id}
              className="absolute rounded-[50%] border border-dashed border-slate-500/50"
              style={{
                ...at(stats.centroid, size),
                width: `${((2 * stats.spread) / size.columns) * 100}%`,
                height: `${((2 * stats.spread) / size.rows) * 100}%`,
                transform: "translate(-50%, -50%)",
              }}
            />
          ) : null,
        )}
      {focus?.stats && !focusCamps && (
        <div
          data-ring={focus.item.id}
          className="absolute rounded-[50%] border-2 border-dashed border-indigo-600/80 bg-indigo-500/8"
          style={{
            ...at(focus.stats.centroid, size),
            width: `${((2 * focus.stats.spread) / size.columns) * 100}%`,
            height: `${((2 * focus.stats.spread) / size.rows) * 100}%`,
            transform: "translate(-50%, -50%)",
          }}
        />
      )}
      {focus?.stats && focusRef && <ReferenceLine from={focus.stats.centroid} to={cellCentre(focusRef)} size={size} />}
      {focusCamps && <CampMarks camps={focusCamps} size={size} />}
      {items.map(({ item, stats }) =>
        stats && !(focusCamps && item.id === focus?.item.id) ? (
          <button
            key={item.id}
            type="button"
            tabIndex={-1}
            data-centroid={item.id}
            onClick={() => onSelect(item.id)}
            className={`absolute -mt-2 -ml-2 flex size-4 items-center justify-center ${carrying ? "pointer-events-none" : "pointer-events-auto cursor-pointer"} ${
              highlighted && highlighted !== item.id ? "opacity-25" : ""
            } ${highlighted === item.id ? "z-20" : ""}`}
            style={at(stats.centroid, size)}
          >
            <span
              data-split-centre={stats.shape === "split" || undefined}
              className={`block size-3 rotate-45 border-2 shadow ${
                stats.shape === "split" ? "border-slate-900 bg-white" : `border-white ${highlighted === item.id ? "bg-indigo-700" : "bg-slate-900"}`
              } ${highlighted === item.id ? "size-3.5" : ""}`}
            />
          </button>
        ) : null,
      )}
      {items.map(({ item, stats, placements }) => {
        // A centre that is only my own note would repeat my note's label.
        if (!stats || placements.every((p) => p.participant === me)) return null;
        const laidOut = labelled.has(item.id);
        // A dimmed label would be unreadable; only the highlighted item's (or, when few, everyone's) is shown.
        // Hidden rather than removed, so the layout keeps its place and nothing jumps when the highlight ends.
        // While a note is carried its own label names it: the centre's would say the same beside it.
        // A split item's centre lies between its camps, where nobody placed it: a label there would point at nothing
        // (highlighted, the item's camps are drawn instead, and its panel names it).
        const shown = stats.shape !== "split" && (highlighted ? highlighted === item.id && !carrying : laidOut);
        if (!shown && !laidOut) return null;
        const spot = laidOut ? labelSpots.get(`centre:${item.id}`) : undefined;
        const { left, top } = percentOf(stats.centroid, size);
        // Until laid out, labels near the right edge run leftwards so they stay inside the grid.
        const flip = stats.centroid.col / size.columns > 0.7;
        return (
          <Fragment key={item.id}>
            {spot?.leader && shown && (
              <span
                aria-hidden="true"
                className="absolute h-px origin-left bg-slate-900/60"
                style={{ left: `${left}%`, top: `${top}%`, width: spot.leader.length, transform: `rotate(${spot.leader.angle}rad)` }}
              />
            )}
            <button
              type="button"
              tabIndex={-1}
              data-label={`centre:${item.id}`}
              data-centroid-label={item.id}
              onClick={() => onSelect(item.id)}
              title={spot?.truncated ? item.text : undefined}
              className={`absolute w-max max-w-[6rem] rounded px-1 py-px text-left text-[0.6875rem] leading-tight font-semibold sm:max-w-[9rem] sm:text-xs ${
                carrying ? "pointer-events-none" : "pointer-events-auto cursor-pointer"
              } ${shown ? "" : "invisible"} ${highlighted === item.id ? "z-20 bg-indigo-700 text-white" : "bg-slate-900/75 text-white"}`}
              style={
                spot
                  ? { left: `calc(${left}% + ${spot.dx}px)`, top: `calc(${top}% + ${spot.dy}px)`, width: spot.width }
                  : { left: `${left}%`, top: `${top}%`, transform: flip ? "translate(calc(-100% - 0.5rem), -50%)" : "translate(0.5rem, -50%)" }
              }
            >
              <span data-label-text className="line-clamp-2 break-words">
                {item.text}
              </span>
            </button>
          </Fragment>
        );
      })}
    </div>
  );
}

interface LiveLayerProps {
  size: GridSize;
  itemText: ReadonlyMap<string, string>;
  /** Where a keyboard or tap placement would land now. */
  carry: { text: string; point: GridPoint; color: string } | null;
}

/** What moves while it happens: everyone else's drags, and a note this person is carrying. */
export function LiveLayer({ size, itemText, carry }: LiveLayerProps) {
  const drags = usePeerDrags();
  return (
    // A size container, so drags can move by transform in units of the grid's own width and height.
    <div className="absolute inset-0 [container-type:size]">
      {drags.map((drag) =>
        itemText.has(drag.item) ? (
          <div
            key={drag.clientId}
            data-peer-drag={drag.user.participant ?? ""}
            className="absolute top-0 left-0 flex items-center gap-1 transition-transform duration-75 ease-linear"
            style={{ transform: `translate(${percentOf(drag, size).left}cqw, ${percentOf(drag, size).top}cqh) translate(-0.375rem, -50%)` }}
          >
            <span className="block size-3 rounded-full ring-2 ring-white" style={{ background: drag.user.color }} />
            <span
              className="max-w-[10rem] truncate rounded-md border-2 bg-white/95 px-1.5 py-px text-[0.6875rem] font-semibold text-slate-900 shadow sm:text-xs"
              style={{ borderColor: drag.user.color }}
            >
              {drag.user.name}: {itemText.get(drag.item)}
            </span>
          </div>
        ) : null,
      )}
      {carry && (
        <div className="absolute flex items-center gap-1" style={{ ...at(carry.point, size), transform: "translate(-0.5rem, -50%)" }}>
          <span className="block size-4 rounded-full ring-3 ring-white motion-safe:animate-pulse" style={{ background: carry.color }} />
          <span
            className="max-w-[10rem] truncate rounded-md border-2 border-dashed bg-white px-1.5 py-px text-xs font-semibold text-slate-900 shadow-md"
            style={{ borderColor: carry.color }}
          >
            {carry.text}
          </span>
        </div>
      )}
    </div>
  );
}

interface ItemDotsProps {
  entry: ItemWithStats;
  people: ReadonlyMap<string, Person>;
  me: string | null;
  size: GridSize;
  state: "normal" | "focus" | "dim";
}

/** One item's dots. Re-renders only when that item's placements, the people or its highlight change. */
const ItemDots = memo(
  function ItemDots({ entry, people, me, size, state }: ItemDotsProps) {
    // In participant order, not by time: a move then changes one dot's style and never reorders the DOM.
    const byParticipant = [...entry.placements].sort((a, b) => (a.participant < b.participant ? -1 : a.participant > b.participant ? 1 : 0));
    return (
      <>
        {byParticipant.map((p) => {
          if (p.participant === me) return null;
          const color = people.get(p.participant)?.color ?? "#64748b";
          // Translucency comes from the colour, not from `opacity`: a thousand dots with opacity
          // would each be a compositing effect of their own, and repaint far more slowly.
          return (
            <span
              key={p.participant}
              data-dot={`${p.item}:${p.participant}`}
              className={`absolute block rounded-full ${
                state === "focus" ? "z-10 -mt-1.75 -ml-1.75 size-3.5 border-2 border-white shadow" : state === "dim" ? "-mt-1 -ml-1 size-2" : "-mt-1.25 -ml-1.25 size-2.5 border border-white"
              }`}
              // Centred by negative margins rather than a transform: a transform on each of a thousand dots
              // makes each one its own compositing candidate.
              style={{ ...at(p, size), background: state === "focus" ? color : `${color}${state === "dim" ? "26" : "d9"}` }}
            />
          );
        })}
      </>
    );
  },
  (a, b) =>
    a.state === b.state &&
    a.me === b.me &&
    a.people === b.people &&
    a.size.rows === b.size.rows &&
    a.size.columns === b.size.columns &&
    a.entry.placements.length === b.entry.placements.length &&
    a.entry.placements.every((p, i) => p === b.entry.placements[i]),
);
