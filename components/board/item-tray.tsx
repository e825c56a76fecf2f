"use client";

import { useEffect, type CSSProperties, type PointerEvent, type RefObject } from "react";
import type { Item } from "../../lib/board/schema";

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
  /** The selected item, when it is one of my placed notes: a way to its "Why here?" field, wherever the panel is. */
  reason?: { itemText: string; onGive(): void } | null;
}

/**
 * Below Tailwind's `lg` breakpoint (64rem) the tray is docked: stuck to the
 * bottom of the screen while the grid is in view, one row of notes that
 * scrolls sideways. Keep in step with the `max-lg:` classes below.
 */
export const DOCKED_TRAY_QUERY = "(width < 64rem)";

/** The note to offer once `placed` has left the tray: the one after it, or else the first left. */
export function nextInTray(items: readonly Item[], placed: string): Item | null {
  const at = items.findIndex((i) => i.id === placed);
  const rest = [...items.slice(at + 1), ...items.slice(0, Math.max(at, 0))].filter((i) => i.id !== placed);
  return rest[0] ?? null;
}

/**
 * Keeps the tray's height in `--docked-tray-height` on the root while it may be docked: the page's
 * scroll padding (app/globals.css) then keeps whatever the keyboard focuses, and whatever is scrolled
 * into view, clear of it.
 */
function useDockedHeight(trayRef: RefObject<HTMLElement | null>, docked: boolean) {
  useEffect(() => {
    const tray = trayRef.current;
    if (!docked || !tray) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty("--docked-tray-height", `${tray.offsetHeight}px`));
    observer.observe(tray);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--docked-tray-height");
    };
  }, [trayRef, docked]);
}

/**
 * The notes I have not placed yet. Dropping a placed note back here takes it
 * back. On small screens it is docked to the bottom of the screen, so the next
 * note is always a thumb away from the grid: a placement is a tap on the note
 * and a tap on its place, with no scrolling in between.
 */
export function ItemTray(props: ItemTrayProps) {
  const { trayRef, items, total, color, carrying, dragging, disabledReason } = props;
  const placed = total - items.length;
  const docked = items.length > 0;
  const carried = items.find((i) => i.id === carrying);
  useDockedHeight(trayRef, docked);
  return (
    <section
      ref={trayRef}
      aria-labelledby="tray-heading"
      data-docked={docked ? "" : undefined}
      className={`rounded-2xl border border-dashed border-slate-300 bg-slate-50/80 p-3 sm:p-4 ${
        docked
          ? "max-lg:sticky max-lg:bottom-0 short:max-lg:flex short:max-lg:items-center short:max-lg:gap-3 short:max-lg:pt-1 max-lg:z-40 max-lg:order-last max-lg:-mx-4 max-lg:rounded-none max-lg:border-x-0 max-lg:border-b-0 max-lg:border-solid max-lg:border-slate-300 max-lg:bg-white max-lg:px-4 max-lg:pt-2 max-lg:pb-[max(0.625rem,env(safe-area-inset-bottom))] max-lg:shadow-[0_-6px_16px_-6px_rgb(15_23_42/0.18)] sm:max-lg:-mx-6 sm:max-lg:px-6"
          : "max-lg:order-last"
      }`}
      style={{ "--note-color": color } as CSSProperties}
    >
      <div className={`flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 ${docked ? "short:max-lg:shrink-0 short:max-lg:flex-col" : ""}`}>
        <h2 id="tray-heading" className={`font-semibold text-slate-900 ${docked ? "max-lg:text-sm" : ""}`}>
          Your notes to place
        </h2>
        <p className={`text-sm text-slate-600 tabular-nums ${docked ? "max-lg:text-xs" : ""}`}>
          {placed} of {total} placed
          {props.reason && (
            <>
              {" · "}
              <button type="button" onClick={props.reason.onGive} className="rounded font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900 focus-outline max-lg:py-2">
                Why here?<span className="sr-only"> Give your reason for {props.reason.itemText}</span>
              </button>
            </>
          )}
        </p>
      </div>
      <p id="tray-help" className={`mt-1 text-sm text-slate-600 ${docked && !disabledReason && !carried ? "max-lg:sr-only" : ""}`}>
        {disabledReason ??
          (carried ? (
            <>
              <span className="lg:hidden">
                Tap where <span className="font-semibold text-slate-900">{carried.text}</span> goes on the grid.
              </span>
              <span className="max-lg:hidden">
                Click where <span className="font-semibold text-slate-900">{carried.text}</span> goes, or move it with the arrow keys and press
                Enter.
              </span>
            </>
          ) : items.length === 0 ? (
            total === 0 ? (
              "There are no items yet. Add one below."
            ) : (
              "You have placed every item. Drag a note back here to take it back."
            )
          ) : (
            "Drag a note onto the grid, or select it and then choose a cell."
          ))}
      </p>
      {items.length > 0 && (
        <ul
          aria-label="Notes still to place"
          // While the notes cannot be picked up (a locked board) none of them takes focus: on a phone the row,
          // which scrolls sideways, then takes it itself, so the keyboard can still read along it.
          tabIndex={disabledReason !== null ? 0 : undefined}
          className="mt-3 flex flex-wrap gap-2 max-lg:-mx-4 max-lg:mt-1.5 max-lg:flex-nowrap max-lg:overflow-x-auto max-lg:overscroll-x-contain max-lg:px-4 max-lg:py-1 sm:max-lg:-mx-6 sm:max-lg:px-6 short:max-lg:m-0 short:max-lg:min-w-0 short:max-lg:flex-1"
        >
          {items.map((item) => (
            <li key={item.id} className="max-w-full max-lg:shrink-0">
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
                className={`flex max-w-full cursor-grab touch-pan-y items-center gap-2 rounded-lg border-2 border-(--note-color) bg-white px-2.5 py-1.5 text-left text-sm font-medium text-slate-900 shadow-sm select-none hover:shadow-md focus-ring focus-visible:ring-3 disabled:cursor-not-allowed disabled:opacity-60 aria-pressed:bg-indigo-50 aria-pressed:ring-3 aria-pressed:ring-indigo-500 max-lg:min-h-11 max-lg:max-w-[16rem] max-lg:touch-pan-x ${
                  dragging === item.id ? "opacity-40" : ""
                }`}
              >
                <span aria-hidden="true" className="size-2.5 shrink-0 rounded-full bg-(--note-color)" />
                <span className="min-w-0 break-words max-lg:truncate">{item.text}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
