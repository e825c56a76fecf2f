"use client";

import { useMemo, useRef, useState } from "react";
import { flushSync } from "react-dom";
import type { BoardState } from "../../lib/board/doc";
import { referenceCell } from "../../lib/board/geometry";
import { rosterOfRecord, type Roster } from "../../lib/board/people";
import type { Item, Role } from "../../lib/board/schema";
import type { Visibility } from "../../lib/board/visibility";
import type { ListOrder } from "../../lib/stats/list-order";
import { useCarry } from "../../hooks/use-carry";
import { useFollowFocus } from "../../hooks/use-follow-focus";
import { useGroupStats } from "../../hooks/use-group-stats";
import { useGridLabels } from "../../hooks/use-label-layout";
import { usePlacing } from "../../hooks/use-placing";
import { Segmented } from "../ui/segmented";
import { BoardOverview, PLACEMENT_VIEWS, type PlacementView } from "./board-overview";
import { FocusBar } from "./focus-bar";
import { GridFrame, type GridHandle } from "./grid-frame";
import { GridLegend } from "./grid-legend";
import { GroupLayer, LiveLayer } from "./group-layer";
import { ItemTray } from "./item-tray";
import { LayerToggles } from "./layer-toggles";
import { usePlacementCells, type MyNote } from "./placement-grid";
import { scrollToTop } from "./placing-viewport";
import { WorkspaceSide } from "./workspace-side";

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
  const [ownShowReference, setOwnShowReference] = useState(false);
  const showReference = referenceLayer?.shown ?? ownShowReference;
  const setShowReference = referenceLayer?.onShownChange ?? setOwnShowReference;
  const [allRings, setAllRings] = useState(false);
  const [view, setView] = useState<PlacementView>("grid");
  const [order, setOrder] = useState<ListOrder>("contested");
  /** Placing happens on the grid: a note picked up in the overview brings the grid back first, at once, so the carry finds its cells. */
  const toGrid = () => {
    if (view !== "grid") flushSync(() => setView("grid"));
  };
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
  const myNotes: MyNote[] = useMemo(() => {
    if (!me) return [];
    const byId = new Map(board.items.map((i) => [i.id, i]));
    return board.placements.filter((p) => p.participant === me && byId.has(p.item)).map((p) => ({ item: byId.get(p.item)!, point: p }));
  }, [board, me]);
  const placedByMe = new Set(myNotes.map((n) => n.item.id));
  const trayItems = board.items.filter((i) => !placedByMe.has(i.id));
  const blocked = !placing ? "Viewers watch the board; they do not place items." : meta.locked ? "The facilitator has locked the board for now." : null;

  const hasReference = Object.keys(meta.reference).length > 0;
  const reference = hasReference && showReference ? meta.reference : null;
  const references = useMemo(() => {
    if (!reference) return null;
    const cells: Item[][][] = Array.from({ length: size.rows }, () => Array.from({ length: size.columns }, () => []));
    for (const item of board.items) {
      const ref = referenceCell(reference, item.id, { rows: size.rows, columns: size.columns });
      if (ref) cells[ref.row]?.[ref.col]?.push(item);
    }
    return cells;
  }, [reference, board.items, size.rows, size.columns]);

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

  // A highlight from an element that went away (moved, dropped, deleted) must not linger.
  const liveHover = hovered && itemText.has(hovered) ? hovered : null;
  const highlighted = dragging ?? carry?.item.id ?? liveHover ?? selectedEntry?.item.id ?? null;

  const select = (item: string, moveFocus: boolean) => {
    setSelected(item);
    if (!moveFocus) return;
    detailOpener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const grid = gridSection.current?.getBoundingClientRect();
    if (grid && (grid.top < 0 || grid.bottom > window.innerHeight)) scrollToTop(gridSection.current);
    requestAnimationFrame(() => detailHeading.current?.focus({ preventScroll: true }));
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

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:gap-8 2xl:grid-cols-[minmax(0,1fr)_28rem]">
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
              <FocusBar role="facilitator" item={itemText.get(focus)!} onStopFocusing={() => onFocusEveryone(null)} />
            ) : (
              <FocusBar
                role="follower"
                item={itemText.get(focus)!}
                following={!following.optedOut && selectedEntry?.item.id === focus}
                onFollow={following.follow}
                onStopFollowing={following.stopFollowing}
              />
            ))}
          <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
            <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
              <h2 id="grid-heading" className="text-lg font-semibold text-slate-900">
                {view === "grid" ? "The grid" : "Overview"}
              </h2>
              <Segmented<PlacementView> label="Show the placements as" options={PLACEMENT_VIEWS} value={view} onChange={setView} />
            </div>
            {view === "grid" && (
              <LayerToggles
                allRings={allRings}
                onAllRings={setAllRings}
                reference={hasReference ? { label: referenceLabel, shown: showReference, onShown: setShowReference } : null}
              />
            )}
          </div>
          {view === "overview" && (
            <BoardOverview
              grid={meta.grid}
              items={stats}
              people={people}
              hidden={!visibility.showGroup}
              order={order === "split" ? "split" : "contested"}
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
              references={references}
              referenceLabel={referenceLabel}
              liveLayer={liveLayer}
              interaction={placingCells}
            >
              {groupLayer}
            </GridFrame>
          </div>
          {view === "grid" && <GridLegend color={placing?.color ?? null} />}
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
