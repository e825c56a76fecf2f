"use client";

import { useImperativeHandle, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type ReactNode, type Ref, type RefObject } from "react";
import { cellName, sameCell, stepCell, type Direction } from "../../lib/board/geometry";
import { sizeOf } from "../../lib/board/grid";
import { goalCell } from "../../lib/board/goal";
import type { Cell, GoalCorner, Grid, Item } from "../../lib/board/schema";

export interface GridHandle {
  /** Moves keyboard focus to a cell (the grid's single tab stop follows). */
  focusCell(cell: Cell, options?: FocusOptions): void;
  /** The cell that has (or last had) the grid's focus. */
  activeCell(): Cell;
}

/** What a grid one places on adds to the frame's cells (see PlacementGrid); a grid that is only looked at adds none of it. */
export interface CellInteraction {
  /** The cell that holds focus whatever was moved to last (a carried note's), or null. */
  heldCell: Cell | null;
  /** Sees a key on a cell before the frame does; a key it handles (preventDefault) does not also move between cells. */
  onKeyDown(e: KeyboardEvent<HTMLDivElement>, active: Cell, focusCell: (cell: Cell) => void): void;
  /** `area`: the overlay area, in which the tap's point is read. */
  onClick(e: MouseEvent<HTMLDivElement>, cell: Cell, area: HTMLElement | null): void;
  className(cell: Cell, isActive: boolean): string;
  /** Read after the group's count in the cell's description. */
  summary(cell: Cell): string;
  content(cell: Cell): ReactNode;
}

interface GridFrameProps {
  ref?: Ref<GridHandle>;
  grid: Grid;
  label: string;
  /** The area the overlays are drawn in: the cells without the row headers. */
  areaRef: RefObject<HTMLDivElement | null>;
  /** The element holding the rows of cells. */
  cellsRef?: RefObject<HTMLDivElement | null>;
  /** Per cell, row-major: how many items the group placed there (for the cell's description). */
  groupCounts: number[][];
  /** The corner the group aims for, marked in its cell; null or absent: none. */
  goal?: GoalCorner | null;
  /** Per cell, the reference items shown when the reference layer is on. */
  references?: Item[][][] | null;
  referenceLabel?: string;
  /** The overlay drawn over the cells: the group's dots, or the comparison's moves. */
  children: ReactNode;
  /** What moves live (a note being carried, other people's drags), drawn over everything else. */
  liveLayer?: ReactNode;
  interaction?: CellInteraction;
}

const KEY_DIRECTION: Record<string, Direction> = {
  ArrowUp: "up",
  ArrowDown: "down",
  ArrowLeft: "left",
  ArrowRight: "right",
};

export const arrowDirection = (key: string): Direction | undefined => KEY_DIRECTION[key];

/**
 * The board's grid as it is read: axes, cells and their descriptions, and an
 * overlay drawn exactly over the cells. An ARIA grid: one tab stop, arrow keys
 * and Home/End between cells, so the grid reads by keyboard wherever it is
 * shown. Row header width and row heights are shared by the overlay through
 * --head and the rowgroup, so both line up at every screen size.
 */
