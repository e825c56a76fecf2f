"use client";

import type { CSSProperties, KeyboardEvent, PointerEvent } from "react";
import type { Cell } from "../../lib/board/schema";
import { highlightOn } from "./item-highlight";
import type { MyNote } from "./placement-grid";
import type { LabelSpot } from "../../hooks/use-label-layout";

interface NoteChipProps {
  note: MyNote;
  cell: Cell;
  color: string;
  /** Where the label sits relative to the pin, once laid out; beside the pin until then. */
  spot: LabelSpot | undefined;
  highlighted: boolean;
  faded: boolean;
  /** A note is being carried: taps go through the notes to the grid, where they drop it. */
  passThrough: boolean;
  onKeyDown(e: KeyboardEvent<HTMLButtonElement>): void;
  onPointerDown(e: PointerEvent<HTMLElement>): void;
  onClick(): void;
  onHighlight(item: string | null): void;
}

/**
 * One of my own placements: a pin exactly on the placement and a label with
 * the item's full name (two lines, then cut short with its name on hover and
 * focus), laid out with the grid's other labels so none covers another; a
 * label moved away from its pin has a line back to it. Outlined in my colour
 * and always above the group's dots.
 */
export function NoteChip({ note, cell, color, spot, highlighted, faded, passThrough, onKeyDown, onPointerDown, onClick, onHighlight }: NoteChipProps) {
  const x = (note.point.col - cell.col) * 100;
  const y = (note.point.row - cell.row) * 100;
  const id = note.item.id;
  const highlight = highlightOn(id, onHighlight);
  const opacity = `${faded ? "opacity-30" : ""} ${passThrough ? "pointer-events-none" : ""}`;
  return (
    <>
      {spot?.leader && (
        <span
          aria-hidden="true"
          data-note-leader={id}
          className={`pointer-events-none absolute z-[19] origin-left rounded-full bg-(--note-color) ${highlighted ? "h-0.75" : "h-0.5"} ${opacity}`}
          style={{ "--note-color": color, left: `${x}%`, top: `${y}%`, width: spot.leader.length, transform: `translateY(-50%) rotate(${spot.leader.angle}rad)` } as CSSProperties}
        />
      )}
      <span
        aria-hidden="true"
        data-note-pin={id}
        onPointerDown={onPointerDown}
        onPointerEnter={highlight.onPointerEnter}
        onPointerLeave={highlight.onPointerLeave}
        className={`absolute z-[21] block -translate-1/2 cursor-grab touch-none rounded-full bg-(--note-color) ring-2 ring-white ${highlighted ? "size-3.5" : "size-2.5"} ${opacity}`}
        style={{ "--note-color": color, left: `${x}%`, top: `${y}%` } as CSSProperties}
      />
      <button
        type="button"
        tabIndex={-1}
        data-note={id}
        data-label={`note:${id}`}
        aria-label={`${note.item.text}, your placement`}
        aria-describedby="note-keys"
        title={spot?.truncated ? note.item.text : undefined}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onClick={onClick}
        {...highlight}
        style={{
          ...({ "--note-color": color } as CSSProperties),
          ...(spot
            ? { left: `calc(${x}% + ${spot.dx}px)`, top: `calc(${y}% + ${spot.dy}px)`, width: spot.width }
            : { left: `calc(${x}% + 0.5rem)`, top: `${y}%`, transform: "translateY(-50%)" }),
        }}
        className={`group absolute z-20 w-max max-w-[6.75rem] cursor-grab touch-none rounded-md border-2 border-(--note-color) bg-white px-1 py-px text-left text-[0.6875rem] leading-tight font-semibold text-slate-900 shadow-sm select-none focus-visible:z-30 focus-ring focus-visible:ring-3 sm:max-w-[9rem] sm:px-1.5 sm:text-xs lg:max-w-[11rem] ${
          highlighted ? "z-30 shadow-md ring-2 ring-(--note-color)/40" : ""
        } ${opacity}`}
      >
        <span data-label-text className="line-clamp-2 break-words group-focus-visible:line-clamp-none">
          {note.item.text}
        </span>
      </button>
    </>
  );
}
