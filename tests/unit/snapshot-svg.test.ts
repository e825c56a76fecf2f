import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { colorFor } from "../../lib/board/colors";
import { setMeta } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import type { Grid } from "../../lib/board/schema";
import { computeStats } from "../../lib/stats";
import { buildSnapshot, rankedItems } from "../../lib/snapshot/build";
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotSchema, type Snapshot } from "../../lib/snapshot/schema";
import { snapshotSvg, textWidth, wrapText } from "../../lib/snapshot/svg";
import { BOARD_ID, EXPORTED_AT, T0, sampleBoard, sampleState } from "./sample-board";

/** XML 1.0's Char production, one code point (or lone surrogate) at a time. */
function isXmlChar(c: string): boolean {
  const cp = c.codePointAt(0)!;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Parses strictly: any warning or error from the XML parser fails the test. */
function parse(svg: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(svg, "image/svg+xml");
}

function all(doc: Document | Element, tag: string, cls?: string): Element[] {
  const list = doc.getElementsByTagName(tag);
  const out: Element[] = [];
  for (let i = 0; i < list.length; i++) {
    const el = list.item(i)!;
    if (cls === undefined || el.getAttribute("class") === cls) out.push(el);
  }
  return out;
}

const attr = (el: Element, name: string) => Number(el.getAttribute(name));
/** The lines of a multi-line label, joined as a reader would. */
const words = (el: Element) => all(el, "text").map((t) => t.textContent).join(" ");
const translate = (el: Element) => {
  const m = /^translate\((-?[\d.]+) (-?[\d.]+)\)$/.exec(el.getAttribute("transform") ?? "");
  if (!m) throw new Error(`no translate on ${el.getAttribute("class")}`);
  return { x: Number(m[1]), y: Number(m[2]) };
};

/** The drawn grid's frame, from which every expected position is computed. */
function frame(doc: Document) {
  const [grid] = all(doc, "rect", "grid");
  return { x: attr(grid!, "x"), y: attr(grid!, "y"), width: attr(grid!, "width"), height: attr(grid!, "height") };
}

const axes = (prefix: string, labels: string[]) => labels.map((label, i) => ({ id: `${prefix}${i}`, label }));

interface ItemSpec {
  id: string;
  text: string;
  at: Array<[participant: string, col: number, row: number]>;
}

/** A snapshot made by hand, its statistics computed as the exporter does, and checked by the schema. */
function handMade(grid: Grid, participants: Snapshot["participants"], items: ItemSpec[], title = "Hand-made board"): Snapshot {
  const size = { rows: grid.rows.length, columns: grid.columns.length };
  return SnapshotSchema.parse({
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    exportedAt: "2026-02-12T18:45:30.000Z",
    board: { id: "hand-made", title, grid },
    participants,
    items: items.map((item, i) => {
      const placements = item.at.map(([participant, col, row], j) => ({ participant, col, row, at: T0 + i * 100 + j }));
      return { id: item.id, text: item.text, note: null, createdBy: "p-a", createdAt: T0 + i, placements, stats: computeStats(placements, size) };
    }),
  });
}

const GRID_3: Grid = { rows: axes("r", ["Top", "Middle", "Bottom"]), columns: axes("c", ["Left", "Centre", "Right"]) };
const PEOPLE: Snapshot["participants"] = [
  { id: "p-a", name: "Ann", color: "#2563eb" },
  { id: "p-b", name: "Bob", color: "#db2777" },
  { id: "p-c", name: "Cy" }, // no colour of their own: the stable fallback
];
const ITEMS_3: ItemSpec[] = [
  { id: "agreed", text: "Everyone agrees", at: [["p-a", 0.5, 0.5], ["p-b", 0.5, 0.5]] },
  { id: "split", text: "Split down the middle", at: [["p-a", 0.5, 0.5], ["p-b", 2.5, 2.5], ["p-c", 2.5, 0.5]] },
  { id: "near", text: "Nearly agreed", at: [["p-a", 1.25, 1.5], ["p-c", 1.75, 1.5]] },
  { id: "unplaced", text: "Nobody placed this", at: [] },
];
const snap3 = () => handMade(GRID_3, PEOPLE, ITEMS_3);

describe("snapshotSvg document", () => {
  it("is a standalone, well-formed SVG with size, viewBox, white background and accessible name", () => {
    const svg = snapshotSvg(snap3(), { snapshotName: "Round 1" });
    expect(svg.startsWith("<?xml")).toBe(true);
    const doc = parse(svg);
    const root = doc.documentElement!;
    expect(root.tagName).toBe("svg");
    expect(root.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    const width = attr(root, "width");
    const height = attr(root, "height");
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    expect(root.getAttribute("viewBox")).toBe(`0 0 ${width} ${height}`);
    expect(root.getAttribute("font-family")).toMatch(/sans-serif$/);
    expect(root.getAttribute("role")).toBe("img");
    const [titleId, descId] = root.getAttribute("aria-labelledby")!.split(" ");
    expect(doc.getElementById(titleId!)?.tagName).toBe("title");
    expect(doc.getElementById(descId!)?.tagName).toBe("desc");
    expect(doc.getElementById(titleId!)?.textContent).toBe("Hand-made board — Round 1");
    expect(doc.getElementById(descId!)?.textContent).toContain("3 rows");

    const background = all(doc, "rect")[0]!;
    expect(background.getAttribute("fill")).toBe("#ffffff");
    expect(background.getAttribute("width")).toBe("100%");

    const texts = all(doc, "text").map((t) => t.textContent);
    expect(texts).toContain("Hand-made board");
    expect(texts.find((t) => t?.startsWith("Snapshot: Round 1"))).toBe("Snapshot: Round 1 · 12 February 2026, 18:45 UTC · 3 participants · 4 items");
  });

  it("rounds every coordinate to at most two decimals", () => {
    const svg = snapshotSvg(snap3());
    expect(svg).not.toMatch(/="[^"]*\d\.\d{3,}/);
  });

  it("is deterministic", () => {
    const snapshot = snap3();
    const first = snapshotSvg(snapshot, { snapshotName: "Round 1" });
    expect(snapshotSvg(structuredClone(snapshot), { snapshotName: "Round 1" })).toBe(first);
    const sample = buildSnapshot(BOARD_ID, sampleState(), EXPORTED_AT);
    expect(snapshotSvg(sample)).toBe(snapshotSvg(buildSnapshot(BOARD_ID, sampleState(), EXPORTED_AT)));
  });
});

describe("snapshotSvg on a hand-made 3×3 board", () => {
  const snapshot = snap3();
  const doc = parse(snapshotSvg(snapshot));
  const grid = frame(doc);
  const cellW = grid.width / 3;
  const cellH = grid.height / 3;
  const at = (col: number, row: number) => ({ x: grid.x + col * cellW, y: grid.y + row * cellH });

  it("draws 9 cells and labels every row and column", () => {
    expect(all(doc, "rect", "cell")).toHaveLength(9);
    expect(all(doc, "g", "column-label").map(words)).toEqual(["Left", "Centre", "Right"]);
    expect(all(doc, "g", "row-label").map(words)).toEqual(["Top", "Middle", "Bottom"]);
  });

  it("draws one dot per placement, where it was placed, in its participant's colour", () => {
    const dots = all(doc, "circle", "dot");
    const placements = snapshot.items.flatMap((item) => item.placements.map((p) => ({ item: item.id, ...p })));
    expect(dots).toHaveLength(placements.length);
    for (const p of placements) {
      const dot = dots.find((d) => d.getAttribute("data-item") === p.item && d.getAttribute("data-participant") === p.participant);
      expect(dot, `${p.item}:${p.participant}`).toBeDefined();
      expect(attr(dot!, "cx")).toBeCloseTo(at(p.col, p.row).x, 2);
      expect(attr(dot!, "cy")).toBeCloseTo(at(p.col, p.row).y, 2);
      const person = PEOPLE.find((x) => x.id === p.participant)!;
      expect(dot!.getAttribute("fill")).toBe(person.color ?? colorFor(person.id));
    }
  });

  it("marks each placed item's centroid once, with its rank", () => {
    const markers = all(doc, "g", "centroid");
    const placed = rankedItems(snapshot).filter((i) => i.stats);
    expect(markers.map((m) => m.getAttribute("data-item")).sort()).toEqual(placed.map((i) => i.id).sort());
    for (const item of placed) {
      const marker = markers.find((m) => m.getAttribute("data-item") === item.id)!;
      const pos = translate(marker);
      expect(pos.x).toBeCloseTo(at(item.stats!.centroid.col, item.stats!.centroid.row).x, 2);
      expect(pos.y).toBeCloseTo(at(item.stats!.centroid.col, item.stats!.centroid.row).y, 2);
      const rank = String(rankedItems(snapshot).indexOf(item) + 1);
      expect(marker.getAttribute("data-rank")).toBe(rank);
      expect(all(marker, "text")[0]!.textContent).toBe(rank);
    }
    // "split" centre: mean of (0.5,0.5), (2.5,2.5), (2.5,0.5)
    expect(translate(markers.find((m) => m.getAttribute("data-item") === "split")!)).toEqual({
      x: Math.round(at(5.5 / 3, 3.5 / 3).x * 100) / 100,
      y: Math.round(at(5.5 / 3, 3.5 / 3).y * 100) / 100,
    });
  });

  it("rings each contested item with radius spread × cell size, and none where all agree", () => {
    const rings = all(doc, "ellipse", "ring");
    expect(rings.map((r) => r.getAttribute("data-item")).sort()).toEqual(["near", "split"]);
    for (const ring of rings) {
      const stats = snapshot.items.find((i) => i.id === ring.getAttribute("data-item"))!.stats!;
      expect(attr(ring, "cx")).toBeCloseTo(at(stats.centroid.col, stats.centroid.row).x, 2);
      expect(attr(ring, "cy")).toBeCloseTo(at(stats.centroid.col, stats.centroid.row).y, 2);
      expect(attr(ring, "rx")).toBeCloseTo(stats.spread * cellW, 2);
      expect(attr(ring, "ry")).toBeCloseTo(stats.spread * cellH, 2);
    }
    const near = rings.find((r) => r.getAttribute("data-item") === "near")!;
    expect(attr(near, "rx")).toBeCloseTo(0.25 * cellW, 2);
  });

  it("lists items in the legend in rank order, with their numbers, and unplaced ones as not placed", () => {
    const rows = all(doc, "g", "legend-row");
    expect(rows.map((r) => r.getAttribute("data-item"))).toEqual(rankedItems(snapshot).map((i) => i.id));
    expect(rows.map((r) => r.getAttribute("data-rank"))).toEqual(["1", "2", "3", "4"]);
    const cells = (id: string) => all(rows.find((r) => r.getAttribute("data-item") === id)!, "text").map((t) => t.textContent);
    const split = snapshot.items.find((i) => i.id === "split")!.stats!;
    // Three people in three cells: no cell is common to them.
    expect(cells("split")).toEqual(["1", "Split down the middle", "3", split.spread.toFixed(2), "no common cell"]);
    expect(cells("agreed")).toEqual(["3", "Everyone agrees", "2", "0.00", "Top / Left (100 %)"]);
    expect(cells("unplaced")).toEqual(["4", "Nobody placed this", "0", "—", "not placed"]);
  });
});

describe("snapshotSvg on other grids", () => {
  it.each([
    [2, 2],
    [5, 5],
    [2, 5],
  ])("draws a %i×%i grid with its dots in place", (rowCount, colCount) => {
    const grid: Grid = {
      rows: axes("r", Array.from({ length: rowCount }, (_, i) => `Row ${i + 1}`)),
      columns: axes("c", Array.from({ length: colCount }, (_, i) => `Column ${i + 1}`)),
    };
    const last = { col: colCount - 0.5, row: rowCount - 0.5 };
    const snapshot = handMade(grid, PEOPLE, [
      { id: "corners", text: "Corners", at: [["p-a", 0.5, 0.5], ["p-b", last.col, last.row]] },
      { id: "edge", text: "Edge", at: [["p-c", colCount - 0.01, 0]] },
    ]);
    const doc = parse(snapshotSvg(snapshot));
    const g = frame(doc);
    expect(all(doc, "rect", "cell")).toHaveLength(rowCount * colCount);
    expect(all(doc, "g", "column-label")).toHaveLength(colCount);
    expect(all(doc, "g", "row-label")).toHaveLength(rowCount);
    const dot = (item: string, participant: string) =>
      all(doc, "circle", "dot").find((d) => d.getAttribute("data-item") === item && d.getAttribute("data-participant") === participant)!;
    const b = dot("corners", "p-b");
    expect(attr(b, "cx")).toBeCloseTo(g.x + (last.col / colCount) * g.width, 2);
    expect(attr(b, "cy")).toBeCloseTo(g.y + (last.row / rowCount) * g.height, 2);
    const edge = dot("edge", "p-c");
    expect(attr(edge, "cx")).toBeLessThan(g.x + g.width);
    expect(attr(edge, "cy")).toBeCloseTo(g.y, 2);
    const ring = all(doc, "ellipse", "ring")[0]!;
    const spread = snapshot.items[0]!.stats!.spread;
    expect(attr(ring, "rx")).toBeCloseTo((spread * g.width) / colCount, 2);
    expect(attr(ring, "ry")).toBeCloseTo((spread * g.height) / rowCount, 2);
  });

  it("draws an empty board: the grid, no marks, and a note instead of the legend", () => {
    const snapshot = handMade(GRID_3, [], [], "Empty");
    const doc = parse(snapshotSvg(snapshot));
    expect(all(doc, "rect", "cell")).toHaveLength(9);
    expect(all(doc, "circle", "dot")).toHaveLength(0);
    expect(all(doc, "g", "centroid")).toHaveLength(0);
    expect(all(doc, "g", "legend-row")).toHaveLength(0);
    expect(all(doc, "text").map((t) => t.textContent)).toContain("No items on this board.");
  });

  it("stays readable with 30 items × 40 participants, growing taller rather than overflowing", () => {
    const people = Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, name: `Participant number ${i + 1}` }));
    const items: ItemSpec[] = Array.from({ length: 30 }, (_, i) => ({
      id: `item-${i}`,
      text: `Item ${i + 1}: ${"MOMENTUM WORLDWIDE ".repeat(11)}`.slice(0, 200).trim(),
      at: people.map((p, j) => [p.id, ((i * 7 + j * 13) % 29) / 10, ((i * 11 + j * 5) % 29) / 10] as [string, number, number]),
    }));
    const svg = snapshotSvg(handMade(GRID_3, people, items));
    const doc = parse(svg);
    expect(all(doc, "circle", "dot")).toHaveLength(1200);
    expect(all(doc, "g", "legend-row")).toHaveLength(30);
    const few = parse(snapshotSvg(snap3()));
    expect(attr(doc.documentElement!, "height")).toBeGreaterThan(attr(few.documentElement!, "height"));
    expect(Number(all(doc, "circle", "dot")[0]!.getAttribute("r"))).toBeLessThan(Number(all(few, "circle", "dot")[0]!.getAttribute("r")));
    // Long legend text wraps onto at most three lines and then ends in an ellipsis.
    const row = all(doc, "g", "legend-row")[0]!;
    const itemLines = all(row, "text").filter((t) => t.getAttribute("x") === all(row, "text")[1]!.getAttribute("x"));
    expect(itemLines.length).toBe(3);
    expect(itemLines[2]!.textContent!.endsWith("…")).toBe(true);
    expect(svg.length).toBeLessThan(400_000);
  });
});