export function GridFrame({ ref, grid, label, areaRef, cellsRef, groupCounts, goal, references, referenceLabel, children, liveLayer, interaction }: GridFrameProps) {
  const size = sizeOf(grid);
  const target = goal ? goalCell(size, goal) : null;
  const [movedTo, setMovedTo] = useState<Cell>({ row: 0, col: 0 });
  const active = interaction?.heldCell ?? { row: Math.min(movedTo.row, size.rows - 1), col: Math.min(movedTo.col, size.columns - 1) };
  const gridRef = useRef<HTMLDivElement>(null);

  const cellElement = (cell: Cell) => gridRef.current?.querySelector<HTMLElement>(`[data-cell="${cell.row}:${cell.col}"]`) ?? null;
  const focusCell = (cell: Cell, options?: FocusOptions) => {
    setMovedTo(cell);
    // At once, so the very next key lands on the cell; a cell that only appears with this render is focused once it does.
    const element = cellElement(cell);
    if (element) element.focus(options);
    else requestAnimationFrame(() => cellElement(cell)?.focus(options));
  };
  useImperativeHandle(ref, () => ({ focusCell, activeCell: () => active }));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!(e.target as HTMLElement).matches("[role=gridcell]")) return;
    interaction?.onKeyDown(e, active, focusCell);
    // While a cell holds focus (a note is carried), the keys are the carry's alone.
    if (e.defaultPrevented || interaction?.heldCell) return;
    const dir = arrowDirection(e.key);
    let next: Cell | null = null;
    if (dir) next = stepCell(active, dir, size);
    else if (e.key === "Home") next = e.ctrlKey ? { row: 0, col: 0 } : { row: active.row, col: 0 };
    else if (e.key === "End") next = e.ctrlKey ? { row: size.rows - 1, col: size.columns - 1 } : { row: active.row, col: size.columns - 1 };
    if (next) {
      e.preventDefault();
      focusCell(next);
    }
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
        onKeyDown={onKeyDown}
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
            <div key={row.id} role="row" aria-rowindex={r + 2} className={`grid ${r < size.rows - 1 ? "border-b border-slate-200" : ""}`} style={template}>
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
                    onClick={(e) => {
                      setMovedTo(cell);
                      interaction?.onClick(e, cell, areaRef.current);
                    }}
                    onFocus={() => !interaction?.heldCell && setMovedTo(cell)}
                    className={`relative border-l border-slate-200 focus-ring-inset ${interaction?.className(cell, isActive) ?? ""}`}
                  >
                    <span id={`cell-summary-${r}-${c}`} className="sr-only">
                      {count === 0 ? "No items placed here by the group" : `${count} ${count === 1 ? "item" : "items"} placed here by the group`}
                      {interaction?.summary(cell)}
                      {target && sameCell(cell, target) && ". The goal corner"}
                    </span>
                    {target && sameCell(cell, target) && goal && <GoalMark corner={goal} />}
                    {refs.length > 0 && (
                      <p className="pointer-events-none absolute inset-x-1 bottom-1 truncate text-[0.6875rem] leading-tight text-slate-600 sm:inset-x-2 sm:text-xs">
                        <span className="font-medium">{referenceLabel}:</span> {refs.map((i) => i.text).join(", ")}
                      </p>
                    )}
                    {interaction?.content(cell)}
                  </div>
                );
              })}
            </div>
          ))}
          <div ref={areaRef} aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-0 z-10" style={{ left: "var(--head)" }}>
            {children}
          </div>
          <div aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-0 z-30" style={{ left: "var(--head)" }}>
            {liveLayer}
          </div>
        </div>
      </div>
      <AxisHints grid={grid} />
    </>
  );
}

/** Where the goal's mark sits in its cell, and the way its tint fades from that corner. */
const GOAL_MARK: Record<GoalCorner, { at: string; tint: string }> = {
  "top-left": { at: "top-1 left-1", tint: "bg-radial-[at_0%_0%]" },
  "top-right": { at: "top-1 right-1", tint: "bg-radial-[at_100%_0%]" },
  "bottom-left": { at: "bottom-1 left-1", tint: "bg-radial-[at_0%_100%]" },
  "bottom-right": { at: "bottom-1 right-1", tint: "bg-radial-[at_100%_100%]" },
};

/** The goal corner, seen: a tint fading out from the corner and a small "Goal" tag in it (the cell's description says it in words). */
function GoalMark({ corner }: { corner: GoalCorner }) {
  const { at, tint } = GOAL_MARK[corner];
  return (
    <>
      <span aria-hidden="true" className={`pointer-events-none absolute inset-0 ${tint} from-emerald-100/90 via-emerald-50/40 via-45% to-transparent to-70%`} />
      <span
        aria-hidden="true"
        className={`pointer-events-none absolute ${at} z-[5] inline-flex items-center gap-1 rounded-full bg-emerald-600 px-1.5 py-px text-[0.625rem] font-semibold tracking-wide text-white uppercase shadow-sm sm:text-[0.6875rem]`}
      >
        <svg viewBox="0 0 12 12" className="size-2.5" fill="none" stroke="currentColor" strokeWidth="1.6">
          <circle cx="6" cy="6" r="4.6" />
          <circle cx="6" cy="6" r="1.6" fill="currentColor" stroke="none" />
        </svg>
        Goal
      </span>
    </>
  );
}

/** Below the width where headers have room for their hints, the hints follow the grid. */
function AxisHints({ grid }: { grid: Grid }) {
  const axes = [...grid.rows.map((a) => ({ ...a, key: `row-${a.id}` })), ...grid.columns.map((a) => ({ ...a, key: `col-${a.id}` }))].filter((a) => a.hint);
  if (axes.length === 0) return null;
  return (
    <details className="mt-2 text-sm lg:hidden">
      <summary className="cursor-pointer rounded font-medium text-slate-700 focus-ring">What the rows and columns mean</summary>
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
