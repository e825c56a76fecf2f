"use client";

import { useEffect, useLayoutEffect, useMemo, useState, type RefObject } from "react";
import type { GridPoint, GridSize } from "../lib/board/grid";
import { layoutLabels, type Rect } from "../lib/board/label-layout";
import type { ItemWithStats } from "../lib/stats/board";
import type { MyNote } from "../components/board/placement-grid";
import { useElementSize } from "./use-element-size";

export interface LabelSpec {
  /** Matches the label element's data-label attribute. */
  id: string;
  point: GridPoint;
  text: string;
  /** Lower gets the better spots. */
  rank: number;
}

/** Where a label sits, relative to its point, in pixels. */
export interface LabelSpot {
  dx: number;
  dy: number;
  /** From the point to the label, when the label had to move away from it. */
  leader: { length: number; angle: number } | null;
  /** The text did not fit the label's two lines: its full name is shown on hover and focus. */
  truncated: boolean;
  /** The label's width hugging its widest line, so a label that wraps takes no more room than its text. */
  width: number;
}

const NO_SPOTS: ReadonlyMap<string, LabelSpot> = new Map();

/** Past this many placed items, the group's centres are labelled on highlight only. */
const LABEL_ALL_MAX = 12;

/**
 * The grid's labels: my notes' (`note:<item id>`), laid out first, and the
 * group's centres' (`centre:<item id>`) while the board is not crowded. A
 * centre that is only my own note is not labelled: it would repeat my note.
 */
export function useGridLabels(
  rootRef: RefObject<HTMLElement | null>,
  areaRef: RefObject<HTMLElement | null>,
  size: GridSize,
  myNotes: readonly MyNote[],
  items: readonly ItemWithStats[],
  me: string | null,
): { labelled: ReadonlySet<string>; labelSpots: ReadonlyMap<string, LabelSpot> } {
  const labelled = useMemo(() => {
    const placed = items.filter((i) => i.stats);
    if (placed.length > LABEL_ALL_MAX) return new Set<string>();
    return new Set(placed.filter((i) => i.placements.some((p) => p.participant !== me)).map((i) => i.item.id));
  }, [items, me]);
  const labels: LabelSpec[] = [
    ...myNotes.map((n) => ({ id: `note:${n.item.id}`, point: { col: n.point.col, row: n.point.row }, text: n.item.text, rank: 0 })),
    ...items.flatMap((i) => (i.stats && labelled.has(i.item.id) ? [{ id: `centre:${i.item.id}`, point: i.stats.centroid, text: i.item.text, rank: 1 }] : [])),
  ];
  // Every centre's mark, labelled or not, is kept clear.
  const centres = items.flatMap((i) => (i.stats ? [i.stats.centroid] : []));
  return { labelled, labelSpots: useLabelLayout(rootRef, areaRef, size, labels, centres) };
}

/**
 * Lays out the grid's labels (data-label elements under `rootRef`) so they
 * do not cover each other. Runs when the labels, their points or the grid's
 * size change — never on pointer moves — measuring each label once and
 * re-rendering once with the result, before the browser paints.
 */
export function useLabelLayout(
  rootRef: RefObject<HTMLElement | null>,
  areaRef: RefObject<HTMLElement | null>,
  size: GridSize,
  labels: readonly LabelSpec[],
  marks: readonly GridPoint[],
): ReadonlyMap<string, LabelSpot> {
  const [spots, setSpots] = useState<ReadonlyMap<string, LabelSpot>>(NO_SPOTS);
  const box = useElementSize(areaRef);
  const [fontsReady, setFontsReady] = useState(false);

  useEffect(() => {
    let live = true;
    // Labels measured before the web font arrives would be measured in the fallback font.
    void document.fonts?.ready.then(() => live && setFontsReady(true));
    return () => {
      live = false;
    };
  }, []);

  const key = JSON.stringify([size.rows, size.columns, box.width, box.height, fontsReady, labels, marks]);
  useLayoutEffect(() => {
    const root = rootRef.current;
    if (!root || box.width === 0 || box.height === 0) return;
    const toPixels = (p: GridPoint) => ({ x: (p.col / size.columns) * box.width, y: (p.row / size.rows) * box.height });
    const requests = [];
    const truncated = new Map<string, boolean>();
    for (const spec of labels) {
      const element = root.querySelector<HTMLElement>(`[data-label="${CSS.escape(spec.id)}"]`);
      if (!element) continue;
      const text = element.querySelector<HTMLElement>("[data-label-text]") ?? element;
      // Measured at its natural width (up to its max-width), not at the width an earlier layout gave it.
      const laidOutWidth = element.style.width;
      element.style.width = "";
      truncated.set(spec.id, text.scrollHeight > text.clientHeight + 1 || text.scrollWidth > text.clientWidth + 1);
      requests.push({ id: spec.id, anchor: toPixels(spec.point), width: hugWidth(element, text), height: element.offsetHeight, rank: spec.rank });
      element.style.width = laidOutWidth;
    }
    const markRects: Rect[] = marks.map((m) => {
      const p = toPixels(m);
      return { x: p.x - 6, y: p.y - 6, width: 12, height: 12 };
    });
    const placed = layoutLabels({ labels: requests, bounds: box, marks: markRects });
    const next = new Map<string, LabelSpot>();
    for (const label of placed) {
      const anchor = requests.find((r) => r.id === label.id)!.anchor;
      const leader = label.leader && {
        length: Math.hypot(label.leader.to.x - anchor.x, label.leader.to.y - anchor.y),
        angle: Math.atan2(label.leader.to.y - anchor.y, label.leader.to.x - anchor.x),
      };
      next.set(label.id, {
        dx: label.box.x - anchor.x,
        dy: label.box.y - anchor.y,
        leader,
        truncated: truncated.get(label.id) ?? false,
        width: label.box.width,
      });
    }
    // Measured from the DOM this render produced: the result is kept in state so the next render draws it.
    setSpots(next);
    // The key holds everything the layout depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return spots;
}

/*
 * A box that wraps its text is as wide as its max-width, however short its
 * lines: the widest line (plus padding and border) is the width it needs.
 */
function hugWidth(element: HTMLElement, text: HTMLElement): number {
  const range = document.createRange();
  range.selectNodeContents(text);
  const widest = Math.max(0, ...Array.from(range.getClientRects(), (r) => r.width));
  const natural = element.getBoundingClientRect().width;
  const chrome = natural - text.getBoundingClientRect().width + (text.offsetWidth - text.clientWidth);
  // Rounded up with a pixel to spare, so the same lines still fit once the width is set (max-width still caps it).
  return Math.ceil(widest > 0 ? Math.min(natural, widest + chrome) : natural) + 1;
}
