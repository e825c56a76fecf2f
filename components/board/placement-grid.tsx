"use client";

import {
  forwardRef,
  useImperativeHandle,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  type ReactNode,
  type RefObject,
} from "react";
import {
  cellName,
  cellOf,
  movePoint,
  pointAt,
  sameCell,
  sizeOf,
  stepCell,
  type CellRef,
  type Direction,
  type GridPoint,
} from "../../lib/board/geometry";
import type { Grid, Item } from "../../lib/board/schema";
import { NoteChip } from "./note-chip";
import type { LabelSpot } from "../../hooks/use-label-layout";

export interface MyNote {
  item: Item;
  point: GridPoint;
}

export interface GridHandle {
  /** Moves keyboard focus to a cell (the grid's single tab stop follows). */
  focusCell(cell: CellRef, options?: FocusOptions): void;
  /** The cell that has (or last had) the grid's focus. */
  activeCell(): CellRef;
}

interface PlacementGridProps {
  grid: Grid;
  label: string;
  areaRef: RefObject<HTMLDivElement | null>;
  cellsRef: RefObject<HTMLDivElement | null>;
  /** This person's own placements, drawn as notes inside their cells; empty for viewers. */
  myNotes: MyNote[];
  myColor: string | null;
  /** The group's layer, drawn over the cells. */
  layer: ReactNode;
  /** What moves live (a note being carried, other people's drags), drawn over everything else. */
  topLayer: ReactNode;
  /** Per cell, row-major: how many items the group placed there (for the cell's description). */
  groupCounts: number[][];
  /** Per cell, the reference items shown when the reference layer is on. */
  references: Item[][][] | null;
  referenceLabel: string;
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
  labelSpots?: ReadonlyMap<string, LabelSpot>;
  onNotePickUp(note: MyNote): void;
  onNoteTakeBack(note: MyNote): void;
  onNoteSelect(note: MyNote): void;
  onHighlight(item: string | null): void;
}

const KEY_DIRECTION: Record<string, Direction> = {
  ArrowUp: "up",
  ArrowDown: "down",
  ArrowLeft: "left",
  ArrowRight: "right",
};

const NO_SPOTS: ReadonlyMap<string, LabelSpot> = new Map();

/** Shift with an arrow moves a carried note by a tenth of a cell: the keyboard's fine positioning. */
const NUDGE = 0.1;

/**
 * The board's grid, an ARIA grid: one tab stop, arrow keys between cells,
 * Enter into a cell's notes. Row header width and row heights are shared by
 * the overlay (the group's dots) through --head and the rowgroup, so both
 * line up exactly at every screen size.
 */
