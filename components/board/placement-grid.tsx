"use client";

import type { KeyboardEvent, MouseEvent, PointerEvent } from "react";
import { movePoint, pointAt, sameCell } from "../../lib/board/geometry";
import { cellOf, sizeOf, type GridPoint } from "../../lib/board/grid";
import type { Cell, Grid, Item } from "../../lib/board/schema";
import type { LabelSpot } from "../../hooks/use-label-layout";
import { arrowDirection, type CellInteraction } from "./grid-frame";
import { NoteChip } from "./note-chip";

export interface MyNote {
  item: Item;
  point: GridPoint;
}

interface PlacementCellsOptions {
  grid: Grid;
  /** This person's own placements, drawn as notes inside their cells. */
  myNotes: MyNote[];
  myColor: string;
  carry: { item: Item; point: GridPoint } | null;
  highlighted: string | null;
  /** The item whose note is being dragged, drawn faded where it was. */
  dragging: string | null;
  /** Where each of my notes' labels goes (see useLabelLayout); keyed `note:<item id>`. */
  labelSpots: ReadonlyMap<string, LabelSpot>;
  /** `nudged`: moved within the cell (Shift+arrow) rather than to the next cell. */
  onCarryMove(point: GridPoint, nudged: boolean): void;
  onCarryDrop(point: GridPoint): void;
  onCarryCancel(): void;
  onNotePointerDown(event: PointerEvent<HTMLElement>, note: MyNote): void;
  onNotePickUp(note: MyNote): void;
  onNoteTakeBack(note: MyNote): void;
  onNoteSelect(note: MyNote): void;
  onHighlight(item: string | null): void;
}

/** Shift with an arrow moves a carried note by a tenth of a cell: the keyboard's fine positioning. */
const NUDGE = 0.1;

/**
 * What placing adds to the grid's frame (GridFrame's `interaction`): this
 * person's notes in their cells, a carried note that arrow keys move and
 * Enter or a tap drops, and the cells marked as drop targets while a note is
 * dragged. Enter goes into a cell's notes, as the ARIA grid pattern has it.
 * The frame stays the same element whether or not this is added, so joining
 * or starting to place does not rebuild the grid. A hook in name only: it
 * keeps no state, and is named so because what it is given reads refs in its
 * handlers, which only hooks may be handed during render.
 */
export function usePlacementCells(options: PlacementCellsOptions | undefined): CellInteraction | undefined {
  if (!options) return undefined;
  const { grid, myNotes, myColor, carry, highlighted, dragging, labelSpots } = options;
  const { onCarryMove, onCarryDrop, onCarryCancel, onNotePointerDown, onNotePickUp, onNoteTakeBack, onNoteSelect, onHighlight } = options;
  const size = sizeOf(grid);
  const notesByCell = new Map<string, MyNote[]>();
  for (const note of myNotes) {
    const c = cellOf(note.point, size);
    const key = `${c.row}:${c.col}`;
    notesByCell.set(key, [...(notesByCell.get(key) ?? []), note]);
  }
  const notesIn = (cell: Cell) => notesByCell.get(`${cell.row}:${cell.col}`) ?? [];

  const onCellKeyDown = (e: KeyboardEvent<HTMLDivElement>, active: Cell, focusCell: (cell: Cell) => void) => {
    const dir = arrowDirection(e.key);
    if (carry) {
      if (dir) {
        e.preventDefault();
        const next = movePoint(carry.point, dir, size, e.shiftKey ? NUDGE : undefined);
        onCarryMove(next, e.shiftKey);
        if (!sameCell(cellOf(next, size), active)) focusCell(cellOf(next, size));
      } else if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        onCarryDrop(carry.point);
      } else if (e.key === "Escape") {
        e.preventDefault();
        onCarryCancel();
      }
    } else if (e.key === "Enter" || e.key === "F2") {
      const first = (e.target as HTMLElement).querySelector<HTMLElement>("[data-note]");
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  /** Inside a cell, arrows walk its notes and Escape goes back to the cell, as the ARIA grid pattern has it. */
  const onNoteKeyDown = (e: KeyboardEvent<HTMLButtonElement>, note: MyNote) => {
    const cell = e.currentTarget.closest<HTMLElement>("[role=gridcell]");
    const notes = cell ? Array.from(cell.querySelectorAll<HTMLElement>("[data-note]")) : [];
    const i = notes.indexOf(e.currentTarget);
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      e.stopPropagation();
      onNotePickUp(note);
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      e.stopPropagation();
      onNoteTakeBack(note);
      cell?.focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      cell?.focus();
    } else if (arrowDirection(e.key)) {
      e.preventDefault();
      e.stopPropagation();
      const step = e.key === "ArrowDown" || e.key === "ArrowRight" ? 1 : -1;
      notes[(i + step + notes.length) % notes.length]?.focus();
    }
  };

  return {
    heldCell: carry ? cellOf(carry.point, size) : null,
    onKeyDown: onCellKeyDown,
    onClick(e: MouseEvent<HTMLDivElement>, cell, area) {
      if (!carry) return;
      // Tap-to-place: the note lands where the cell was tapped.
      const box = area?.getBoundingClientRect();
      const point = box ? pointAt(box, e.clientX, e.clientY, size) : null;
      if (point && sameCell(cellOf(point, size), cell)) onCarryDrop(point);
    },
    className: (_cell, isActive) =>
      "data-[drop-target]:bg-indigo-50 data-[drop-target]:ring-2 data-[drop-target]:ring-indigo-400 data-[drop-target]:ring-inset" +
      (carry ? " cursor-crosshair hover:bg-indigo-50/60" : "") +
      (carry && isActive ? " bg-indigo-50 ring-2 ring-indigo-500 ring-inset" : ""),
    summary(cell) {
      const notes = notesIn(cell);
      return notes.length > 0 ? `; your notes here: ${notes.map((n) => n.item.text).join(", ")}` : "";
    },
    content: (cell) =>
      notesIn(cell).map((note) => (
        <NoteChip
          key={note.item.id}
          note={note}
          cell={cell}
          color={myColor}
          spot={labelSpots.get(`note:${note.item.id}`)}
          highlighted={highlighted === note.item.id}
          faded={dragging === note.item.id || carry?.item.id === note.item.id}
          passThrough={carry !== null}
          onKeyDown={(e) => onNoteKeyDown(e, note)}
          onPointerDown={(e) => onNotePointerDown(e, note)}
          onClick={() => onNoteSelect(note)}
          onHighlight={onHighlight}
        />
      )),
  };
}
