"use client";

import { useEffect, useMemo, useRef, useState, type PointerEvent } from "react";
import type { BoardState } from "../../lib/board/doc";
import { cellName, cellOf, centreCell, freeSpot, referenceCell, sizeOf, type GridPoint } from "../../lib/board/geometry";
import type { Item } from "../../lib/board/schema";
import { rosterOfRecord, type Roster } from "../../lib/board/people";
import type { Role } from "../../lib/board/schema";
import type { Visibility } from "../../lib/board/visibility";
import { rankByContest } from "../../lib/stats";
import { itemStats, itemsPerCell } from "../../lib/stats/board";
import { ContestedList } from "./contested-list";
import { FocusBar } from "./focus-bar";
import { GroupLayer, LiveLayer, type Person } from "./group-layer";
import { ItemDetail } from "./item-detail";
import { DOCKED_TRAY_QUERY, ItemTray, nextInTray } from "./item-tray";
import { bringIntoReach } from "./placing-viewport";
import { PlacementGrid, type GridHandle, type MyNote } from "./placement-grid";
import { useGridLabels } from "../../hooks/use-label-layout";
import { useNoteDrag, type DragSource } from "../../hooks/use-note-drag";

/** What this person may do with their own placements; absent for viewers. */
export interface PlacementActions {
  me: string;
  color: string;
  /** False when the write could not be made (e.g. the point is outside the grid). */
  place(item: string, point: GridPoint): boolean;
  unplace(item: string): void;
  /** Tells the others what is being dragged, and where; null when nothing is. */
  setDrag(drag: { item: string; col: number; row: number } | null): void;
}