export const PlacementGrid = forwardRef<GridHandle, PlacementGridProps>(function PlacementGrid(props, ref) {
  const { grid, label, areaRef, cellsRef, myNotes, myColor, layer, topLayer, groupCounts, references, referenceLabel, carry, highlighted, dragging } =
    props;
  const labelSpots = props.labelSpots ?? NO_SPOTS;
  const size = sizeOf(grid);
  const [ownActive, setOwnActive] = useState<CellRef>({ row: 0, col: 0 });
  const active = carry ? cellOf(carry.point, size) : { row: Math.min(ownActive.row, size.rows - 1), col: Math.min(ownActive.col, size.columns - 1) };
  const gridRef = useRef<HTMLDivElement>(null);

  const cellElement = (cell: CellRef) => gridRef.current?.querySelector<HTMLElement>(`[data-cell="${cell.row}:${cell.col}"]`) ?? null;
  const focusCell = (cell: CellRef, options?: FocusOptions) => {
    setOwnActive(cell);
    // At once, so the very next key lands on the cell; a cell that only appears with this render is focused once it does.
    const element = cellElement(cell);
    if (element) element.focus(options);
    else requestAnimationFrame(() => cellElement(cell)?.focus(options));
  };
  useImperativeHandle(ref, () => ({ focusCell, activeCell: () => active }));

  const notesByCell = new Map<string, MyNote[]>();
  for (const note of myNotes) {
    const c = cellOf(note.point, size);
    const key = `${c.row}:${c.col}`;
    notesByCell.set(key, [...(notesByCell.get(key) ?? []), note]);
  }

  const onGridKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (!target.matches("[role=gridcell]")) return;
    const dir = KEY_DIRECTION[e.key];
    if (carry) {
      if (dir) {
        e.preventDefault();
        const next = movePoint(carry.point, dir, size, e.shiftKey ? NUDGE : undefined);
        props.onCarryMove(next, e.shiftKey);
        if (!sameCell(cellOf(next, size), active)) focusCell(cellOf(next, size));
      } else if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        props.onCarryDrop(carry.point);
      } else if (e.key === "Escape") {
        e.preventDefault();
        props.onCarryCancel();
      }
      return;
    }
    let next: CellRef | null = null;
    if (dir) next = stepCell(active, dir, size);
    else if (e.key === "Home") next = e.ctrlKey ? { row: 0, col: 0 } : { row: active.row, col: 0 };
    else if (e.key === "End") next = e.ctrlKey ? { row: size.rows - 1, col: size.columns - 1 } : { row: active.row, col: size.columns - 1 };
    else if (e.key === "Enter" || e.key === "F2") {
      const first = target.querySelector<HTMLElement>("[data-note]");
      if (first) {
        e.preventDefault();
        first.focus();
      }
      return;
    }
    if (next) {
      e.preventDefault();
      focusCell(next);
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
      props.onNotePickUp(note);
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      e.stopPropagation();
      props.onNoteTakeBack(note);
      cell?.focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      cell?.focus();
    } else if (KEY_DIRECTION[e.key]) {
      e.preventDefault();
      e.stopPropagation();
      const step = e.key === "ArrowDown" || e.key === "ArrowRight" ? 1 : -1;
      notes[(i + step + notes.length) % notes.length]?.focus();
    }
  };

  const onCellClick = (e: MouseEvent<HTMLDivElement>, cell: CellRef) => {
    setOwnActive(cell);
    if (!carry) return;
    // Tap-to-place: the note lands where the cell was tapped.
    const box = areaRef.current?.getBoundingClientRect();
    const point = box ? pointAt(box, e.clientX, e.clientY, size) : null;
    if (point && sameCell(cellOf(point, size), cell)) props.onCarryDrop(point);
  };

  const template: CSSProperties = { gridTemplateColumns: `var(--head) repeat(${size.columns}, minmax(0, 1fr))` };

  return (
    <>
      <div
        ref={gridRef}
        role="grid"
        aria-label={label}
        aria-rowcount={size.rows + 1}
        aria-colcount={size.columns + 1}
        aria-describedby="grid-keys"
        onKeyDown={onGridKeyDown}
        className="rounded-2xl border border-slate-300 bg-white shadow-sm [--head:2.25rem] sm:[--head:8.5rem] lg:[--head:10rem] 2xl:[--head:12rem]"
      >
        <div role="row" aria-rowindex={1} className="grid rounded-t-2xl border-b border-slate-300 bg-slate-50" style={template}>
          <div aria-hidden="true" />
          {grid.columns.map((column, c) => (
            <div
              key={column.id}
              role="columnheader"
              aria-colindex={c + 2}
              aria-describedby={column.hint ? `col-hint-${c}` : undefined}
              className="border-l border-slate-200 px-1.5 py-2 text-center sm:px-3 sm:py-3 sm:text-left"
            >
              <span className="block text-xs leading-tight font-semibold break-words hyphens-auto text-slate-900 sm:text-sm lg:text-base">
                {column.label}
              </span>
              {column.hint && (
                <span id={`col-hint-${c}`} className="mt-1 hidden text-xs leading-snug font-normal text-slate-600 lg:line-clamp-3">
                  {column.hint}
                </span>
              )}
            </div>
          ))}
        </div>
        <div
          ref={cellsRef}
          role="rowgroup"
          className="relative grid [--cell-h:6.5rem] sm:[--cell-h:8.5rem] lg:[--cell-h:9.5rem] 2xl:[--cell-h:10rem] short:[--cell-h:5.25rem]"
          style={{ gridTemplateRows: `repeat(${size.rows}, minmax(var(--cell-h), 1fr))` }}
        >
          {grid.rows.map((row, r) => (
            <div
              key={row.id}
              role="row"
              aria-rowindex={r + 2}
              className="grid border-b border-slate-200 last:border-b-0"
              style={template}
            >
              <div
                role="rowheader"
                aria-colindex={1}
                aria-describedby={row.hint ? `row-hint-${r}` : undefined}
                className={`flex items-center justify-center bg-slate-50 p-1 sm:block sm:p-3 ${r === size.rows - 1 ? "rounded-bl-2xl" : ""}`}
              >
                <span className="block text-xs leading-tight font-semibold break-words text-slate-900 [writing-mode:vertical-rl] rotate-180 sm:text-sm sm:[writing-mode:horizontal-tb] sm:rotate-0 lg:text-base">
                  {row.label}
                </span>
                {row.hint && (
                  <span id={`row-hint-${r}`} className="mt-1 hidden text-xs leading-snug text-slate-600 lg:line-clamp-4">
                    {row.hint}
                  </span>
                )}
              </div>
              {grid.columns.map((column, c) => {
                const cell = { row: r, col: c };
                const isActive = sameCell(cell, active);
                const notes = notesByCell.get(`${r}:${c}`) ?? [];
                const refs = references?.[r]?.[c] ?? [];
                const count = groupCounts[r]?.[c] ?? 0;
                return (
                  <div
                    key={column.id}
                    role="gridcell"
                    aria-colindex={c + 2}
                    aria-label={cellName(grid, cell)}
                    aria-describedby={`cell-summary-${r}-${c}`}
                    data-cell={`${r}:${c}`}
                    tabIndex={isActive ? 0 : -1}
                    onClick={(e) => onCellClick(e, cell)}
                    onFocus={() => !carry && setOwnActive(cell)}
                    className={`relative border-l border-slate-200 focus-ring-inset data-[drop-target]:bg-indigo-50 data-[drop-target]:ring-2 data-[drop-target]:ring-indigo-400 data-[drop-target]:ring-inset ${
                      carry ? "cursor-crosshair hover:bg-indigo-50/60" : ""
                    } ${carry && isActive ? "bg-indigo-50 ring-2 ring-indigo-500 ring-inset" : ""}`}
                  >
                    <span id={`cell-summary-${r}-${c}`} className="sr-only">
                      {count === 0 ? "No items placed here by the group" : `${count} ${count === 1 ? "item" : "items"} placed here by the group`}
                      {notes.length > 0 && `; your notes here: ${notes.map((n) => n.item.text).join(", ")}`}
                    </span>
                    {refs.length > 0 && (
                      <p className="pointer-events-none absolute inset-x-1 bottom-1 truncate text-[0.6875rem] leading-tight text-slate-600 sm:inset-x-2 sm:text-xs">
                        <span className="font-medium">{referenceLabel}:</span> {refs.map((i) => i.text).join(", ")}
                      </p>
                    )}
                    {notes.map((note) => (
                      <NoteChip
                        key={note.item.id}
                        note={note}
                        cell={cell}
                        color={myColor ?? "#4f46e5"}
                        spot={labelSpots.get(`note:${note.item.id}`)}
                        highlighted={highlighted === note.item.id}
                        faded={dragging === note.item.id || carry?.item.id === note.item.id}
                        passThrough={carry !== null}
                        onKeyDown={(e) => onNoteKeyDown(e, note)}
                        onPointerDown={(e) => props.onNotePointerDown(e, note)}
                        onClick={() => props.onNoteSelect(note)}
                        onHighlight={props.onHighlight}
                      />
                    ))}
                  </div>
                );
              })}
            </div>
          ))}
          <div
            ref={areaRef}
            aria-hidden="true"
            className="pointer-events-none absolute inset-y-0 right-0 z-10"
            style={{ left: "var(--head)" }}
          >
            {layer}
          </div>
          <div aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-0 z-30" style={{ left: "var(--head)" }}>
            {topLayer}
          </div>
        </div>
      </div>
      <AxisHints grid={grid} />
    </>
  );
});

/** Below the width where headers have room for their hints, the hints follow the grid. */
function AxisHints({ grid }: { grid: Grid }) {
  const axes = [...grid.rows.map((a) => ({ ...a, key: `row-${a.id}` })), ...grid.columns.map((a) => ({ ...a, key: `col-${a.id}` }))].filter((a) => a.hint);
  if (axes.length === 0) return null;
  return (
    <details className="mt-2 text-sm lg:hidden">
      <summary className="cursor-pointer rounded font-medium text-slate-700 focus-ring">
        What the rows and columns mean
      </summary>
      <dl className="mt-2 space-y-1.5 pb-1">
        {axes.map((axis) => (
          <div key={axis.key}>
            <dt className="inline font-semibold text-slate-900">{axis.label}:</dt> <dd className="inline text-slate-700">{axis.hint}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
