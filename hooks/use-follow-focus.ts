"use client";

import { scrollToTop } from "../components/board/placing-viewport";
import { useEffect, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from "react";

interface FollowFocusOptions {
  /** The item the facilitator is focusing everyone on, while it is on the board. */
  focus: string | null;
  itemText: ReadonlyMap<string, string>;
  /** The facilitator's own view sets the focus, and does not follow it. */
  leading: boolean;
  setSelected: Dispatch<SetStateAction<string | null>>;
  /** The grid's section, whose top holds the focus bar. */
  gridSection: RefObject<HTMLElement | null>;
  announce(text: string): void;
}

/**
 * Following the facilitator: each new focus selects that item and brings the
 * focus bar, at the top of the grid, into view, unless this person chose
 * "Stop following"; that choice lasts until they follow again or the focus ends.
 */
export function useFollowFocus({ focus, itemText, leading, setSelected, gridSection, announce }: FollowFocusOptions) {
  const [optedOut, setOptedOut] = useState(false);
  const [endedFocus, setEndedFocus] = useState(focus);
  if (endedFocus !== focus) {
    // A focus that ends ends the opting out too: the next one brings everyone along again.
    setEndedFocus(focus);
    if (!focus) setOptedOut(false);
  }
  const seenFocus = useRef<string | null>(null);
  useEffect(() => {
    if (leading) return;
    if (!focus) {
      seenFocus.current = null;
      return;
    }
    if (seenFocus.current === focus) return;
    seenFocus.current = focus;
    announce(`The facilitator is focusing on ${itemText.get(focus)}.`);
    if (optedOut) return;
    // The focus came from the network; following it is this page catching up, once per focus.
    setSelected(focus);
    scrollToTop(gridSection.current);
  }, [focus, optedOut, leading, itemText, announce, setSelected, gridSection]);

  return {
    optedOut,
    stopFollowing: () => setOptedOut(true),
    follow() {
      if (!focus) return;
      setOptedOut(false);
      setSelected(focus);
      scrollToTop(gridSection.current);
    },
  };
}
