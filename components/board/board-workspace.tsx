"use client";

import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { BoardState } from "../../lib/board/doc";
import { rosterOfRecord, type Roster } from "../../lib/board/people";
import type { Role } from "../../lib/board/schema";
import type { Visibility } from "../../lib/board/visibility";
import { useCarry } from "../../hooks/use-carry";
import { useFollowFocus } from "../../hooks/use-follow-focus";
import { useGroupStats } from "../../hooks/use-group-stats";
import { useGridLabels } from "../../hooks/use-label-layout";
import { useMyNotes } from "../../hooks/use-my-notes";
import { usePlacementView } from "../../hooks/use-placement-view";
import { usePlacing } from "../../hooks/use-placing";
import { useReferenceLayer } from "../../hooks/use-reference-layer";
import { FocusTime } from "./board-timer";
import { FocusBar } from "./focus-bar";
import { GridFrame, type GridHandle } from "./grid-frame";
import { GridLegend } from "./grid-legend";
import { GridToolbar } from "./grid-toolbar";
import { GroupLayer, LiveLayer } from "./group-layer";
import { ItemTray } from "./item-tray";
import { usePlacementCells } from "./placement-grid";
import { focusDetailHeading, scrollToTop } from "./placing-viewport";
import { WorkspaceSide } from "./workspace-side";
import dynamic from "next/dynamic";

/* A loading part of its own keeps the rest of the page on screen (and focus where it is) while it loads. */
const NOTHING = () => null;

/* The overview is drawn only when someone asks for it: it is loaded then, not with the board. */
const BoardOverview = dynamic(() => import("./board-overview").then((m) => m.BoardOverview), { loading: NOTHING });

interface BoardWorkspaceProps {
  board: BoardState;
  referenceLabel: string;
  visibility: Visibility;
  /** Who is counted and who of them is here, for every count in the ranking and the item panel; without it, everyone is here. */
  roster?: Roster;
  role: Role;
  /** Each item's spread at the end of the previous round, once there was one. */
  previousSpreads: ReadonlyMap<string, number | null> | null;
  /** The facilitator's: point everyone's view at an item (null ends it). */
  onFocusEveryone?: (item: string | null) => void;
  /** Whether the reference layer is on, when the page shares it with other parts (the item list); otherwise kept here. */
  referenceLayer?: { shown: boolean; onShownChange(shown: boolean): void };
}

/**
 * The working area of a board: my tray, the grid with everyone's dots, the
 * selected item's details and the contested list, and the interaction state
 * they share (selection, highlight, a note being carried or dragged). This
 * person's placement verbs come from the open board (usePlacing); a board
 * that is only looked at has none, and its grid is the frame alone.
 */