interface BoardWorkspaceProps {
  board: BoardState;
  /** Each item's text by id, as the page already has it. */
  itemText: ReadonlyMap<string, string>;
  placing?: PlacementActions;
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

interface Carry {
  item: Item;
  point: GridPoint;
  /** Where focus goes back to if the placement is cancelled. */
  returnTo: HTMLElement | null;
  /** Picked up from the tray: once it is dropped, the tray's next note is ready for the next placement. */
  fromTray: boolean;
}

/**
 * The working area of a board: my tray, the grid with everyone's dots, the
 * selected item's details and the contested list, and the interaction state
 * they share (selection, highlight, a note being carried or dragged).
 */
export function BoardWorkspace({ board, itemText, placing, referenceLabel, visibility, role, previousSpreads, onFocusEveryone, referenceLayer, ...props }: BoardWorkspaceProps) {
  const { meta } = board;
  const roster = useMemo(() => props.roster ?? rosterOfRecord(board), [props.roster, board]);
  const size = sizeOf(meta.grid);
  const [selected, setSelected] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [carry, setCarry] = useState<Carry | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [ownShowReference, setOwnShowReference] = useState(false);
  const showReference = referenceLayer?.shown ?? ownShowReference;
  const setShowReference = referenceLayer?.onShownChange ?? setOwnShowReference;
  const [allRings, setAllRings] = useState(false);
  /** "Stop following" was pressed: new focuses leave this view alone until they follow again or the focus ends. */
  const [optedOut, setOptedOut] = useState(false);
  const [announcement, setAnnouncement] = useState("");

  const gridHandle = useRef<GridHandle>(null);
  const areaRef = useRef<HTMLDivElement>(null);
  const cellsRef = useRef<HTMLDivElement>(null);
  const trayRef = useRef<HTMLElement>(null);
  const detailHeading = useRef<HTMLHeadingElement>(null);
  /** Where focus returns when the item panel closes. */
  const detailOpener = useRef<HTMLElement | null>(null);
  const gridSection = useRef<HTMLElement>(null);
  /** Set while a drop hands focus on to the tray's next note, which is not the person leaving the grid. */
  const handingOver = useRef(false);

  const stats = useMemo(() => itemStats(board), [board]);
  const ranked = useMemo(() => rankByContest(stats), [stats]);
  const participantsKey = board.participants.map((p) => `${p.id}\u0000${p.name}\u0000${p.color}`).join("\u0001");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt only when someone joins or changes name or colour, so dot layers can skip re-rendering
  const people = useMemo(() => new Map<string, Person>(board.participants.map((p) => [p.id, { name: p.name, color: p.color }])), [participantsKey]);

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

  const groupCounts = useMemo(() => itemsPerCell(stats, { rows: size.rows, columns: size.columns }), [stats, size.rows, size.columns]);

  // An item can disappear under us (its author deleted it), the board can be locked, the grid can shrink:
  // whatever was carried or dragged then stops, and the others stop seeing it move.
  const selectedEntry = selected ? stats.find((s) => s.item.id === selected) : undefined;
  const carryLost = carry && !itemText.has(carry.item.id) ? `${carry.item.text} was deleted.` : null;
  const carryOut = carry && (carry.point.col >= size.columns || carry.point.row >= size.rows) ? "The grid changed." : null;
  useEffect(() => {
    const reason = carry ? (blocked ?? carryLost ?? carryOut) : null;
    if (!reason) return;
    // The board changed under the carry (from the network): ending it here is what keeps this tab and the others in step.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setCarry(null);
    placing?.setDrag(null);
    setAnnouncement(`${reason} Placing stopped.`);
  }, [carry, blocked, carryLost, carryOut, placing]);
  const dragLost = dragging !== null && (blocked !== null || !itemText.has(dragging));

  // A highlight from an element that went away (moved, dropped, deleted) must not linger.
  const liveHover = hovered && itemText.has(hovered) ? hovered : null;
  const highlighted = dragging ?? carry?.item.id ?? liveHover ?? selectedEntry?.item.id ?? null;

  const select = (item: string, moveFocus: boolean) => {
    setSelected(item);
    if (!moveFocus) return;
    detailOpener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const grid = gridSection.current?.getBoundingClientRect();
    if (grid && (grid.top < 0 || grid.bottom > window.innerHeight)) {
      gridSection.current?.scrollIntoView({ behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth", block: "start" });
    }
    requestAnimationFrame(() => detailHeading.current?.focus({ preventScroll: true }));
  };

  // Following the facilitator: each new focus selects that item and brings the focus bar, at the top of the grid, into view.
  const focus = meta.focus && itemText.has(meta.focus) ? meta.focus : null;
  const [endedFocus, setEndedFocus] = useState(focus);
  if (endedFocus !== focus) {
    // A focus that ends ends the opting out too: the next one brings everyone along again.
    setEndedFocus(focus);
    if (!focus) setOptedOut(false);
  }
  const seenFocus = useRef<string | null>(null);
  const bringGridIntoView = () =>
    gridSection.current?.scrollIntoView({ behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth", block: "start" });
  useEffect(() => {
    if (onFocusEveryone) return;
    if (!focus) {
      seenFocus.current = null;
      return;
    }
    if (seenFocus.current === focus) return;
    seenFocus.current = focus;
    setAnnouncement(`The facilitator is focusing on ${itemText.get(focus)}.`);
    if (optedOut) return;
    // The focus came from the network; following it is this page catching up, once per focus.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSelected(focus);
    bringGridIntoView();
  }, [focus, optedOut, onFocusEveryone, itemText]);
  const followFocus = () => {
    if (!focus) return;
    setOptedOut(false);
    setSelected(focus);
    bringGridIntoView();
  };

  const pickUp = (item: Item, returnTo: HTMLElement | null, fromTray = false) => {
    if (!placing || blocked) return setAnnouncement(blocked ?? "");
    if (carry?.item.id === item.id) return cancelCarry();
    const mine = myNotes.find((n) => n.item.id === item.id);
    // A new note starts in the middle cell, from which every cell is a few arrow keys (or one tap) away.
    const start = mine?.point ?? freeSpot(centreCell(size), myNotes.map((n) => n.point));
    setCarry({ item, point: start, returnTo, fromTray });
    setSelected(item.id);
    placing.setDrag({ item: item.id, ...start });
    gridHandle.current?.focusCell(cellOf(start, size), { preventScroll: true });
    // The whole grid in view (above the docked tray, once it shows what was picked up), so the next tap or arrow lands where it is seen.
    requestAnimationFrame(() => {
      const grid = gridSection.current?.querySelector("[role=grid]");
      if (grid) bringIntoReach(grid, trayRef.current);
    });
    setAnnouncement(
      `Picked up ${item.text}, over ${cellName(meta.grid, cellOf(start, size))}. Arrow keys move it between cells, Shift with an arrow nudges it, Enter drops it, Escape cancels.`,
    );
  };

  const dropCarry = (point: GridPoint) => {
    if (!carry || !placing) return;
    const others = myNotes.filter((n) => n.item.id !== carry.item.id).map((n) => n.point);
    // A keyboard drop right onto another of my notes would hide it; slide to a free spot in the same cell instead.
    const crowded = others.some((o) => Math.hypot(o.col - point.col, o.row - point.row) < 0.12);
    const target = crowded ? freeSpot(cellOf(point, size), others) : point;
    const ok = placing.place(carry.item.id, target);
    placing.setDrag(null);
    setCarry(null);
    const next = ok && carry.fromTray ? nextInTray(trayItems, carry.item.id) : null;
    const then = !ok || !carry.fromTray ? "" : next ? ` Next: ${next.text}.` : " That was your last note.";
    setAnnouncement(ok ? `Placed ${carry.item.text} in ${cellName(meta.grid, cellOf(target, size))}.${then}` : `Could not place ${carry.item.text}.`);
    const nextChip = next && trayRef.current?.querySelector<HTMLElement>(`[data-tray-item="${CSS.escape(next.id)}"]`);
    if (nextChip) {
      // Straight on to the next note: a placement is then Enter, arrows, Enter (or a tap and a tap).
      handingOver.current = true;
      nextChip.focus();
      handingOver.current = false;
    } else gridHandle.current?.focusCell(cellOf(target, size));
  };

  function cancelCarry() {
    if (!carry) return;
    placing?.setDrag(null);
    setCarry(null);
    setAnnouncement(`Cancelled. ${carry.item.text} stays where it was.`);
    if (carry.returnTo?.isConnected) carry.returnTo.focus();
  }

  const takeBack = (item: Item) => {
    if (!placing || blocked) return setAnnouncement(blocked ?? "");
    placing.unplace(item.id);
    setHovered(null);
    setAnnouncement(`Took back ${item.text}. It is in your tray again.`);
  };

  const noteDrag = useNoteDrag({
    areaRef,
    gridRef: cellsRef,
    trayRef,
    size,
    onStart(source) {
      setCarry(null);
      setHovered(null);
      setDragging(source.item);
    },
    onMove(source, point) {
      placing?.setDrag(point ? { item: source.item, ...point } : null);
    },
    onEnd(source, result) {
      // The placement goes out first: it is what the others are waiting to see.
      if (placing && result?.point) {
        if (placing.place(source.item, result.point)) {
          setSelected(source.item);
          setAnnouncement(`Placed ${source.text} in ${cellName(meta.grid, cellOf(result.point, size))}.`);
          // The dragged chip or note is gone from where it was; focus follows the note.
          gridHandle.current?.focusCell(cellOf(result.point, size), { preventScroll: true });
        }
      } else if (placing && result?.overTray && source.from) {
        placing.unplace(source.item);
        setAnnouncement(`Took back ${source.text}. It is in your tray again.`);
      }
      setDragging(null);
      placing?.setDrag(null);
    },
  });

  const pointerDown = (event: PointerEvent<HTMLElement>, item: Item, from: GridPoint | null) => {
    if (!placing || blocked) return;
    // Tray chips leave swipes along the tray to the page (or, docked, to the tray's sideways row); notes on the grid are small and do not.
    const pan = from !== null ? undefined : matchMedia(DOCKED_TRAY_QUERY).matches && trayItems.length > 0 ? "x" : "y";
    const source: DragSource = { item: item.id, text: item.text, color: placing.color, from, pan };
    noteDrag.start(event, source);
  };
  const { cancel: cancelDrag } = noteDrag;
  useEffect(() => {
    if (!dragLost) return;
    cancelDrag();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- as above: said once the drag has been ended
    setAnnouncement(`${blocked ?? "The item was deleted."} The note stays where it was.`);
  }, [dragLost, cancelDrag, blocked]);

  const { labelled, labelSpots } = useGridLabels(cellsRef, areaRef, size, myNotes, stats, me);

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
            onPickUp={(item, trigger) => pickUp(item, trigger, true)}
            onPointerDown={(e, item) => pointerDown(e, item, null)}
            onHighlight={setHovered}
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
                following={!optedOut && selectedEntry?.item.id === focus}
                onFollow={followFocus}
                onStopFollowing={() => setOptedOut(true)}
              />
            ))}
          <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
            <h2 id="grid-heading" className="text-lg font-semibold text-slate-900">
              The grid
            </h2>
            <div className="flex flex-wrap gap-2">
            <button
              type="button"
              aria-pressed={allRings}
              onClick={() => setAllRings((v) => !v)}
              className="inline-flex items-center gap-2 rounded-full border border-indigo-300 bg-white px-3 py-1 text-sm font-medium text-indigo-900 hover:bg-indigo-50 focus-ring aria-pressed:bg-indigo-100"
            >
              <span aria-hidden="true" className={`size-3 rounded-full border-2 border-dashed border-indigo-700 ${allRings ? "bg-indigo-300" : "bg-white"}`} />
              Every spread
            </button>
            {hasReference && (
              <button
                type="button"
                aria-pressed={showReference}
                onClick={() => setShowReference(!showReference)}
                className="inline-flex items-center gap-2 rounded-full border border-amber-300 bg-white px-3 py-1 text-sm font-medium text-amber-900 hover:bg-amber-50 focus-ring focus-visible:ring-amber-600 aria-pressed:bg-amber-100"
              >
                <span aria-hidden="true" className={`size-3 rounded-sm border-2 border-amber-700 ${showReference ? "bg-amber-500" : "bg-white"}`} />
                {referenceLabel}s
              </button>
            )}
            </div>
          </div>
          <div
            onBlur={(e) => {
              // Tabbing away ends placing; the window losing focus (switching apps) does not.
              if (!carry || handingOver.current || e.currentTarget.contains(e.relatedTarget as Node | null) || !document.hasFocus()) return;
              placing?.setDrag(null);
              setCarry(null);
              setAnnouncement(`Stopped placing ${carry.item.text}.`);
            }}
          >
            <PlacementGrid
              ref={gridHandle}
              grid={meta.grid}
              label={`${meta.title}: placement grid`}
              areaRef={areaRef}
              cellsRef={cellsRef}
              myNotes={myNotes}
              myColor={placing?.color ?? null}
              groupCounts={groupCounts}
              references={references}
              referenceLabel={referenceLabel}
              carry={carry}
              highlighted={highlighted}
              dragging={dragging}
              onCarryMove={(point, nudged) => {
                if (!carry) return;
                setCarry({ ...carry, point });
                placing?.setDrag({ item: carry.item.id, ...point });
                // Moving to another cell is announced by the cell taking focus; a nudge within a cell says where.
                if (nudged) setAnnouncement(positionInCell(point));
              }}
              onCarryDrop={dropCarry}
              onCarryCancel={cancelCarry}
              onNotePointerDown={(e, note) => pointerDown(e, note.item, note.point)}
              onNotePickUp={(note) => pickUp(note.item, document.activeElement as HTMLElement | null)}
              onNoteTakeBack={(note) => takeBack(note.item)}
              onNoteSelect={(note) => select(note.item.id, false)}
              onHighlight={setHovered}
              labelSpots={labelSpots}
              layer={
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
              }
              topLayer={
                <LiveLayer
                  size={size}
                  itemText={itemText}
                  carry={carry && placing ? { text: carry.item.text, point: carry.point, color: placing.color } : null}
                />
              }
            />
          </div>
          <GridLegend placing={!!placing} color={placing?.color ?? null} />
        </section>
      </div>

      <div className="min-w-0 space-y-6">
        {selectedEntry ? (
          <ItemDetail
            grid={meta.grid}
            entry={selectedEntry}
            people={people}
            roster={roster}
            me={me}
            reference={referenceCell(reference, selectedEntry.item.id, size)}
            referenceLabel={referenceLabel}
            headingRef={detailHeading}
            hidden={!visibility.showGroup}
            focusEveryone={
              onFocusEveryone && {
                active: focus === selectedEntry.item.id,
                toggle: () => onFocusEveryone(focus === selectedEntry.item.id ? null : selectedEntry.item.id),
              }
            }
            placeBlocked={blocked}
            onClose={() => {
              setSelected(null);
              // Back to where the panel was opened from, or else to the grid.
              const opener = detailOpener.current;
              if (opener?.isConnected) opener.focus();
              else gridHandle.current?.focusCell(gridHandle.current.activeCell());
            }}
            onPickUp={(trigger) => pickUp(selectedEntry.item, trigger)}
            onTakeBack={() => takeBack(selectedEntry.item)}
          />
        ) : (
          <p className="rounded-2xl border border-slate-200 bg-white p-4 text-sm text-slate-600 shadow-sm">
            {visibility.showGroup
              ? "Select an item (in the list below or on the grid) to see who placed it where and how far the group disagrees."
              : "Select an item to see your own placement of it; the group’s stay hidden until the reveal."}
          </p>
        )}
        {!visibility.showGroup ? (
          <BlindPanel board={board} visibility={visibility} role={role} />
        ) : (
          <ContestedList
            grid={meta.grid}
            ranked={ranked}
            roster={roster}
            selected={selectedEntry?.item.id ?? null}
            reference={reference}
            referenceLabel={referenceLabel}
            previous={previousSpreads ? { round: meta.round - 1, spreads: previousSpreads } : null}
            onSelect={(item) => select(item, true)}
            onHighlight={setHovered}
          />
        )}
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );

}

/** "40 % across, 70 % down the cell": where a nudged note sits inside its cell. */
function positionInCell(p: GridPoint): string {
  const pct = (x: number) => `${Math.round((x - Math.floor(x)) * 100)} %`;
  return `${pct(p.col)} across, ${pct(p.row)} down the cell`;
}

function GridLegend({ placing, color }: { placing: boolean; color: string | null }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-2 text-sm text-slate-600">
      <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1">
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="size-2.5 rounded-full bg-sky-600 ring-1 ring-white" /> a person’s placement
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="size-2.5 rotate-45 bg-slate-900" /> the group’s centre
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="size-3.5 rounded-full border-2 border-dashed border-indigo-600" /> spread of the selected item
        </li>
        {placing && color && (
          <li className="flex items-center gap-1.5">
            <span aria-hidden="true" className="h-3.5 w-5 rounded border-2 bg-white" style={{ borderColor: color }} /> your notes
          </li>
        )}
      </ul>
      <details className="group">
        <summary className="cursor-pointer rounded font-medium text-slate-700 hover:text-slate-900 focus-ring">
          Keyboard
        </summary>
        <div className="mt-2 max-w-md space-y-1">
          <p id="grid-keys">
            Arrow keys move between cells. Enter goes into a cell’s notes. To place a note, select it in your tray, move with the arrow keys (Shift
            with an arrow nudges it within a cell), then press Enter; Escape cancels.
          </p>
          <p id="note-keys">On one of your notes: Enter picks it up to move it, Delete takes it back, Escape returns to the cell.</p>
        </div>
      </details>
    </div>
  );
}

