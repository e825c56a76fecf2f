/*
 * One item's small grid for the overview: its placements in each person's
 * colour, and how the group reads — a centre and a spread ring, or, when the
 * group forms two camps, each camp's centre (labelled by its size) joined by
 * a line and no single centre, since a split item's centre lies where nobody
 * placed it. Built as a plain tree (./svg-node.ts): the board, the presenter
 * and the exported picture all draw this one.
 */
import type { GridSize } from "../board/grid";
import type { ItemStats } from "../stats/schema";
import { shapeWords } from "../stats/shape-words";
import { num, svgElement as el, type SvgElement, type SvgNode } from "./svg-node";

/** An item as the overview reads it, from the live board or a snapshot alike. */
export interface OverviewEntry {
  id: string;
  text: string;
  placements: ReadonlyArray<{ participant: string; col: number; row: number }>;
  stats: ItemStats | null;
}

/** One cell's side in the tile's own units. */
export const TILE_CELL = 80;
/** Room around the grid for the half of a dot or a marker that lies past its edge. */
const PAD = 14;

/** The colour of each shape's words under a tile, on screen and in the picture alike. */
export const SHAPE_INK = { split: "#b45309", diffuse: "#475569", agreed: "#047857" } as const;

const INK = "#0f172a";
const RING = "#4f46e5";

/** The tile's drawing area, in its own units: the grid with a margin. */
export function tileBox(size: GridSize): { x: number; y: number; width: number; height: number } {
  return { x: -PAD, y: -PAD, width: size.columns * TILE_CELL + 2 * PAD, height: size.rows * TILE_CELL + 2 * PAD };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** What a small grid shows, in words: for its accessible name and the exported file's description. */
export function overviewSummary(entry: OverviewEntry, hidden = false): string {
  const s = entry.stats;
  const what = hidden ? "placements hidden until the reveal" : !s ? "not placed yet" : `${plural(s.n, "placement")}, ${shapeWords(s) ?? ""}, spread ${s.spread.toFixed(2)} cells`;
  return `${entry.text}: ${what}`;
}

const diamond = (half: number) => `M0 ${-half}L${half} 0L0 ${half}L${-half} 0Z`;

/** Dots shrink as they crowd, so a full room's placements still read as a cloud, not a blot. */
const dotRadius = (n: number) => (n <= 15 ? 7 : n <= 40 ? 5.5 : 4);

/**
 * The small grid of one item, in tile units with the grid's top-left at (0, 0) (see tileBox).
 * `hidden`: a blind round's tile, the grid alone in the blind round's tint.
 */
export function overviewTile(entry: OverviewEntry, size: GridSize, colorOf: (participant: string) => string, hidden = false): SvgElement {
  const width = size.columns * TILE_CELL;
  const height = size.rows * TILE_CELL;
  const x = (col: number) => col * TILE_CELL;
  const y = (row: number) => row * TILE_CELL;
  const parts: SvgNode[] = [el("rect", { class: "tile-grid", x: 0, y: 0, width, height, fill: hidden ? "#f5f3ff" : "#ffffff", stroke: "#94a3b8", "stroke-width": 1.5 })];

  const lines: SvgNode[] = [];
  for (let c = 1; c < size.columns; c++) lines.push(el("line", { x1: x(c), y1: 0, x2: x(c), y2: height }));
  for (let r = 1; r < size.rows; r++) lines.push(el("line", { x1: 0, y1: y(r), x2: width, y2: y(r) }));
  parts.push(el("g", { stroke: "#e2e8f0", "stroke-width": 1.5 }, lines));

  const s = hidden ? null : entry.stats;
  const split = s?.shape === "split" && s.camps ? s.camps : null;
  if (s && !split && s.spread > 0) {
    parts.push(
      el("ellipse", {
        class: "ring",
        cx: x(s.centroid.col),
        cy: y(s.centroid.row),
        rx: s.spread * TILE_CELL,
        ry: s.spread * TILE_CELL,
        fill: RING,
        "fill-opacity": 0.06,
        stroke: RING,
        "stroke-width": 2.5,
        "stroke-dasharray": "7 5",
      }),
    );
  }

  // Dots go over the camp markers, so a split item's placements stay visible; the single centre goes over the dots.
  const dots: SvgNode[] = [];
  if (!hidden && entry.placements.length > 0) {
    const r = dotRadius(entry.placements.length);
    const marks = entry.placements.map((p) =>
      el("circle", { class: "dot", "data-participant": p.participant, cx: x(p.col), cy: y(p.row), r, fill: colorOf(p.participant) }),
    );
    // Over a camp's marker the dots let its size show through.
    dots.push(el("g", { stroke: "#ffffff", "stroke-width": r > 5 ? 2 : 1.25, "fill-opacity": split ? 0.75 : 0.92 }, marks));
  }

  if (split) {
    const [a, b] = split;
    parts.push(
      el("line", { class: "camp-line", x1: x(a.centroid.col), y1: y(a.centroid.row), x2: x(b.centroid.col), y2: y(b.centroid.row), stroke: INK, "stroke-width": 3, "stroke-linecap": "round", "stroke-dasharray": "1 7" }),
      ...split.map((camp) =>
        el("g", { class: "camp", "data-size": camp.size, transform: `translate(${num(x(camp.centroid.col))} ${num(y(camp.centroid.row))})` }, [
          el("circle", { r: 15, fill: "#ffffff", stroke: INK, "stroke-width": 3 }),
          el("text", { y: 6.5, "font-size": 18, "font-weight": 700, "text-anchor": "middle", fill: INK }, [String(camp.size)]),
        ]),
      ),
      ...dots,
    );
  } else if (s) {
    parts.push(
      ...dots,
      el("path", {
        class: "centre",
        transform: `translate(${num(x(s.centroid.col))} ${num(y(s.centroid.row))})`,
        d: diamond(10),
        fill: INK,
        stroke: "#ffffff",
        "stroke-width": 2.5,
      }),
    );
  } else {
    parts.push(...dots);
  }
  return el("g", { class: "overview-tile", "data-item": entry.id, "data-shape": hidden ? "hidden" : (s?.shape ?? "none") }, parts);
}
