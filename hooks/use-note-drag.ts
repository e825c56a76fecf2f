"use client";

import { useCallback, useEffect, useRef, type PointerEvent as ReactPointerEvent, type RefObject } from "react";
import { pointAt } from "../lib/board/geometry";
import { cellOf, type GridPoint, type GridSize } from "../lib/board/grid";
import { uncoveredBottom } from "../components/board/placing-viewport";

export interface DragSource {
  item: string;
  text: string;
  color: string;
  /** Set when an existing placement is being moved. */
  from: GridPoint | null;
  /**
   * The direction in which a finger on the source scrolls rather than drags: "y" where a long
   * tray can be scrolled past (touch-action: pan-y), "x" in the docked tray's sideways row. A
   * touch drag then starts with a move across that direction or after holding still for a
   * moment; a swipe along it stays a scroll.
   */
  pan?: "x" | "y";
}

export interface DropResult {
  /** Where the note's pin was released, or null when outside the grid. */
  point: GridPoint | null;
  /** Released over the tray: take the placement back. */
  overTray: boolean;
}

interface NoteDragOptions {
  /** The element covering exactly the grid's cells. */
  areaRef: RefObject<HTMLElement | null>;
  /** The element holding the gridcells, each marked data-cell="row:col". */
  gridRef: RefObject<HTMLElement | null>;
  trayRef: RefObject<HTMLElement | null>;
  size: GridSize;
  onStart(source: DragSource): void;
  onMove(source: DragSource, point: GridPoint | null): void;
  onEnd(source: DragSource, result: DropResult | null): void;
}

/** Mouse drags start after a few pixels so a click stays a click; fingers wobble more. */
const THRESHOLD = { mouse: 4, touch: 8 } as const;
/** A finger hides what it drags, so on touch the note rides above the fingertip. */
const TOUCH_LIFT = 36;
/** How long a finger holds still on a scrollable note before it is picked up. */
const HOLD_MS = 250;
/** How close to the top or bottom of the reachable screen a held drag starts scrolling the page. */
const EDGE_ZONE = 64;
/** Pixels per frame at the very edge; slower further in, so the speed is the person's to choose. */
const EDGE_SPEED = 22;

/*
 * Dragging notes with pointer events. Everything that changes at pointer
 * rate (the ghost note, the highlighted cell) is done directly on the DOM, so
 * a drag never re-renders the board; React hears only start, moves (for the
 * others' live view, throttled downstream) and the drop.
 */
