import type { RefObject } from "react";
/*
 * What of the grid a person can reach on screen while placing. On small
 * screens the tray is docked to the bottom of the viewport (see ItemTray), so
 * the part of the page that can take a drop or a tap ends where the dock
 * begins. Read in event handlers and animation frames only, never in render.
 */

/** Space kept between what is brought into reach and the edges, so it does not sit flush against them. */
const MARGIN = 8;

/**
 * The lowest screen y not covered by the docked tray: the tray's top while it
 * is stuck to the bottom of the viewport, otherwise the viewport's bottom.
 */
export function uncoveredBottom(tray: { top: number; bottom: number } | null): number {
  const height = window.innerHeight;
  return tray && Math.abs(tray.bottom - height) < 2 && tray.top > height / 2 ? tray.top : height;
}

/** The highest screen y not covered by the board page's sticky header (globals.css keeps scroll targets clear of it too). */
function uncoveredTop(): number {
  const header = document.querySelector("header[data-sticky]")?.getBoundingClientRect();
  return header && header.top <= 0 && header.bottom > 0 ? header.bottom : 0;
}

/**
 * Scrolls the page just enough for `target` to be wholly visible between the
 * sticky header and the docked tray; when it cannot be, its top is brought to
 * just below the header. At once, not smoothly: the next tap must land where
 * the person sees it.
 */
export function bringIntoReach(target: Element, tray: Element | null): void {
  const box = target.getBoundingClientRect();
  const top = uncoveredTop() + MARGIN;
  const bottom = uncoveredBottom(tray?.getBoundingClientRect() ?? null) - MARGIN;
  if (box.top >= top && box.bottom <= bottom) return;
  const by = box.height > bottom - top || box.top < top ? box.top - top : box.bottom - bottom;
  window.scrollBy({ top: by, behavior: "instant" });
}

/** Scrolls an element's top into view, smoothly unless the person asked for less motion. */
export function scrollToTop(element: Element | null | undefined): void {
  element?.scrollIntoView({ behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth", block: "start" });
}

/**
 * Focus moves to the item panel's heading as soon as the panel is there (the first time, it is still
 * loading), unless the person has meanwhile moved the keyboard somewhere else themselves: then it stays
 * where they put it.
 */
export function focusDetailHeading(heading: RefObject<HTMLHeadingElement | null>, frames = 120, from: Element | null = document.activeElement): void {
  requestAnimationFrame(() => {
    if (movedOn(from)) return;
    if (heading.current) heading.current.focus({ preventScroll: true });
    else if (frames > 0) focusDetailHeading(heading, frames - 1, from);
  });
}

/** Whether the keyboard has gone somewhere other than where it was (or nowhere, when that went away). */
function movedOn(from: Element | null): boolean {
  const now = document.activeElement;
  return !!now && now !== from && now !== document.body;
}

/**
 * After joining, the name form is gone: the keyboard goes on to the first note to place (or, for
 * someone with nothing to place, the board's title), not back to the top of the page. Joining takes
 * a seat from the server first, which on a slow network takes seconds: it waits up to about ten,
 * unless the person has moved the keyboard on by then.
 */
export function focusFirstNote(frames = 600, from: Element | null = document.activeElement): void {
  requestAnimationFrame(() => {
    if (movedOn(from)) return;
    const target = document.querySelector<HTMLElement>("[data-tray-item]") ?? (frames === 0 ? document.querySelector<HTMLElement>("main h1") : null);
    if (target) {
      if (target.tagName === "H1" && !target.hasAttribute("tabindex")) target.tabIndex = -1;
      target.focus();
    } else if (frames > 0) focusFirstNote(frames - 1, from);
  });
}