/**
 * During a blind round: how far the group has got, and for the facilitator who has placed each item
 * (names, never positions).
 */
function BlindPanel({ board, visibility, role }: { board: BoardState; visibility: Visibility; role: Role }) {
  const names = new Map(board.participants.map((p) => [p.id, p.name]));
  return (
    <section aria-labelledby="blind-heading" className="space-y-3 rounded-2xl border border-violet-200 bg-violet-50/60 p-4">
      <h2 id="blind-heading" className="text-lg font-semibold text-slate-900">
        Blind round
      </h2>
      <p className="text-slate-700">
        Placements are hidden until the facilitator reveals them, so nobody anchors on anybody else. You see only your own.
      </p>
      <p className="text-2xl font-semibold text-slate-900 tabular-nums">
        {visibility.progress.count} <span className="text-base font-normal text-slate-700">{visibility.progress.rest}</span>
      </p>
      {visibility.progress.away && <p className="text-sm text-slate-700">{visibility.progress.away}.</p>}
      {role === "facilitator" && (
        <ul aria-label="Who has placed each item" className="space-y-1.5 text-sm">
          {board.items.map((item) => {
            const who = [...(visibility.placedBy.get(item.id) ?? [])].map((id) => names.get(id)).filter((n): n is string => !!n);
            return (
              <li key={item.id} className="break-words">
                <span className="font-medium text-slate-900">{item.text}</span>
                <span className="text-slate-700"> — {who.length === 0 ? "nobody yet" : who.join(", ")}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
