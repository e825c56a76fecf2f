"use client";

import type { MouseEvent, ReactNode } from "react";

type FocusBarProps = {
  /** The focused item's text. */
  item: string;
  /** The discussion's time left, beside the item, where everyone is looking (the page's timer scrolls away). */
  time?: ReactNode;
} & (
  | { role: "facilitator"; onStopFocusing(): void }
  | {
      role: "follower";
      /** True while this page shows the focused item and follows each new focus. */
      following: boolean;
      onFollow(): void;
      onStopFollowing(): void;
    }
);

const button =
  "rounded-lg border border-sky-300 bg-white px-3 py-1 font-semibold text-sky-950 hover:bg-sky-100 focus-ring focus-visible:ring-sky-600";

/**
 * Ending the focus takes this bar away, and the keyboard with it: focus goes on to the heading of the
 * region the bar heads (the grid's), the next thing in reading order from where the bar stood. It is in
 * view on every screen, which the item panel (below the grid on a phone) is not.
 */
function stopFocusing(event: MouseEvent<HTMLButtonElement>, onStopFocusing: () => void) {
  const region = event.currentTarget.closest("section")?.parentElement?.closest("[aria-labelledby]");
  const heading = region && document.getElementById(region.getAttribute("aria-labelledby") ?? "");
  onStopFocusing();
  if (!heading) return;
  if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
  heading.focus();
}

/**
 * The facilitator's focus, above the grid: always naming the focused item, with the one action that
 * fits where this person is (end it, step out of it, or go back to it).
 */
export function FocusBar(props: FocusBarProps) {
  return (
    <section
      aria-label="Facilitator focus"
      className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2 rounded-2xl border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950"
    >
      <p className="min-w-0 break-words">
        {props.role === "facilitator" ? "Everyone is looking at " : "The facilitator is focusing on "}
        <span className="font-semibold">{props.item}</span>. {props.time}
      </p>
      {props.role === "facilitator" ? (
        <button type="button" onClick={(e) => stopFocusing(e, props.onStopFocusing)} className={button}>
          Stop focusing
        </button>
      ) : props.following ? (
        <button type="button" onClick={props.onStopFollowing} className={button}>
          Stop following
        </button>
      ) : (
        <button type="button" onClick={props.onFollow} className={button}>
          Follow the facilitator
        </button>
      )}
    </section>
  );
}
