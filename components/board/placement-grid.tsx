"use client";

import { useImperativeHandle, useRef, type ComponentProps, type KeyboardEvent, type MouseEvent, type PointerEvent } from "react";
import { cellOf, movePoint, pointAt, sameCell, sizeOf, type CellRef, type GridPoint } from "../../lib/board/geometry";
import type { Item } from "../../lib/board/schema";
import type { LabelSpot } from "../../hooks/use-label-layout";
import { GridFrame, arrowDirection, type CellInteraction, type GridHandle } from "./grid-frame";
import { NoteChip } from "./note-chip";

export interface MyNote {
  item: Item;
  point: GridPoint;
}

/** The frame's own props, and what placing adds to them. */
interface PlacementGridProps extends Omit<ComponentProps<typeof GridFrame>, "interaction"> {
  /** This person's own placements, drawn as notes inside their cells. */
  myNotes: MyNote[];
  myColor: string;
  carry: { item: Item; point: GridPoint } | null;
  highlighted: string | null;
  /** The item whose note is being dragged, drawn faded where it was. */
  dragging: string | null;
  /** `nudged`: moved within the cell (Shift+arrow) rather than to the next cell. */
  onCarryMove(point: GridPoint, nudged: boolean): void;
  onCarryDrop(point: GridPoint): void;
  onCarryCancel(): void;
  onNotePointerDown(event: PointerEvent<HTMLElement>, note: MyNote): void;
  /** Where each of my notes' labels goes (see useLabelLayout); keyed `note:<item id>`. */
  labelSpots: ReadonlyMap<string, LabelSpot>;
  onNotePickUp(note: MyNote): void;
  onNoteTakeBack(note: MyNote): void;
  onNoteSelect(note: MyNote): void;
  onHighlight(item: string | null): void;
}

/** Shift with an arrow moves a carried note by a tenth of a cell: the keyboard's fine positioning. */
const NUDGE = 0.1;

/**
 * The grid one places on: the read-only frame with this person's notes in
 * their cells, a carried note that arrow keys move and Enter or a tap drops,
 * and the cells marked as drop targets while a note is dragged. Enter goes
 * into a cell's notes, as the ARIA grid pattern has it.
 */
export function PlacementGrid(props: PlacementGridProps) {
  const { ref, myNotes, myColor, carry, highlighted, dragging, labelSpots, ...rest } = props;
  const { onCarryMove, onCarryDrop, onCarryCancel, onNotePointerDown, onNotePickUp, onNoteTakeBack, onNoteSelect, onHighlight, ...frameProps } = rest;
  const { grid, areaRef } = frameProps;
  const size = sizeOf(grid);
  const frameHandle = useRef<GridHandle>(null);
  useImperativeHandle(ref, () => ({
    focusCell: (cell, options) => frameHandle.current?.focusCell(cell, options),
    activeCell: () => frameHandle.current?.activeCell() ?? { row: 0, col: 0 },
  }));

  const notesByCell = new Map<string, MyNote[]>();
  for (const note of myNotes) {
    const c = cellOf(note.point, size);
    const key = `${c.row}:${c.col}`;
    notesByCell.set(key, [...(notesByCell.get(key) ?? []), note]);
  }
  const notesIn = (cell: CellRef) => notesByCell.get(`${cell.row}:${cell.col}`) ?? [];

  const onCellKeyDown = (e: KeyboardEvent<HTMLDivElement>, active: CellRef) => {
    const dir = arrowDirection(e.key);
    if (carry) {
      if (dir) {
        e.preventDefault();
        const next = movePoint(carry.point, dir, size, e.shiftKey ? NUDGE : undefined);
        onCarryMove(next, e.shiftKey);
        if (!sameCell(cellOf(next, size), active)) frameHandle.current?.focusCell(cellOf(next, size));
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

  const interaction: CellInteraction = {
    heldCell: carry ? cellOf(carry.point, size) : null,
    onKeyDown: onCellKeyDown,
    onClick(e: MouseEvent<HTMLDivElement>, cell) {
      if (!carry) return;
      // Tap-to-place: the note lands where the cell was tapped.
      const box = areaRef.current?.getBoundingClientRect();
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

  return (
    <GridFrame {...frameProps} ref={frameHandle} interaction={interaction} />
  );
}
