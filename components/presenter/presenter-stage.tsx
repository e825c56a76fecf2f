"use client";

import { useRef, useState, type ReactNode } from "react";
import type { BoardState } from "../../lib/board/doc";
import type { Roster } from "../../lib/board/people";
import type { Visibility } from "../../lib/board/visibility";
import { GridFrame } from "../board/grid-frame";
import { LegendEntry, MARK } from "../board/grid-legend";
import { GroupLayer, LiveLayer } from "../board/group-layer";
import { ItemDetail } from "../board/item-detail";
import type { MyNote } from "../board/placement-grid";
import { PresenterRanking } from "./presenter-ranking";
import { useGroupStats } from "../../hooks/use-group-stats";
import { useGridLabels } from "../../hooks/use-label-layout";

interface PresenterStageProps {
  /** The board as a viewer sees it (blind rounds already applied). */
  board: BoardState;
  visibility: Visibility;
  /** Who is counted, and who of them is here. */
  roster: Roster;
  referenceLabel: string;
  previousSpreads: ReadonlyMap<string, number | null> | null;
  /** The ranking the room is shown, and the switch between the rankings (null without a goal corner). */
  order: "contested" | "priority";
  orderSwitch: ReactNode;
  /** The join card, kept at the top of the side column whatever the panel below it shows; compact while an item's details are shown. */
  join(compact: boolean): ReactNode;
}

/* The projector has no notes of its own. */
const NO_NOTES: MyNote[] = [];

/*
 * The grid fills the height it is given: the grid element becomes a column whose
 * rows share what is left under the column headers. Only in the fixed projector
 * layout (lg and up); below it the board's own cell heights apply and the page scrolls.
 */
const FILL_GRID =
  "lg:h-full lg:[&_[role=grid]]:flex lg:[&_[role=grid]]:h-full lg:[&_[role=grid]]:flex-col lg:[&_[role=grid]]:[--head:8.5rem] " +
  "lg:[&_[role=rowgroup]]:min-h-0 lg:[&_[role=rowgroup]]:flex-1 lg:[&_[role=rowgroup]]:[--cell-h:0px] lg:[&_[role=rowheader]]:overflow-hidden";

/**
 * The projector's working area: the grid as large as the screen allows, and
 * beside it the join card above the contested list, or the details of the item
 * being discussed in the list's place, so nothing ever pushes the join card away.
 * It follows the facilitator's focus; an item picked here is shown until the focus changes.
 */
/** Beyond this many placed items the ranking needs the room the join card takes, and the card shrinks to a strip (as it does while an item is discussed). */
const ROOMY_RANKING = 9;

