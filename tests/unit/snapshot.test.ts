import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addItem, createBoard, joinParticipant, placeItem, setMeta } from "../../lib/board/commands";
import { readBoard, type BoardState } from "../../lib/board/doc";
import type { Grid } from "../../lib/board/schema";
import { buildSnapshot, rankedItems } from "../../lib/snapshot/build";
import { formatPath, parseSnapshot } from "../../lib/snapshot/parse";
import { snapshotToDoc } from "../../lib/snapshot/restore";
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot } from "../../lib/snapshot/schema";
import { computeStats } from "../../lib/stats";
import { BOARD_ID, EXPORTED_AT, T0, sampleBoard, sampleState } from "./sample-board";

/** What a file on disk and back gives: plain JSON, no shared references. */
const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const built = () => buildSnapshot(BOARD_ID, sampleState(), EXPORTED_AT);

/** A mutable copy of the sample snapshot for breaking one field at a time. */
const draft = () => viaJson(built()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const byKey = <T extends { item: string; participant: string }>(ps: readonly T[]) =>
  [...ps].sort((a, b) => (`${a.item}:${a.participant}` < `${b.item}:${b.participant}` ? -1 : 1));

/** The parts of a board a snapshot promises to carry. */
const content = (s: BoardState) => ({
  title: s.meta.title,
  grid: s.meta.grid,
  template: s.meta.template,
  reference: s.meta.reference,
  items: s.items,
  placements: byKey(s.placements),
  participants: s.participants,
});

describe("buildSnapshot", () => {
  it("stamps format, version, board and export time", () => {
    const snap = built();
    expect(snap.format).toBe(SNAPSHOT_FORMAT);
    expect(snap.format).toBe("cruxboard-snapshot");
    expect(snap.version).toBe(SNAPSHOT_VERSION);
    expect(snap.version).toBe(1);
    expect(snap.exportedAt).toBe("2026-02-12T18:45:00.000Z");
    expect(snap.board.id).toBe(BOARD_ID);
    expect(snap.board.title).toBe("Alignment reading group — week 3");
    expect(snap.board.grid.rows.map((r) => r.label)).toEqual(["Engineering", "Behaviorist science", "Cognitivist science"]);
    expect(snap.participants.map((p) => [p.id, p.name])).toEqual([
      ["p-ada", "Ada Lovelace"],
      ["p-ben", "Ben"],
      ["p-chen", "Chen Wei"],
    ]);
  });

  it("keeps creation order and fills each item's placements and stats", () => {
    const snap = built();
    expect(snap.items.map((i) => i.id)).toEqual(["scaling", "rlhf", "ai-control", "debate", "csv-trap", "formula", "markup"]);
    const rlhf = snap.items[1]!;
    // oldest placement first
    expect(rlhf.placements.map((p) => p.participant)).toEqual(["p-ada", "p-chen", "p-ben"]);
    expect(rlhf.placements[0]).toEqual({ participant: "p-ada", col: 1.5, row: 0.5, at: T0 + 400_000 });
    // three placements, one per cell, centred on (1.5, 1.5): spread = sqrt(2/3 + 2/3)
    expect(rlhf.stats!.n).toBe(3);
    expect(rlhf.stats!.spread).toBeCloseTo(Math.sqrt(4 / 3), 12);
    expect(rlhf.stats!.modalCell).toEqual({ row: 0, col: 1 });
    const debate = snap.items[3]!;
    expect(debate.placements).toEqual([]);
    expect(debate.stats).toBeNull();
    expect(debate.note).toBeNull();
    expect(snap.items[0]!.note).toMatch(/bigger/);
  });

  it("ranks items most contested first, unplaced last", () => {
    expect(rankedItems(built()).map((i) => i.id)).toEqual(["rlhf", "scaling", "ai-control", "csv-trap", "formula", "markup", "debate"]);
  });

  it("lists a placer who never joined so the file stays self-consistent", () => {
    const state = sampleState();
    const doc = new Y.Doc();
    createBoard(doc, { title: "T", template: "alignment", createdAt: T0 });
    placeItem(doc, { item: "rlhf", participant: "ghost-participant-id", col: 1, row: 1, at: T0 }, state.meta.grid);
    const snap = buildSnapshot("b", readBoard(doc), EXPORTED_AT);
    expect(snap.participants).toHaveLength(1);
    expect(snap.participants[0]).toMatchObject({ id: "ghost-participant-id", name: "Unnamed ghost-" });
    expect(parseSnapshot(viaJson(snap)).ok).toBe(true);
  });
});

describe("parseSnapshot", () => {
  it("reads back what buildSnapshot wrote, through JSON", () => {
    const snap = built();
    const result = parseSnapshot(viaJson(snap));
    expect(result).toEqual({ ok: true, snapshot: viaJson(snap) });
  });

  it("keeps fields added by later minor revisions out of the way", () => {
    const d = draft();
    d.board.extra = "from a newer exporter";
    expect(parseSnapshot(d).ok).toBe(true);
  });

  type Mutation = (d: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
  const cases: Array<[string, Mutation, string]> = [
    ["a wrong format string", (d) => (d.format = "excalidraw"), "format"],
    ["a missing format", (d) => delete d.format, "format"],
    ["a newer version", (d) => (d.version = 2), "version"],
    ["a version that is not an integer", (d) => (d.version = "1"), "version"],
    ["a missing board title", (d) => delete d.board.title, "board.title"],
    ["a blank board title", (d) => (d.board.title = "   "), "board.title"],
    ["a bad export time", (d) => (d.exportedAt = "yesterday"), "exportedAt"],
    ["a grid with one row", (d) => d.board.grid.rows.splice(1), "board.grid.rows"],
    ["a placement right of the grid", (d) => (d.items[0].placements[1].col = 3), "items[0].placements[1].col"],
    ["a placement below the grid", (d) => (d.items[1].placements[2].row = 3.5), "items[1].placements[2].row"],
    ["a negative placement", (d) => (d.items[0].placements[1].col = -0.5), "items[0].placements[1].col"],
    ["a placement by an unlisted participant", (d) => (d.items[0].placements[1].participant = "p-zed"), "items[0].placements[1].participant"],
    ["one participant placing an item twice", (d) => (d.items[0].placements[1].participant = "p-ada"), "items[0].placements[1].participant"],
    ["a duplicate item id", (d) => (d.items[2].id = "scaling"), "items[2].id"],
    ["a duplicate participant id", (d) => (d.participants[2].id = "p-ada"), "participants[2].id"],
    ["an item without text", (d) => delete d.items[3].text, "items[3].text"],
    ["stats with entropy above 1", (d) => (d.items[0].stats.entropy = 1.5), "items[0].stats.entropy"],
  ];

  it.each(cases)("rejects %s and names the path", (_name, mutate, path) => {
    const d = draft();
    mutate(d);
    const result = parseSnapshot(d);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.path).toBe(path);
    expect(result.message.length).toBeGreaterThan(0);
  });

  it.each([
    ["null", null],
    ["an array", [built()]],
    ["a string", JSON.stringify(built())],
    ["a number", 1],
    ["undefined", undefined],
  ])("rejects %s as the whole input", (_name, input) => {
    const result = parseSnapshot(input);
    expect(result).toMatchObject({ ok: false, path: "(root)" });
  });

  it("formats zod paths the way 400 errors show them", () => {
    expect(formatPath(["items", 0, "placements", 1, "col"])).toBe("items[0].placements[1].col");
    expect(formatPath(["board", "title"])).toBe("board.title");
    expect(formatPath([])).toBe("(root)");
  });
});

describe("snapshotToDoc", () => {
  it("restores the same board content", () => {
    const original = sampleState();
    const parsed = parseSnapshot(viaJson(buildSnapshot(BOARD_ID, original, EXPORTED_AT)));
    if (!parsed.ok) throw new Error(`${parsed.path}: ${parsed.message}`);
    const restored = readBoard(snapshotToDoc(parsed.snapshot));
    expect(content(restored)).toEqual(content(original));
    expect(restored.invalid).toEqual({ meta: 0, items: 0, placements: 0, participants: 0 });
  });

  it("starts the live session state over", () => {
    const doc = sampleBoard();
    setMeta(doc, "blind", true);
    setMeta(doc, "locked", true);
    setMeta(doc, "focus", "rlhf");
    setMeta(doc, "timer", { endsAt: T0 + 600_000 });
    const parsed = parseSnapshot(viaJson(buildSnapshot(BOARD_ID, readBoard(doc), EXPORTED_AT)));
    if (!parsed.ok) throw new Error(parsed.path);
    const restored = readBoard(snapshotToDoc(parsed.snapshot));
    expect(restored.meta).toMatchObject({ blind: false, locked: false, focus: null, timer: null });
  });

  it("tags the restore with the given origin in one transaction", () => {
    const parsed = parseSnapshot(viaJson(built()));
    if (!parsed.ok) throw new Error(parsed.path);
    const origins: unknown[] = [];
    // a fresh doc is created inside, so look at its first update through a copy
    const doc = snapshotToDoc(parsed.snapshot, "import-test");
    const copy = new Y.Doc();
    copy.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc), "wire");
    expect(origins).toEqual(["wire"]);
    expect(readBoard(copy).items).toHaveLength(7);
  });

  it("gives a listed participant without colour or join time valid defaults", () => {
    const d = draft();
    d.participants[1] = { id: "p-ben", name: "Ben" };
    const parsed = parseSnapshot(d);
    if (!parsed.ok) throw new Error(parsed.path);
    const restored = readBoard(snapshotToDoc(parsed.snapshot));
    expect(restored.invalid.participants).toBe(0);
    expect(restored.participants.find((p) => p.id === "p-ben")).toMatchObject({ name: "Ben", joinedAt: 0 });
  });
});