export function BoardWorkspace({ board, referenceLabel, visibility, role, previousSpreads, onFocusEveryone, referenceLayer, ...props }: BoardWorkspaceProps) {
  const placing = usePlacing();
  const { meta } = board;
  const roster = useMemo(() => props.roster ?? rosterOfRecord(board), [props.roster, board]);
  const { size, stats, ranked, groupCounts, itemText, people } = useGroupStats(board);
  const [selected, setSelected] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const { view, setView, order, setOrder, overviewOrder, toGrid, allRings, setAllRings } = usePlacementView();
  const [announcement, setAnnouncement] = useState("");

  const gridHandle = useRef<GridHandle>(null);
  const areaRef = useRef<HTMLDivElement>(null);
  const cellsRef = useRef<HTMLDivElement>(null);
  const trayRef = useRef<HTMLElement>(null);
  const detailHeading = useRef<HTMLHeadingElement>(null);
  const reasonField = useRef<HTMLInputElement>(null);
  /** Where focus returns when the item panel closes. */
  const detailOpener = useRef<HTMLElement | null>(null);
  const gridSection = useRef<HTMLElement>(null);

  const me = placing?.me ?? null;
  const { myNotes, placedByMe, trayItems } = useMyNotes(board, me);
  const blocked = !placing ? "Viewers watch the board; they do not place items." : meta.locked ? "The facilitator has locked the board for now." : null;

  const references = useReferenceLayer(meta.reference, board.items, size, referenceLayer);
  const { reference } = references;

  const selectedEntry = selected ? stats.find((s) => s.item.id === selected) : undefined;
  const focus = meta.focus && itemText.has(meta.focus) ? meta.focus : null;
  const following = useFollowFocus({ focus, itemText, leading: !!onFocusEveryone, setSelected, gridSection, announce: setAnnouncement });
  const carrying = useCarry({
    placing,
    blocked,
    grid: meta.grid,
    itemText,
    myNotes,
    trayItems,
    gridHandle,
    gridSection,
    trayRef,
    areaRef,
    cellsRef,
    select: setSelected,
    clearHover: () => setHovered(null),
    announce: setAnnouncement,
  });
  const { carry, dragging } = carrying;

  // A highlight from an element that went away (moved, dropped, deleted) must not linger, and an item
  // nobody has placed has nothing to show: pointing at it (or the tray's focus landing on it after a
  // drop) leaves the selected or focused item in view rather than dimming every dot for nothing.
  const liveHover = hovered && itemText.has(hovered) && stats.some((s) => s.item.id === hovered && s.stats) ? hovered : null;
  const highlighted = dragging ?? carry?.item.id ?? liveHover ?? selectedEntry?.item.id ?? null;

  const select = (item: string, moveFocus: boolean) => {
    setSelected(item);
    if (!moveFocus) return;
    detailOpener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const grid = gridSection.current?.getBoundingClientRect();
    if (grid && (grid.top < 0 || grid.bottom > window.innerHeight)) scrollToTop(gridSection.current);
    focusDetailHeading(detailHeading);
  };

  const { labelled, labelSpots } = useGridLabels(cellsRef, areaRef, size, myNotes, stats, me);
  const groupLayer = (
    <GroupLayer
      size={size}
      items={stats}
      people={people}
      me={me}
      highlighted={highlighted}
      reference={reference}
      labelled={labelled}
      labelSpots={labelSpots}
      allRings={allRings}
      carrying={carry !== null}
      onSelect={(item) => select(item, false)}
    />
  );
  const liveLayer = (
    <LiveLayer size={size} itemText={itemText} carry={carry && placing ? { text: carry.item.text, point: carry.point, color: placing.color } : null} />
  );

  const placingCells = usePlacementCells(
    placing && {
      grid: meta.grid,
      myNotes,
      myColor: placing.color,
      carry,
      highlighted,
      dragging,
      labelSpots,
      onCarryMove: carrying.move,
      onCarryDrop: carrying.drop,
      onCarryCancel: carrying.cancel,
      onNotePointerDown: (e, note) => carrying.startDrag(e, note.item, note.point),
      onNotePickUp: (note) => carrying.pickUp(note.item, document.activeElement as HTMLElement | null),
      onNoteTakeBack: (note) => carrying.takeBack(note.item),
      onNoteSelect: (note) => select(note.item.id, false),
      onHighlight: setHovered,
    },
  );

  // "R" from the grid or the tray goes to the reason field of the selected note of mine: after a
  // keyboard drop the selection is the note just placed, and focus has moved on to the next one.
  const toReason = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "r" && e.key !== "R") return;
    if (e.ctrlKey || e.metaKey || e.altKey || carrying.carry || (e.target as HTMLElement).closest("input, textarea, select, [contenteditable]")) return;
    if (!reasonField.current) return;
    e.preventDefault();
    reasonField.current.focus();
  };

  return (
    <div onKeyDown={toReason} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:gap-8 2xl:grid-cols-[minmax(0,1fr)_28rem]">
      {/* A column of flex items, so that the tray can go below the grid where it is docked (see ItemTray). */}
      <div className="flex min-w-0 flex-col gap-4">
        {placing && (
          <ItemTray
            trayRef={trayRef}
            items={trayItems}
            total={board.items.length}
            color={placing.color}
            carrying={carry?.item.id ?? null}
            dragging={dragging}
            disabledReason={blocked}
            onPickUp={(item, trigger) => {
              toGrid();
              carrying.pickUp(item, trigger, true);
            }}
            onPointerDown={(e, item) => {
              toGrid();
              carrying.startDrag(e, item, null);
            }}
            onHighlight={setHovered}
            reason={
              selectedEntry && placedByMe.has(selectedEntry.item.id) && !carry && !dragging
                ? { itemText: selectedEntry.item.text, onGive: () => reasonField.current?.focus() }
                : null
            }
          />
        )}
        <section ref={gridSection} aria-labelledby="grid-heading" className="scroll-mt-4 space-y-2">
          {focus &&
            (onFocusEveryone ? (
              <FocusBar role="facilitator" item={itemText.get(focus)!} time={<FocusTime timer={meta.timer} />} onStopFocusing={() => onFocusEveryone(null)} />
            ) : (
              <FocusBar
                role="follower"
                item={itemText.get(focus)!}
                time={<FocusTime timer={meta.timer} />}
                following={!following.optedOut && selectedEntry?.item.id === focus}
                onFollow={following.follow}
                onStopFollowing={following.stopFollowing}
              />
            ))}
          <GridToolbar
            headingId="grid-heading"
            view={view}
            onView={setView}
            layers={{
              allRings,
              onAllRings: setAllRings,
              reference: references.hasReference ? { label: referenceLabel, shown: references.shown, onShown: references.setShown } : null,
            }}
          />
          {view === "overview" && (
            <BoardOverview
              grid={meta.grid}
              items={stats}
              people={people}
              hidden={!visibility.showGroup}
              order={overviewOrder}
              selected={selectedEntry?.item.id ?? null}
              onSelect={(item) => select(item, true)}
              onHighlight={setHovered}
            />
          )}
          {/* Kept mounted under the overview, so a note picked up there lands on a grid that is already laid out. */}
          <div onBlur={carrying.onGridBlur} hidden={view !== "grid"}>
            <GridFrame
              ref={gridHandle}
              grid={meta.grid}
              label={`${meta.title}: placement grid`}
              areaRef={areaRef}
              cellsRef={cellsRef}
              groupCounts={groupCounts}
              goal={meta.goal}
              references={references.cells}
              referenceLabel={referenceLabel}
              liveLayer={liveLayer}
              interaction={placingCells}
            >
              {groupLayer}
            </GridFrame>
          </div>
          {view === "grid" && <GridLegend color={placing?.color ?? null} goal={meta.goal !== null} />}
        </section>
      </div>

      <WorkspaceSide
        board={board}
        order={order}
        onOrder={setOrder}
        role={role}
        visibility={visibility}
        entry={selectedEntry}
        ranked={ranked}
        people={people}
        roster={roster}
        reference={reference}
        referenceLabel={referenceLabel}
        previousSpreads={previousSpreads}
        headingRef={detailHeading}
        focusEveryone={
          onFocusEveryone &&
          selectedEntry && {
            active: focus === selectedEntry.item.id,
            toggle: () => onFocusEveryone(focus === selectedEntry.item.id ? null : selectedEntry.item.id),
          }
        }
        own={
          placing &&
          selectedEntry && {
            me: placing.me,
            blocked,
            onPickUp: (trigger) => {
              toGrid();
              carrying.pickUp(selectedEntry.item, trigger);
            },
            onTakeBack: () => carrying.takeBack(selectedEntry.item),
            onReason: (text) => placing.setReason(selectedEntry.item.id, text),
            reasonRef: reasonField,
          }
        }
        onClose={() => {
          setSelected(null);
          // Back to where the panel was opened from, or else to the grid.
          const opener = detailOpener.current;
          if (opener?.isConnected) opener.focus();
          else gridHandle.current?.focusCell(gridHandle.current.activeCell());
        }}
        onSelect={(item) => select(item, true)}
        onHighlight={setHovered}
      />
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