export function useNoteDrag(options: NoteDragOptions) {
  const opts = useRef(options);
  useEffect(() => {
    opts.current = options;
  });
  const cleanup = useRef<(() => void) | null>(null);
  useEffect(() => () => cleanup.current?.(), []);

  const start = useCallback((event: ReactPointerEvent<HTMLElement>, source: DragSource) => {
    if (event.button !== 0 || cleanup.current) return;
    const isTouch = event.pointerType !== "mouse";
    const startX = event.clientX;
    const startY = event.clientY;
    const pointerId = event.pointerId;
    // Moving a placed note keeps its pin where it was relative to the pointer, so it does not jump
    // (the pointer may be on the note's label, which can sit away from the pin).
    const area = source.from ? opts.current.areaRef.current?.getBoundingClientRect() : null;
    const { size } = opts.current;
    const offset = source.from && area
      ? { x: area.left + (source.from.col / size.columns) * area.width - startX, y: area.top + (source.from.row / size.rows) * area.height - startY }
      : { x: 0, y: isTouch ? -TOUCH_LIFT : 0 };

    let started = false;
    let ghost: HTMLElement | null = null;
    let last = { x: startX, y: startY };
    const holdToDrag = isTouch && source.pan !== undefined;
    // Boxes are measured when the drag begins and again only if the page scrolls or resizes, never per move.
    let boxes: { area: DOMRect | null; tray: DOMRect | null } = { area: null, tray: null };
    const measure = () => {
      boxes = {
        area: opts.current.areaRef.current?.getBoundingClientRect() ?? null,
        tray: opts.current.trayRef.current?.getBoundingClientRect() ?? null,
      };
    };
    let targetCell: Element | null = null;
    let result: { point: GridPoint | null; overTray: boolean } = { point: null, overTray: false };

    const setTarget = (cell: Element | null) => {
      if (cell === targetCell) return;
      targetCell?.removeAttribute("data-drop-target");
      cell?.setAttribute("data-drop-target", "");
      targetCell = cell;
    };

    const track = (x: number, y: number) => {
      const { gridRef, size } = opts.current;
      const px = x + offset.x;
      const py = y + offset.y;
      if (ghost) ghost.style.transform = `translate(${px}px, ${py}px)`;
      const { area, tray } = boxes;
      const point = area ? pointAt(area, px, py, size) : null;
      const overTray = !point && !!tray && x >= tray.left && x <= tray.right && y >= tray.top && y <= tray.bottom;
      const cell = point ? cellOf(point, size) : null;
      setTarget(cell ? (gridRef.current?.querySelector(`[data-cell="${cell.row}:${cell.col}"]`) ?? null) : null);
      result = { point, overTray };
      opts.current.onMove(source, point);
      followEdge(y);
    };

    /*
     * Held near the top or bottom edge (above a docked tray), the drag scrolls
     * the page, so a note can travel further than the screen is tall in one
     * gesture: a phone held sideways shows a row or two at a time. Only once
     * the pointer has been away from both edges, so that a drag starting in
     * the docked tray does not scroll the page at once.
     */
    let armed = false;
    let scrollFrame = 0;
    const edgeSpeed = (y: number) => {
      const bottom = uncoveredBottom(boxes.tray);
      const depth = y < EDGE_ZONE ? y - EDGE_ZONE : y > bottom - EDGE_ZONE ? y - (bottom - EDGE_ZONE) : 0;
      const t = Math.min(1, Math.abs(depth) / EDGE_ZONE);
      return Math.sign(depth) * Math.max(1, Math.round(EDGE_SPEED * t * t));
    };
    const followEdge = (y: number) => {
      const speed = edgeSpeed(y);
      if (speed === 0) armed = true;
      else if (armed && !scrollFrame) scrollFrame = requestAnimationFrame(scrollStep);
    };
    const scrollStep = () => {
      scrollFrame = 0;
      const speed = started ? edgeSpeed(last.y) : 0;
      if (speed === 0) return;
      const before = window.scrollY;
      window.scrollBy({ top: speed, behavior: "instant" });
      if (window.scrollY === before) return;
      measure();
      track(last.x, last.y);
    };

    const begin = () => {
      started = true;
      measure();
      ghost = makeGhost(source);
      document.body.appendChild(ghost);
      document.documentElement.dataset.dragging = "";
      opts.current.onStart(source);
    };

    const onMove = (e: PointerEvent) => {
      if (e.pointerId !== pointerId) return;
      last = { x: e.clientX, y: e.clientY };
      if (!started) {
        const dx = e.clientX - startX;
        const dy = e.clientY - startY;
        if (Math.hypot(dx, dy) < THRESHOLD[isTouch ? "touch" : "mouse"]) return;
        // On a scrollable note, a swipe along its scrolling direction before the hold is a scroll: let the page have it.
        const along = source.pan === "y" ? Math.abs(dy) >= Math.abs(dx) : Math.abs(dx) > Math.abs(dy);
        if (holdToDrag && along) return stop();
        begin();
      }
      e.preventDefault();
      track(e.clientX, e.clientY);
    };
    const hold = holdToDrag
      ? setTimeout(() => {
          if (started) return;
          begin();
          navigator.vibrate?.(10);
          track(last.x, last.y);
        }, HOLD_MS)
      : null;
    // Once a drag has begun, the finger moves the note, not the page.
    const blockScroll = (e: TouchEvent) => {
      if (started && e.cancelable) e.preventDefault();
    };

    const finish = (result: DropResult | null) => {
      const wasStarted = started;
      stop();
      if (!wasStarted) return;
      // The click that follows a drag's pointerup must not also count as a click on what lies beneath.
      const swallow = (e: MouseEvent) => {
        e.stopPropagation();
        e.preventDefault();
      };
      window.addEventListener("click", swallow, { capture: true, once: true });
      setTimeout(() => window.removeEventListener("click", swallow, { capture: true }), 0);
      opts.current.onEnd(source, result);
    };

    const onUp = (e: PointerEvent) => {
      if (e.pointerId !== pointerId) return;
      if (started) track(e.clientX, e.clientY);
      finish(result);
    };
    const onCancel = (e: PointerEvent) => {
      if (e.pointerId === pointerId) finish(null);
    };
    // Switching away mid-drag (another window, a dialog, the phone's app switcher) ends the drag unchanged.
    const onLeave = () => finish(null);
    const onVisibility = () => document.visibilityState === "hidden" && finish(null);
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || !started) return;
      e.preventDefault();
      e.stopPropagation();
      finish(null);
    };

    const stop = () => {
      if (hold) clearTimeout(hold);
      cancelAnimationFrame(scrollFrame);
      scrollFrame = 0;
      window.removeEventListener("touchmove", blockScroll);
      window.removeEventListener("pointermove", onMove);
      window.removeEventListener("pointerup", onUp);
      window.removeEventListener("pointercancel", onCancel);
      window.removeEventListener("keydown", onKey, true);
      window.removeEventListener("blur", onLeave);
      window.removeEventListener("scroll", measure, true);
      window.removeEventListener("resize", measure);
      document.removeEventListener("visibilitychange", onVisibility);
      setTarget(null);
      ghost?.remove();
      ghost = null;
      delete document.documentElement.dataset.dragging;
      cleanup.current = null;
    };

    window.addEventListener("pointermove", onMove, { passive: false });
    window.addEventListener("pointerup", onUp);
    window.addEventListener("pointercancel", onCancel);
    window.addEventListener("keydown", onKey, true);
    window.addEventListener("touchmove", blockScroll, { passive: false });
    window.addEventListener("blur", onLeave);
    window.addEventListener("scroll", measure, { capture: true, passive: true });
    window.addEventListener("resize", measure);
    document.addEventListener("visibilitychange", onVisibility);
    cleanup.current = () => finish(null);
  }, []);

  /** Ends a drag in progress without dropping it, e.g. when the board is locked or the item deleted meanwhile. */
  const cancel = useCallback(() => cleanup.current?.(), []);

  return { start, cancel };
}

/** The note under the pointer while dragging: built once per drag, moved with transforms only. */
function makeGhost(source: DragSource): HTMLElement {
  const ghost = document.createElement("div");
  ghost.setAttribute("aria-hidden", "true");
  ghost.className = "drag-ghost";
  ghost.style.setProperty("--note-color", source.color);
  const pin = document.createElement("span");
  pin.className = "drag-ghost-pin";
  const label = document.createElement("span");
  label.className = "drag-ghost-label";
  // textContent, never markup: item text is user input.
  label.textContent = source.text;
  ghost.append(pin, label);
  return ghost;
}