describe("export of every board the document accepts", () => {
  const uniformGrid = (rows: number, columns: number): Grid => ({
    rows: Array.from({ length: rows }, (_, i) => ({ id: `r${i}`, label: `Row ${i}` })),
    columns: Array.from({ length: columns }, (_, i) => ({ id: `c${i}`, label: `Column ${i}` })),
  });

  it.each([
    [2, 2],
    [3, 3],
    [3, 4],
    [4, 3],
    [5, 5],
  ])("re-imports its own snapshot when one person sits in each cell of a %i×%i grid", (rows, columns) => {
    const grid = uniformGrid(rows, columns);
    const doc = new Y.Doc();
    createBoard(doc, { title: "Evenly split", template: "blank", grid });
    addItem(doc, { id: "split", text: "Split", createdBy: "p0", createdAt: T0 });
    let k = 0;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++, k++) {
        joinParticipant(doc, { id: `p${k}`, name: `Person ${k}`, color: "#2563eb", joinedAt: T0 + k });
        placeItem(doc, { item: "split", participant: `p${k}`, col: c + 0.5, row: r + 0.5, at: T0 + k }, grid);
      }
    }
    const snap = buildSnapshot("even", readBoard(doc), EXPORTED_AT);
    // maximal disagreement: entropy is exactly the normaliser, so 1 up to rounding
    expect(snap.items[0]!.stats!.entropy).toBeCloseTo(1, 12);
    const parsed = parseSnapshot(viaJson(snap));
    expect(parsed.ok ? "ok" : `${parsed.path}: ${parsed.message}`).toBe("ok");
  });
});

describe("stats in a snapshot", () => {
  it("equal statistics computed afresh from its placements", () => {
    const snap: Snapshot = built();
    const size = { rows: snap.board.grid.rows.length, columns: snap.board.grid.columns.length };
    for (const item of snap.items) expect(item.stats).toEqual(computeStats(item.placements, size));
  });
});
