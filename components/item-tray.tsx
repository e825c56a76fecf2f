"use client";

import type { CSSProperties, PointerEvent, RefObject } from "react";
import type { Item } from "../lib/board/schema";

interface ItemTrayProps {
  trayRef: RefObject<HTMLElement | null>;
  /** My items still to place, in the board's order. */
  items: Item[];
  total: number;
  color: string;
  /** The item picked up for a keyboard or tap placement. */
  carrying: string | null;
  /** The item being dragged out of the tray. */
  dragging: string | null;
  disabledReason: string | null;
  onPickUp(item: Item, trigger: HTMLElement): void;
  onPointerDown(event: PointerEvent<HTMLButtonElement>, item: Item): void;
  onHighlight(item: string | null): void;
}

/** The notes I have not placed yet. Dropping a placed note back here takes it back. */
export function ItemTray(props: ItemTrayProps) {
  const { trayRef, items, total, color, carrying, dragging, disabledReason } = props;
  const placed = total - items.length;
  return (
    <section
      ref={trayRef}
      aria-labelledby="tray-heading"
      className="rounded-2xl border border-dashed border-slate-300 bg-slate-50/80 p-3 sm:p-4"
      style={{ "--note-color": color } as CSSProperties}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="tray-heading" className="font-semibold text-slate-900">
          Your notes to place
        </h2>
        <p className="text-sm text-slate-600 tabular-nums">
          {placed} of {total} placed
        </p>
      </div>
      <p id="tray-help" className="mt-1 text-sm text-slate-600">
        {disabledReason ??
          (items.length === 0
            ? total === 0
              ? "There are no items yet. Add one below."
              : "You have placed every item. Drag a note back here to take it back."
            : "Drag a note onto the grid, or select it and then choose a cell.")}
      </p>
      {items.length > 0 && (
        <ul className="mt-3 flex flex-wrap gap-2">
          {items.map((item) => (
            <li key={item.id} className="max-w-full">
              <button
                type="button"
                data-tray-item={item.id}
                aria-describedby="tray-help"
                aria-pressed={carrying === item.id}
                disabled={disabledReason !== null}
                onClick={(e) => props.onPickUp(item, e.currentTarget)}
                onPointerDown={(e) => props.onPointerDown(e, item)}
                onPointerEnter={() => props.onHighlight(item.id)}
                onPointerLeave={() => props.onHighlight(null)}
                onFocus={() => props.onHighlight(item.id)}
                onBlur={() => props.onHighlight(null)}
                className={`flex max-w-full cursor-grab touch-pan-y items-center gap-2 rounded-lg border-2 border-(--note-color) bg-white px-2.5 py-1.5 text-left text-sm font-medium text-slate-900 shadow-sm select-none hover:shadow-md focus-visible:ring-3 focus-visible:ring-indigo-600 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-60 aria-pressed:bg-indigo-50 aria-pressed:ring-3 aria-pressed:ring-indigo-500 ${
                  dragging === item.id ? "opacity-40" : ""
                }`}
              >
                <span aria-hidden="true" className="size-2.5 shrink-0 rounded-full bg-(--note-color)" />
                <span className="min-w-0 break-words">{item.text}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