export function PresenterStage({ board, visibility, roster, referenceLabel, previousSpreads, order, orderSwitch, join }: PresenterStageProps) {
  const { meta } = board;
  const { size, stats, ranked, groupCounts, itemText, people } = useGroupStats(board);

  const focus = meta.focus && itemText.has(meta.focus) ? meta.focus : null;
  /** A pick made here holds while the facilitator's focus stays what it was; a new focus takes over. */
  const [choice, setChoice] = useState<{ item: string | null; under: string | null } | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const picked = choice && choice.under === focus ? choice.item : focus;
  const entry = picked ? stats.find((s) => s.item.id === picked) : undefined;
  const highlighted = (hovered && itemText.has(hovered) ? hovered : null) ?? entry?.item.id ?? null;
  // The join card gives way to a strip while an item is discussed, or when the ranking needs the room.
  const strip = !!entry || ranked.filter((r) => r.stats !== null).length > ROOMY_RANKING;
  const highlightedSplit = stats.find((s) => s.item.id === highlighted)?.stats?.shape === "split";

  const areaRef = useRef<HTMLDivElement>(null);
  const cellsRef = useRef<HTMLDivElement>(null);
  const detailHeading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  const select = (item: string) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setChoice({ item, under: focus });
    requestAnimationFrame(() => detailHeading.current?.focus({ preventScroll: true }));
  };
  const { labelled, labelSpots } = useGridLabels(cellsRef, areaRef, size, NO_NOTES, stats, null);

  return (
    <div className="flex flex-col gap-6 lg:grid lg:min-h-0 lg:flex-1 lg:grid-cols-[minmax(0,1fr)_28rem] lg:gap-5">
      <section aria-labelledby="grid-heading" className="flex min-w-0 flex-col gap-2 lg:min-h-0">
        <h2 id="grid-heading" className="sr-only">
          The grid
        </h2>
        <div className={`min-h-0 flex-1 ${FILL_GRID}`}>
          <GridFrame
            grid={meta.grid}
            label={`${meta.title}: placement grid`}
            areaRef={areaRef}
            cellsRef={cellsRef}
            groupCounts={groupCounts}
            goal={meta.goal}
            liveLayer={<LiveLayer size={size} itemText={itemText} carry={null} />}
          >
            <GroupLayer size={size} items={stats} people={people} highlighted={highlighted} labelled={labelled} labelSpots={labelSpots} onSelect={select} />
          </GridFrame>
        </div>
        <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
          <LegendEntry mark="size-3 rounded-full bg-sky-600 ring-2 ring-white">a placement</LegendEntry>
          <LegendEntry mark="size-3 rotate-45 bg-slate-900">the group’s centre</LegendEntry>
          <LegendEntry mark={`${MARK.splitCentre} size-3`}>a split item’s centre</LegendEntry>
          {/* A split item is drawn as its two camps instead of its ring: one entry either way, so the legend never wraps and the grid keeps its height. */}
          {highlightedSplit ? (
            <LegendEntry mark="size-4 rounded-full border-2 border-rose-700 bg-rose-500/10">camps of the item in focus</LegendEntry>
          ) : (
            <LegendEntry mark="size-4 rounded-full border-2 border-dashed border-indigo-600">spread of the item in focus</LegendEntry>
          )}
        </ul>
      </section>

      <div className={`flex min-w-0 flex-col lg:min-h-0 ${strip ? "gap-3" : "gap-4"}`}>
        {join(strip)}
        {entry && !visibility.showGroup && <BlindProgress progress={visibility.progress} compact />}
        {/* What does not fit fades out at the bottom rather than being cut mid-line; the padding lets the end scroll clear of the fade. */}
        <div className="min-h-0 flex-1 overflow-y-auto lg:pr-1 lg:pb-8 lg:[mask-image:linear-gradient(to_bottom,#000_calc(100%-2rem),transparent)]">
          {entry ? (
            <ItemDetail
              grid={meta.grid}
              entry={entry}
              people={people}
              roster={roster}
              reference={null}
              referenceLabel={referenceLabel}
              headingRef={detailHeading}
              hidden={!visibility.showGroup}
              onClose={() => {
                setChoice({ item: null, under: focus });
                if (opener.current?.isConnected) opener.current.focus();
              }}
            />
          ) : !visibility.showGroup ? (
            <BlindProgress progress={visibility.progress} />
          ) : (
            <PresenterRanking ranked={ranked} previous={previousSpreads} order={order} orderSwitch={orderSwitch} onSelect={select} onHighlight={setHovered} />
          )}
        </div>
      </div>
    </div>
  );
}

/** During a blind round the room sees how far the group has got, never where anyone placed. */
function BlindProgress({ progress, compact = false }: { progress: Visibility["progress"]; compact?: boolean }) {
  // Beside an item's details, one line: how far the group has got still shows while the item is discussed.
  if (compact) {
    return (
      <section aria-labelledby="blind-heading" className="shrink-0 rounded-2xl border border-violet-200 bg-violet-50/60 px-4 py-2.5 text-lg text-slate-700">
        <h2 id="blind-heading" className="inline font-semibold text-slate-900">
          Blind round:
        </h2>{" "}
        <span className="font-bold text-slate-900 tabular-nums">{progress.count}</span> {progress.rest}
        {progress.away && <span className="block text-base">{progress.away}.</span>}
      </section>
    );
  }
  return (
    <section aria-labelledby="blind-heading" className="space-y-3 rounded-2xl border border-violet-200 bg-violet-50/60 p-5">
      <h2 id="blind-heading" className="text-xl font-semibold text-slate-900">
        Blind round
      </h2>
      <p className="text-slate-700">Placements stay hidden until the facilitator reveals them, so nobody anchors on anybody else.</p>
      <p className="text-5xl font-bold text-slate-900 tabular-nums">{progress.count}</p>
      <p className="text-lg text-slate-700">{progress.rest}</p>
      {progress.away && <p className="text-lg text-slate-700">{progress.away}.</p>}
    </section>
  );
}
