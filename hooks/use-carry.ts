"use client";

import { useEffect, useRef, useState, type FocusEvent, type PointerEvent, type RefObject } from "react";
import { cellName, centreCell, freeSpot } from "../lib/board/geometry";
import { cellOf, type GridPoint, insideGrid, sizeOf } from "../lib/board/grid";
import type { Grid, Item } from "../lib/board/schema";
import type { GridHandle } from "../components/board/grid-frame";
import { DOCKED_TRAY_QUERY, nextInTray } from "../components/board/item-tray";
import type { MyNote } from "../components/board/placement-grid";
import { bringIntoReach } from "../components/board/placing-viewport";
import { useNoteDrag, type DragSource } from "./use-note-drag";
import type { PlacementActions } from "./use-placing";

export interface Carry {
  item: Item;
  point: GridPoint;
  /** Where focus goes back to if the placement is cancelled. */
  returnTo: HTMLElement | null;
  /** Picked up from the tray: once it is dropped, the tray's next note is ready for the next placement. */
  fromTray: boolean;
}

interface CarryOptions {
  placing: PlacementActions | undefined;
  /** Why this person cannot place right now, if they cannot. */
  blocked: string | null;
  grid: Grid;
  itemText: ReadonlyMap<string, string>;
  myNotes: MyNote[];
  trayItems: Item[];
  gridHandle: RefObject<GridHandle | null>;
  gridSection: RefObject<HTMLElement | null>;
  trayRef: RefObject<HTMLElement | null>;
  areaRef: RefObject<HTMLDivElement | null>;
  cellsRef: RefObject<HTMLDivElement | null>;
  select(item: string): void;
  clearHover(): void;
  announce(text: string): void;
}

/** "40 % across, 70 % down the cell": where a nudged note sits inside its cell. */
function positionInCell(p: GridPoint): string {
  const pct = (x: number) => `${Math.round((x - Math.floor(x)) * 100)} %`;
  return `${pct(p.col)} across, ${pct(p.row)} down the cell`;
}

/**
 * Moving one's own notes: carried by keyboard or tap (picked up, moved between
 * cells, dropped) or dragged by pointer, and taken back. Every step is said
 * aloud, and the others see the note move while it does.
 */
