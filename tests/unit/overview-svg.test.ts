import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import type { Grid } from "../../lib/board/schema";
import { computeStats, rankByContest, rankSplitFirst } from "../../lib/stats";
import { overviewSvg } from "../../lib/snapshot/overview-svg";
import { ORDERS } from "../../lib/stats/list-order";
import { overviewSummary, overviewTile, TILE_CELL } from "../../lib/snapshot/overview-tile";
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotSchema, type Snapshot } from "../../lib/snapshot/schema";
import { svgMarkup } from "../../lib/snapshot/svg-node";
import { BOARD_ID, EXPORTED_AT, sampleState, TRICKY_TEXT } from "./sample-board";
import { buildSnapshot } from "../../lib/snapshot/build";

/** Parses strictly: any warning or error from the XML parser fails the test. */
function parse(svg: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(svg, "image/svg+xml");
}

function byClass(doc: Document | Element, tag: string, cls: string): Element[] {
  const list = doc.getElementsByTagName(tag);
  const out: Element[] = [];
  for (let i = 0; i < list.length; i++) if (list.item(i)!.getAttribute("class") === cls) out.push(list.item(i)!);
  return out;
}

const translate = (el: Element) => {
  const m = /^translate\((-?[\d.]+) (-?[\d.]+)\)/.exec(el.getAttribute("transform") ?? "");
  if (!m) throw new Error(`no translate on ${el.getAttribute("class")}`);
  return { x: Number(m[1]), y: Number(m[2]) };
};

const axes = (prefix: string, labels: string[]) => labels.map((label, i) => ({ id: `${prefix}${i}`, label }));
const GRID: Grid = { rows: axes("r", ["Top", "Middle", "Bottom"]), columns: axes("c", ["Left", "Centre", "Right"]) };
const PEOPLE = ["a", "b", "c", "d", "e", "f"].map((id, i) => ({ id: `p-${id}`, name: `Person ${id}`, color: `#${String(i + 1).repeat(6)}` }));

type Spec = { id: string; text: string; at: Array<[number, number]> };
/** Two tight camps of four and two, far apart: shape "split". */
const SPLIT: Spec = { id: "split", text: "Two camps", at: [[0.3, 0.3], [0.4, 0.3], [0.3, 0.4], [0.4, 0.4], [2.6, 2.6], [2.7, 2.7]] };
/** Everyone in one spot, a little apart: shape "agreed". */
const AGREED: Spec = { id: "agreed", text: "Everyone agrees", at: [[1.5, 1.5], [1.6, 1.5], [1.5, 1.6], [1.6, 1.6]] };
/** The nine cell centres' spirit: spread out, no two camps: shape "diffuse". */
const DIFFUSE: Spec = { id: "diffuse", text: `Scattered ${TRICKY_TEXT.markup}`, at: [[0.5, 0.5], [2.5, 0.5], [1.5, 1.5], [0.5, 2.5], [2.5, 2.5], [1.5, 0.2]] };
const UNPLACED: Spec = { id: "unplaced", text: "Nobody placed this", at: [] };

function snapshotOf(specs: Spec[]): Snapshot {
  const size = { rows: 3, columns: 3 };
  return SnapshotSchema.parse({
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    exportedAt: "2026-02-12T18:45:30.000Z",
    board: { id: "hand-made", title: "Overview <test> & co", grid: GRID },
    participants: PEOPLE,
    items: specs.map((spec, i) => {
      const placements = spec.at.map(([col, row], j) => ({ participant: PEOPLE[j]!.id, col, row, at: 1_000 + i * 10 + j }));
      return { id: spec.id, text: spec.text, note: null, createdBy: "p-a", createdAt: i, placements, stats: computeStats(placements, size) };
    }),
  });
}

const tiles = (doc: Document) => byClass(doc, "g", "overview-tile");

