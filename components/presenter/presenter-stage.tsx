"use client";

import { useMemo, useRef, useState, type ReactNode } from "react";
import type { BoardState } from "../../lib/board/doc";
import { sizeOf } from "../../lib/board/geometry";
import type { Roster } from "../../lib/board/people";
import type { Visibility } from "../../lib/board/visibility";
import { rankByContest } from "../../lib/stats";
import { itemStats, itemsPerCell } from "../../lib/stats/board";
import { GroupLayer, LiveLayer, type Person } from "../board/group-layer";
import { ItemDetail } from "../board/item-detail";
import { PlacementGrid, type MyNote } from "../board/placement-grid";
import { PresenterRanking } from "./presenter-ranking";
import { useGridLabels } from "../../hooks/use-label-layout";

interface PresenterStageProps {
  /** The board as a viewer sees it (blind rounds already applied). */
  board: BoardState;
  visibility: Visibility;
  /** Who is counted, and who of them is here. */
  roster: Roster;
  referenceLabel: string;
  previousSpreads: ReadonlyMap<string, number | null> | null;
  /** The join card, kept at the top of the side column whatever the panel below it shows. */
  join: ReactNode;
}

/* The projector has no notes of its own: nothing on it is ever carried, picked up or taken back, so these are never called. */
const neverCalled = () => {};
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
export function PresenterStage({ board, visibility, roster, referenceLabel, previousSpreads, join }: PresenterStageProps) {
  const { meta } = board;
  const size = sizeOf(meta.grid);
  const stats = useMemo(() => itemStats(board), [board]);
  const ranked = useMemo(() => rankByContest(stats), [stats]);
  const groupCounts = useMemo(() => itemsPerCell(stats, { rows: size.rows, columns: size.columns }), [stats, size.rows, size.columns]);
  const itemText = useMemo(() => new Map(board.items.map((i) => [i.id, i.text])), [board.items]);
  const participantsKey = board.participants.map((p) => `${p.id}\u0000${p.name}\u0000${p.color}`).join("\u0001");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt only when someone joins or changes name or colour, so dot layers can skip re-rendering
  const people = useMemo(() => new Map<string, Person>(board.participants.map((p) => [p.id, { name: p.name, color: p.color }])), [participantsKey]);

  const focus = meta.focus && itemText.has(meta.focus) ? meta.focus : null;
  /** A pick made here holds while the facilitator's focus stays what it was; a new focus takes over. */
  const [choice, setChoice] = useState<{ item: string | null; under: string | null } | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const picked = choice && choice.under === focus ? choice.item : focus;
  const entry = picked ? stats.find((s) => s.item.id === picked) : undefined;
  const highlighted = (hovered && itemText.has(hovered) ? hovered : null) ?? entry?.item.id ?? null;

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
          <PlacementGrid
            grid={meta.grid}
            label={`${meta.title}: placement grid`}
            areaRef={areaRef}
            cellsRef={cellsRef}
            myNotes={[]}
            myColor={null}
            groupCounts={groupCounts}
            references={null}
            referenceLabel={referenceLabel}
            carry={null}
            highlighted={highlighted}
            dragging={null}
            onHighlight={setHovered}
            onCarryMove={neverCalled}
            onCarryDrop={neverCalled}
            onCarryCancel={neverCalled}
            onNotePointerDown={neverCalled}
            onNotePickUp={neverCalled}
            onNoteTakeBack={neverCalled}
            onNoteSelect={neverCalled}
            layer={
              <GroupLayer
                size={size}
                items={stats}
                people={people}
                me={null}
                highlighted={highlighted}
                reference={null}
                labelled={labelled}
                labelSpots={labelSpots}
                allRings={false}
                carrying={false}
                onSelect={select}
              />
            }
            topLayer={<LiveLayer size={size} itemText={itemText} carry={null} />}
          />
        </div>
        <ul aria-label="Legend" className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
          <li className="flex items-center gap-2">
            <span aria-hidden="true" className="size-3 rounded-full bg-sky-600 ring-2 ring-white" /> a person’s placement
          </li>
          <li className="flex items-center gap-2">
            <span aria-hidden="true" className="size-3 rotate-45 bg-slate-900" /> the group’s centre
          </li>
          <li className="flex items-center gap-2">
            <span aria-hidden="true" className="size-4 rounded-full border-2 border-dashed border-indigo-600" /> spread of the item in focus
          </li>
        </ul>
      </section>

      <div className="flex min-w-0 flex-col gap-4 lg:min-h-0">
        {join}
        {/* What does not fit fades out at the bottom rather than being cut mid-line; the padding lets the end scroll clear of the fade. */}
        <div className="min-h-0 flex-1 overflow-y-auto lg:pr-1 lg:pb-8 lg:[mask-image:linear-gradient(to_bottom,#000_calc(100%-2rem),transparent)]">
          {entry ? (
            <ItemDetail
              grid={meta.grid}
              entry={entry}
              people={people}
              roster={roster}
              me={null}
              reference={null}
              referenceLabel={referenceLabel}
              headingRef={detailHeading}
              hidden={!visibility.showGroup}
              placeBlocked="The projector only watches."
              onClose={() => {
                setChoice({ item: null, under: focus });
                if (opener.current?.isConnected) opener.current.focus();
              }}
              onPickUp={neverCalled}
              onTakeBack={neverCalled}
            />
          ) : !visibility.showGroup ? (
            <BlindProgress progress={visibility.progress} />
          ) : (
            <PresenterRanking ranked={ranked} previous={previousSpreads} onSelect={select} onHighlight={setHovered} />
          )}
        </div>
      </div>
    </div>
  );
}

/** During a blind round the room sees how far the group has got, never where anyone placed. */
function BlindProgress({ progress }: { progress: Visibility["progress"] }) {
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