export function useCarry(options: CarryOptions) {
  const { placing, blocked, grid, itemText, myNotes, trayItems, gridHandle, gridSection, trayRef, announce } = options;
  const size = sizeOf(grid);
  const [carry, setCarry] = useState<Carry | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  /** Set while a drop hands focus on to the tray's next note, which is not the person leaving the grid. */
  const handingOver = useRef(false);

  // An item can disappear under us (its author deleted it), the board can be locked, the grid can shrink:
  // whatever was carried or dragged then stops, and the others stop seeing it move.
  const carryLost = carry && !itemText.has(carry.item.id) ? `${carry.item.text} was deleted.` : null;
  const carryOut = carry && !insideGrid(carry.point, size) ? "The grid changed." : null;
  useEffect(() => {
    const reason = carry ? (blocked ?? carryLost ?? carryOut) : null;
    if (!reason) return;
    // The board changed under the carry (from the network): ending it here is what keeps this tab and the others in step.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setCarry(null);
    placing?.setDrag(null);
    announce(`${reason} Placing stopped.`);
  }, [carry, blocked, carryLost, carryOut, placing, announce]);
  const dragLost = dragging !== null && (blocked !== null || !itemText.has(dragging));

  const pickUp = (item: Item, returnTo: HTMLElement | null, fromTray = false) => {
    if (!placing || blocked) return announce(blocked ?? "");
    if (carry?.item.id === item.id) return cancel();
    const mine = myNotes.find((n) => n.item.id === item.id);
    // A new note starts in the middle cell, from which every cell is a few arrow keys (or one tap) away.
    const start = mine?.point ?? freeSpot(centreCell(size), myNotes.map((n) => n.point));
    setCarry({ item, point: start, returnTo, fromTray });
    options.select(item.id);
    placing.setDrag({ item: item.id, ...start });
    gridHandle.current?.focusCell(cellOf(start, size), { preventScroll: true });
    // The whole grid in view (above the docked tray, once it shows what was picked up), so the next tap or arrow lands where it is seen.
    requestAnimationFrame(() => {
      const element = gridSection.current?.querySelector("[role=grid]");
      if (element) bringIntoReach(element, trayRef.current);
    });
    announce(
      `Picked up ${item.text}, over ${cellName(grid, cellOf(start, size))}. Arrow keys move it between cells, Shift with an arrow nudges it, Enter drops it, Escape cancels.`,
    );
  };

  const move = (point: GridPoint, nudged: boolean) => {
    if (!carry) return;
    setCarry({ ...carry, point });
    placing?.setDrag({ item: carry.item.id, ...point });
    // Moving to another cell is announced by the cell taking focus; a nudge within a cell says where.
    if (nudged) announce(positionInCell(point));
  };

  const drop = (point: GridPoint) => {
    if (!carry || !placing) return;
    const others = myNotes.filter((n) => n.item.id !== carry.item.id).map((n) => n.point);
    // A keyboard drop right onto another of my notes would hide it; slide to a free spot in the same cell instead.
    const crowded = others.some((o) => Math.hypot(o.col - point.col, o.row - point.row) < 0.12);
    const target = crowded ? freeSpot(cellOf(point, size), others) : point;
    const ok = placing.place(carry.item.id, target);
    placing.setDrag(null);
    setCarry(null);
    const next = ok && carry.fromTray ? nextInTray(trayItems, carry.item.id) : null;
    const then = (!ok || !carry.fromTray ? "" : next ? ` Next: ${next.text}.` : " That was your last note.") + (ok ? " R gives a reason." : "");
    announce(ok ? `Placed ${carry.item.text} in ${cellName(grid, cellOf(target, size))}.${then}` : `Could not place ${carry.item.text}.`);
    const nextChip = next && trayRef.current?.querySelector<HTMLElement>(`[data-tray-item="${CSS.escape(next.id)}"]`);
    if (nextChip) {
      // Straight on to the next note: a placement is then Enter, arrows, Enter (or a tap and a tap).
      // A note already on screen is not scrolled to: in the tray docked to a phone's bottom edge the
      // browser counts it as under the scroll padding and would push the grid's column names under the header.
      const box = nextChip.getBoundingClientRect();
      handingOver.current = true;
      nextChip.focus({ preventScroll: box.top >= 0 && box.bottom <= innerHeight });
      handingOver.current = false;
    } else gridHandle.current?.focusCell(cellOf(target, size));
  };

  function cancel() {
    if (!carry) return;
    placing?.setDrag(null);
    setCarry(null);
    announce(`Cancelled. ${carry.item.text} stays where it was.`);
    if (carry.returnTo?.isConnected) carry.returnTo.focus();
  }

  /** Tabbing away from the grid ends placing; the window losing focus (switching apps) does not. */
  const onGridBlur = (e: FocusEvent<HTMLElement>) => {
    if (!carry || handingOver.current || e.currentTarget.contains(e.relatedTarget as Node | null) || !document.hasFocus()) return;
    placing?.setDrag(null);
    setCarry(null);
    announce(`Stopped placing ${carry.item.text}.`);
  };

  const takeBack = (item: Item) => {
    if (!placing || blocked) return announce(blocked ?? "");
    placing.unplace(item.id);
    options.clearHover();
    announce(`Took back ${item.text}. It is in your tray again.`);
  };

  const noteDrag = useNoteDrag({
    areaRef: options.areaRef,
    gridRef: options.cellsRef,
    trayRef,
    size,
    onStart(source) {
      setCarry(null);
      options.clearHover();
      setDragging(source.item);
    },
    onMove(source, point) {
      placing?.setDrag(point ? { item: source.item, ...point } : null);
    },
    onEnd(source, result) {
      // The placement goes out first: it is what the others are waiting to see.
      if (placing && result?.point) {
        if (placing.place(source.item, result.point)) {
          options.select(source.item);
          announce(`Placed ${source.text} in ${cellName(grid, cellOf(result.point, size))}.`);
          // The dragged chip or note is gone from where it was; focus follows the note.
          gridHandle.current?.focusCell(cellOf(result.point, size), { preventScroll: true });
        }
      } else if (placing && result?.overTray && source.from) {
        placing.unplace(source.item);
        announce(`Took back ${source.text}. It is in your tray again.`);
      }
      setDragging(null);
      placing?.setDrag(null);
    },
  });

  const startDrag = (event: PointerEvent<HTMLElement>, item: Item, from: GridPoint | null) => {
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
    announce(`${blocked ?? "The item was deleted."} The note stays where it was.`);
  }, [dragLost, cancelDrag, blocked, announce]);

  return { carry, dragging, pickUp, move, drop, cancel, takeBack, startDrag, onGridBlur };
}