describe("snapshotSvg with hostile text", () => {
  const hostile = `<script>alert("x")</script> & 'quotes' "double" \u0000\u0001\u0008\u000B\u000C\u001F\uFFFE\uFFFF lone \uD800 high \uDC00 low 🎯 done`;

  it("escapes markup, drops characters XML forbids and keeps emoji, and the document still parses", () => {
    const grid: Grid = { rows: axes("r", ["<b>bold</b>", "A & B"]), columns: axes("c", [`"quoted"`, "it's"]) };
    const snapshot = handMade(grid, [{ id: "p-x", name: `<img src=x onerror=alert(1)> 🎯` }], [{ id: "evil", text: hostile, at: [["p-x", 0.5, 0.5]] }], hostile);
    const svg = snapshotSvg(snapshot, { snapshotName: `</svg><script>1</script>` });
    expect(svg).not.toMatch(/<script|<img|<b>|<\/svg>[\s\S]*<\/svg>/);
    expect([...svg].filter((c) => !isXmlChar(c)).map((c) => c.codePointAt(0)!.toString(16))).toEqual([]);
    const doc = parse(svg);
    expect(all(doc, "script")).toHaveLength(0);
    expect(all(doc, "img")).toHaveLength(0);
    const texts = all(doc, "text").map((t) => t.textContent ?? "");
    const title = texts.find((t) => t.startsWith("<script>"));
    expect(title).toContain(`<script>alert("x")</script> & 'quotes' "double"`);
    expect(all(doc, "g", "row-label").map(words)).toEqual(["<b>bold</b>", "A & B"]);
    expect(all(doc, "g", "column-label").map(words)).toEqual([`"quoted"`, "it's"]);
    expect(texts.some((t) => t.includes("🎯"))).toBe(true);
    expect(doc.getElementsByTagName("title").item(0)!.textContent).toContain("</svg><script>1</script>");
  });

  it("never splits an emoji when it breaks or truncates a line", () => {
    const lines = wrapText("🎯".repeat(80), 100, 12, 2);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect([...line].every(isXmlChar)).toBe(true);
      expect(textWidth(line, 12)).toBeLessThanOrEqual(100);
    }
    expect(lines[1]!.endsWith("…")).toBe(true);
  });
});

describe("snapshotSvg of an anonymous board", () => {
  it("shows pseudonyms, never the names behind them", () => {
    const doc = sampleBoard();
    setMeta(doc, "anonymous", true);
    const snapshot = buildSnapshot(BOARD_ID, readBoard(doc), EXPORTED_AT);
    const svg = snapshotSvg(snapshot);
    parse(svg);
    for (const name of ["Ada Lovelace", "Ben", "Chen Wei"]) expect(svg).not.toContain(name);
    for (const name of ["Participant 1", "Participant 2", "Participant 3"]) expect(svg).toContain(name);
  });
});