describe("overview SVG", () => {
  const snapshot = snapshotOf([UNPLACED, AGREED, SPLIT, DIFFUSE]);

  it("has the shapes the fixtures are meant to have", () => {
    expect(snapshot.items.map((i) => i.stats?.shape ?? null)).toEqual([null, "agreed", "split", "diffuse"]);
  });

  it("draws one small grid per item, most contested first, each an image named by its summary", () => {
    const doc = parse(overviewSvg(snapshot));
    const drawn = tiles(doc);
    expect(drawn.map((t) => t.getAttribute("data-item"))).toEqual(rankByContest(snapshot.items).map((i) => i.id));
    expect(drawn.map((t) => t.getAttribute("data-item"))).not.toEqual(snapshot.items.map((i) => i.id));
    for (const tile of drawn) {
      expect(tile.getAttribute("role")).toBe("img");
      const item = snapshot.items.find((i) => i.id === tile.getAttribute("data-item"))!;
      expect(tile.getAttribute("aria-label")).toBe(overviewSummary(item));
      expect(byClass(tile, "circle", "dot")).toHaveLength(item.placements.length);
    }
    expect(drawn.find((t) => t.getAttribute("data-item") === "split")!.getAttribute("aria-label")).toBe("Two camps: 6 placements, two camps (4 vs 2), spread 1.53 cells");
    expect(drawn.find((t) => t.getAttribute("data-item") === "unplaced")!.getAttribute("aria-label")).toBe("Nobody placed this: not placed yet");
  });

  it("follows the order it is given: split first", () => {
    const doc = parse(overviewSvg(snapshot, { order: "split" }));
    const order = tiles(doc).map((t) => t.getAttribute("data-item"));
    expect(order).toEqual(rankSplitFirst(snapshot.items).map((i) => i.id));
    expect(order[0]).toBe("split");
    expect(byClass(doc, "g", "tile-label").map((g) => g.getElementsByTagName("text").item(0)!.textContent)[0]).toBe("1. Two camps");
    // It says so in the words the board's overview uses for that order.
    expect(doc.getElementsByTagName("desc").item(0)!.textContent).toContain(`, ${ORDERS.split.reading}. `);
    expect(parse(overviewSvg(snapshot)).getElementsByTagName("desc").item(0)!.textContent).toContain(`, ${ORDERS.contested.reading}. `);
  });

  it("gives a split item both camps' centres, labelled by size, joined by a line, and no group centre or ring", () => {
    const split = tiles(parse(overviewSvg(snapshot))).find((t) => t.getAttribute("data-item") === "split")!;
    const camps = byClass(split, "g", "camp");
    expect(camps.map((c) => c.getAttribute("data-size"))).toEqual(["4", "2"]);
    expect(camps.map((c) => c.getElementsByTagName("text").item(0)!.textContent)).toEqual(["4", "2"]);
    const [big, small] = snapshot.items.find((i) => i.id === "split")!.stats!.camps!;
    expect(translate(camps[0]!)).toEqual({ x: big.centroid.col * TILE_CELL, y: big.centroid.row * TILE_CELL });
    expect(translate(camps[1]!)).toEqual({ x: Math.round(small.centroid.col * TILE_CELL * 100) / 100, y: Math.round(small.centroid.row * TILE_CELL * 100) / 100 });
    const [line] = byClass(split, "line", "camp-line");
    expect(Number(line!.getAttribute("x1"))).toBe(big.centroid.col * TILE_CELL);
    expect(Number(line!.getAttribute("x2"))).toBeCloseTo(small.centroid.col * TILE_CELL, 1);
    expect(byClass(split, "path", "centre")).toHaveLength(0);
    expect(byClass(split, "ellipse", "ring")).toHaveLength(0);
  });

  it("draws a split item's dots over its camp markers, so no placement hides behind a camp", () => {
    const split = tiles(parse(overviewSvg(snapshot))).find((t) => t.getAttribute("data-item") === "split")!;
    // Document order is paint order in SVG: every dot must come after the last camp marker.
    const painted: string[] = [];
    const walk = (el: Element) => {
      const cls = el.getAttribute("class");
      if (cls === "dot" || cls === "camp" || cls === "camp-line") painted.push(cls);
      for (let i = 0; i < el.childNodes.length; i++) if (el.childNodes.item(i)!.nodeType === 1) walk(el.childNodes.item(i) as Element);
    };
    walk(split);
    expect(painted.filter((c) => c === "dot")).toHaveLength(SPLIT.at.length);
    expect(painted.lastIndexOf("camp")).toBeGreaterThan(-1);
    expect(painted.indexOf("dot")).toBeGreaterThan(painted.lastIndexOf("camp"));
    expect(painted.indexOf("dot")).toBeGreaterThan(painted.indexOf("camp-line"));
  });

  it("draws the group centre of other items over their dots", () => {
    const tile = tiles(parse(overviewSvg(snapshot))).find((t) => t.getAttribute("data-item") === "agreed")!;
    const order = Array.from({ length: tile.childNodes.length }, (_, i) => tile.childNodes.item(i) as Element)
      .filter((n) => n.nodeType === 1)
      .map((n) => n.getAttribute("class") ?? (n.getElementsByTagName("circle").item(0)?.getAttribute("class") === "dot" ? "dots" : ""));
    expect(order.indexOf("centre")).toBeGreaterThan(order.indexOf("dots"));
    expect(order.indexOf("dots")).toBeGreaterThan(-1);
  });

  it("gives other placed items a centre and a ring of the spread's radius, and no camps", () => {
    const doc = parse(overviewSvg(snapshot));
    for (const id of ["agreed", "diffuse"]) {
      const tile = tiles(doc).find((t) => t.getAttribute("data-item") === id)!;
      const stats = snapshot.items.find((i) => i.id === id)!.stats!;
      expect(byClass(tile, "path", "centre")).toHaveLength(1);
      expect(translate(byClass(tile, "path", "centre")[0]!).x).toBeCloseTo(stats.centroid.col * TILE_CELL, 1);
      expect(Number(byClass(tile, "ellipse", "ring")[0]!.getAttribute("rx"))).toBeCloseTo(stats.spread * TILE_CELL, 1);
      expect(byClass(tile, "g", "camp")).toHaveLength(0);
      expect(byClass(tile, "line", "camp-line")).toHaveLength(0);
    }
    const unplaced = tiles(doc).find((t) => t.getAttribute("data-item") === "unplaced")!;
    expect(byClass(unplaced, "path", "centre")).toHaveLength(0);
  });

  it("escapes every text: titles, item texts and the summaries", () => {
    const svg = overviewSvg(snapshot, { snapshotName: `"Round" <1>` });
    expect(svg).not.toContain("<img");
    expect(svg).not.toContain("<test>");
    const doc = parse(svg);
    const labels = byClass(doc, "g", "tile-label").map((g) => g.getElementsByTagName("text").item(0)!.textContent ?? "");
    expect(labels.some((l) => l.includes("<img src=x"))).toBe(true);
    expect(doc.getElementsByTagName("title").item(0)!.textContent).toBe(`Overview <test> & co — overview — "Round" <1>`);
    const diffuse = tiles(doc).find((t) => t.getAttribute("data-item") === "diffuse")!;
    expect(diffuse.getAttribute("aria-label")).toContain("<img src=x onerror=alert(1)>");
  });

  it("words each item's shape under its grid", () => {
    const doc = parse(overviewSvg(snapshot));
    const words = byClass(doc, "g", "tile-label").map((g) => {
      const texts = g.getElementsByTagName("text");
      return Array.from({ length: texts.length }, (_, i) => texts.item(i)!.textContent);
    });
    expect(words.flat()).toEqual(expect.arrayContaining(["two camps (4 vs 2)", "scattered", "agreed", "not placed yet"]));
  });

  it("is deterministic and draws a real board", () => {
    const sample = buildSnapshot(BOARD_ID, sampleState(), EXPORTED_AT);
    const svg = overviewSvg(sample);
    expect(svg).toBe(overviewSvg(buildSnapshot(BOARD_ID, sampleState(), EXPORTED_AT)));
    expect(tiles(parse(svg))).toHaveLength(sample.items.length);
    expect(svg).not.toMatch(/="[^"]*\d\.\d{3,}(?![\d.]*\))/);
  });

  it("says so when the board has no items", () => {
    const doc = parse(overviewSvg(snapshotOf([])));
    expect(tiles(doc)).toHaveLength(0);
    const texts = doc.getElementsByTagName("text");
    expect(Array.from({ length: texts.length }, (_, i) => texts.item(i)!.textContent)).toContain("No items on this board.");
  });
});

describe("a tile during a blind round", () => {
  it("shows the grid alone: no dots, no centre, no camps", () => {
    const snapshot = snapshotOf([SPLIT]);
    const item = snapshot.items[0]!;
    const tile = parse(svgMarkup(overviewTile(item, { rows: 3, columns: 3 }, () => "#000000", true))).documentElement!;
    expect(tile.getAttribute("data-shape")).toBe("hidden");
    expect(tile.getElementsByTagName("circle")).toHaveLength(0);
    expect(tile.getElementsByTagName("path")).toHaveLength(0);
    expect(overviewSummary(item, true)).toBe("Two camps: placements hidden until the reveal");
  });
});
