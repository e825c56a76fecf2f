import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { LOCAL_ORIGIN, addItem, deleteItem, editItem, joinParticipant, placeItem, setMeta, unplaceItem } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
import { DEFAULT_META, readBoard, roots } from "../../lib/board/doc";
import { ROOT_NAMES, placementKey, type Grid, type Item } from "../../lib/board/schema";
import { ALIGNMENT_GRID, DEFAULT_BLANK_GRID } from "../../lib/board/templates";

const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

function alignmentBoard(): Y.Doc {
  const doc = new Y.Doc();
  createBoard(doc, { title: "Reading group, week 3", template: "alignment", createdAt: T0 });
  return doc;
}

const item = (id: string, text = id, createdAt = T0 + 100): Item => ({ id, text, createdBy: "p-ada", createdAt });

/** Every transaction on the doc while fn runs, as its origin. */
function transactionOrigins(doc: Y.Doc, fn: () => void): unknown[] {
  const origins: unknown[] = [];
  const record = (tr: Y.Transaction) => origins.push(tr.origin);
  doc.on("afterTransaction", record);
  try {
    fn();
  } finally {
    doc.off("afterTransaction", record);
  }
  return origins;
}

describe("createBoard", () => {
  it("lays out the alignment template as in DESIGN's table", () => {
    const board = readBoard(alignmentBoard());
    expect(board.meta.title).toBe("Reading group, week 3");
    expect(board.meta.template).toBe("alignment");
    expect(board.meta.format).toBe(1);
    expect(board.meta.round).toBe(1);
    expect(board.meta.blind).toBe(false);
    expect(board.meta.locked).toBe(false);
    expect(board.meta.focus).toBeNull();
    expect(board.meta.timer).toBeNull();
    expect(board.meta.grid.rows.map((r) => r.label)).toEqual(["Engineering", "Behaviorist science", "Cognitivist science"]);
    expect(board.meta.grid.columns.map((c) => c.label)).toEqual(["Average-case", "Pessimistic-case", "Worst-case"]);
    expect(board.invalid).toEqual({ meta: 0, items: 0, placements: 0, participants: 0 });
  });

  it("seeds the nine starter items with the essay's own cells as reference", () => {
    const board = readBoard(alignmentBoard());
    // DESIGN.md's table, row by row
    const table = [
      ["Scaling", "RLHF", "Adversarial robustness"],
      ["Optimization science", "Scalable oversight", "AI control"],
      ["Concept-based interpretability", "Mechanistic interpretability", "Agent foundations"],
    ];
    expect(board.items.map((i) => i.text)).toEqual(table.flat());
    expect(board.items.every((i) => i.createdBy === "template")).toBe(true);
    expect(board.items.every((i) => (i.note ?? "").length > 0)).toBe(true);
    expect(board.items.map((i) => i.createdAt)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((k) => T0 + k));
    const byText = new Map(board.items.map((i) => [i.text, i.id]));
    const expected: Record<string, { row: number; col: number }> = {};
    table.forEach((cells, row) => cells.forEach((text, col) => (expected[byText.get(text)!] = { row, col })));
    expect(Object.keys(expected)).toHaveLength(9);
    expect(board.meta.reference).toEqual(expected);
    expect(board.placements).toEqual([]);
  });

  it("starts a blank board on the default 2×2 grid with no items", () => {
    const doc = new Y.Doc();
    createBoard(doc, { title: "Sprint priorities", template: "blank" });
    const board = readBoard(doc);
    expect(board.meta.template).toBe("blank");
    expect(board.meta.grid).toEqual(DEFAULT_BLANK_GRID);
    expect(board.meta.grid.rows).toHaveLength(2);
    expect(board.meta.grid.columns).toHaveLength(2);
    expect(board.items).toEqual([]);
    expect(board.meta.reference).toEqual({});
  });

  it("uses a given grid and leaves out starters that would not fit it", () => {
    const grid: Grid = {
      rows: [
        { id: "a", label: "A" },
        { id: "b", label: "B" },
      ],
      columns: [
        { id: "x", label: "X" },
        { id: "y", label: "Y" },
        { id: "z", label: "Z" },
        { id: "w", label: "W" },
      ],
    };
    const doc = new Y.Doc();
    createBoard(doc, { title: "Custom", template: "alignment", grid });
    const board = readBoard(doc);
    expect(board.meta.grid).toEqual(grid);
    expect(board.items).toEqual([]);
    expect(board.meta.reference).toEqual({});
  });

  const axes = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, label: `${prefix} ${i}` }));

  it.each([
    ["one row", { rows: axes("r", 1), columns: axes("c", 3) }],
    ["six columns", { rows: axes("r", 3), columns: axes("c", 6) }],
    ["duplicate row ids", { rows: [...axes("r", 2), { id: "r0", label: "again" }], columns: axes("c", 2) }],
    ["duplicate column ids", { rows: axes("r", 2), columns: [{ id: "c", label: "one" }, { id: "c", label: "two" }] }],
    ["an empty label", { rows: [{ id: "r0", label: "   " }, { id: "r1", label: "ok" }], columns: axes("c", 2) }],
  ])("rejects a grid with %s and writes nothing", (_name, grid) => {
    const doc = new Y.Doc();
    const origins = transactionOrigins(doc, () => {
      expect(() => createBoard(doc, { title: "Bad grid", template: "blank", grid: grid as Grid })).toThrow();
    });
    expect(origins).toEqual([]);
    expect(roots(doc).meta.size).toBe(0);
  });

  it("accepts the 5×5 maximum", () => {
    const doc = new Y.Doc();
    createBoard(doc, { title: "Big", template: "blank", grid: { rows: axes("r", 5), columns: axes("c", 5) } });
    expect(readBoard(doc).meta.grid.columns).toHaveLength(5);
  });

  it("rejects a blank title", () => {
    expect(() => createBoard(new Y.Doc(), { title: "  ", template: "blank" })).toThrow();
  });
});

describe("item commands", () => {
  it("adds, edits and deletes an item", () => {
    const doc = alignmentBoard();
    addItem(doc, { id: "debate", text: "Debate", note: "Two models argue; a judge decides.", createdBy: "p-ada", createdAt: T0 + 50 });
    let board = readBoard(doc);
    expect(board.items).toHaveLength(10);
    expect(board.items.at(-1)).toEqual({
      id: "debate",
      text: "Debate",
      note: "Two models argue; a judge decides.",
      createdBy: "p-ada",
      createdAt: T0 + 50,
    });

    const edited = editItem(doc, "debate", { text: "AI safety via debate" });
    expect(edited.text).toBe("AI safety via debate");
    expect(edited.note).toBe("Two models argue; a judge decides.");
    board = readBoard(doc);
    expect(board.items.find((i) => i.id === "debate")?.text).toBe("AI safety via debate");

    deleteItem(doc, "debate");
    board = readBoard(doc);
    expect(board.items).toHaveLength(9);
    expect(board.items.some((i) => i.id === "debate")).toBe(false);
  });

  it("rejects invalid items and edits without writing", () => {
    const doc = alignmentBoard();
    expect(() => addItem(doc, item("empty", "   "))).toThrow();
    expect(() => addItem(doc, item("long", "x".repeat(201)))).toThrow();
    expect(() => addItem(doc, item("has:colon"))).toThrow();
    expect(() => editItem(doc, "rlhf", { text: "" })).toThrow();
    expect(() => editItem(doc, "rlhf", { note: "n".repeat(2001) })).toThrow();
    expect(() => editItem(doc, "no-such-item", { text: "x" })).toThrow();
    const board = readBoard(doc);
    expect(board.items).toHaveLength(9);
    expect(board.items.find((i) => i.id === "rlhf")?.text).toBe("RLHF");
  });

  it("takes back every placement of a deleted item and only those", () => {
    const doc = alignmentBoard();
    const grid = readBoard(doc).meta.grid;
    addItem(doc, item("a"));
    addItem(doc, item("ab"));
    placeItem(doc, { item: "a", participant: "p-ada", col: 0.5, row: 0.5 }, grid);
    placeItem(doc, { item: "a", participant: "p-ben", col: 1.5, row: 0.5 }, grid);
    // "ab" starts with "a": deleting "a" must not touch it
    placeItem(doc, { item: "ab", participant: "p-ada", col: 2.5, row: 2.5 }, grid);
    placeItem(doc, { item: "rlhf", participant: "p-ada", col: 1.5, row: 0.5 }, grid);
    deleteItem(doc, "a");
    const keys = [...roots(doc).placements.keys()].sort();
    expect(keys).toEqual(["ab:p-ada", "rlhf:p-ada"]);
    expect(readBoard(doc).invalid.placements).toBe(0);
  });
});

describe("placeItem", () => {
  const grid = ALIGNMENT_GRID;

  it("stores one placement per item and participant under its key", () => {
    const doc = alignmentBoard();
    const p = placeItem(doc, { item: "rlhf", participant: "p-ada", col: 1.25, row: 0.75, at: T0 + 10 }, grid);
    expect(p).toEqual({ item: "rlhf", participant: "p-ada", col: 1.25, row: 0.75, at: T0 + 10 });
    expect(roots(doc).placements.get(placementKey("rlhf", "p-ada"))).toEqual(p);
    // moving replaces, it does not add
    placeItem(doc, { item: "rlhf", participant: "p-ada", col: 2.5, row: 1.5, at: T0 + 20 }, grid);
    expect(readBoard(doc).placements).toEqual([{ item: "rlhf", participant: "p-ada", col: 2.5, row: 1.5, at: T0 + 20 }]);
    unplaceItem(doc, "rlhf", "p-ada");
    expect(readBoard(doc).placements).toEqual([]);
  });

  it("accepts the far edge just inside the grid", () => {
    const doc = alignmentBoard();
    placeItem(doc, { item: "rlhf", participant: "p-ada", col: 2.999, row: 2.999, at: T0 }, grid);
    placeItem(doc, { item: "scaling", participant: "p-ada", col: 0, row: 0, at: T0 }, grid);
    expect(readBoard(doc).placements).toHaveLength(2);
  });

  it.each([
    ["col = columns", { col: 3, row: 1 }],
    ["row = rows", { col: 1, row: 3 }],
    ["far outside", { col: 40, row: 40 }],
    ["negative col", { col: -0.1, row: 1 }],
    ["negative row", { col: 1, row: -2 }],
    ["NaN", { col: Number.NaN, row: 1 }],
    ["Infinity", { col: 1, row: Number.POSITIVE_INFINITY }],
  ])("rejects %s without writing", (_name, at) => {
    const doc = alignmentBoard();
    const origins = transactionOrigins(doc, () => {
      expect(() => placeItem(doc, { item: "rlhf", participant: "p-ada", ...at }, grid)).toThrow();
    });
    expect(origins).toEqual([]);
    expect(roots(doc).placements.size).toBe(0);
  });

  it("checks against the grid it is given, not only 0..4", () => {
    const small: Grid = DEFAULT_BLANK_GRID;
    expect(() => placeItem(alignmentBoard(), { item: "rlhf", participant: "p-ada", col: 2.5, row: 0.5 }, small)).toThrow(RangeError);
  });
});

describe("readBoard with invalid entries", () => {
  it("skips and counts every kind of bad entry without throwing", () => {
    const doc = alignmentBoard();
    joinParticipant(doc, { id: "p-ada", name: "Ada", color: "#2563eb", joinedAt: T0 });
    placeItem(doc, { item: "rlhf", participant: "p-ada", col: 1.5, row: 0.5, at: T0 }, ALIGNMENT_GRID);
    const { meta, items, placements, participants } = roots(doc);
    doc.transact(() => {
      // items: garbage values, an id that does not match its key, a text too long
      items.set("junk", "not an item");
      items.set("nil", null);
      items.set("num", 42);
      items.set("mismatch", { id: "other", text: "x", createdBy: "p-ada", createdAt: T0 });
      items.set("too-long", { id: "too-long", text: "y".repeat(201), createdBy: "p-ada", createdAt: T0 });
      items.set("nested", new Y.Map());
      // placements: wrong key, outside the grid, unknown item, garbage, negative
      placements.set("scaling:p-ben", { item: "scaling", participant: "p-ada", col: 0.5, row: 0.5, at: T0 });
      placements.set("scaling:p-ada", { item: "scaling", participant: "p-ada", col: 3, row: 0.5, at: T0 });
      placements.set("ghost:p-ada", { item: "ghost", participant: "p-ada", col: 0.5, row: 0.5, at: T0 });
      placements.set("ai-control:p-ada", [1, 2, 3]);
      placements.set("ai-control:p-ben", { item: "ai-control", participant: "p-ben", col: -1, row: 0.5, at: T0 });
      placements.set("agent-foundations:p-ada", { item: "agent-foundations", participant: "p-ada", col: "2", row: 2, at: T0 });
      // participants: bad colour, missing name
      participants.set("p-bad", { id: "p-bad", name: "Bad", color: "red", joinedAt: T0 });
      participants.set("p-anon", { id: "p-anon", color: "#000000", joinedAt: T0 });
      // meta: fields of the wrong type fall back to defaults
      meta.set("blind", "yes");
      meta.set("round", 0);
      meta.set("focus", { id: "rlhf" });
      meta.set("unknown-extra", 1);
    });
    let board!: ReturnType<typeof readBoard>;
    expect(() => (board = readBoard(doc))).not.toThrow();
    expect(board.invalid).toEqual({ meta: 3, items: 6, placements: 6, participants: 2 });
    expect(board.meta.blind).toBe(DEFAULT_META.blind);
    expect(board.meta.round).toBe(DEFAULT_META.round);
    expect(board.meta.focus).toBe(DEFAULT_META.focus);
    expect(board.meta.title).toBe("Reading group, week 3");
    expect(board.items).toHaveLength(9);
    expect(board.participants.map((p) => p.id)).toEqual(["p-ada"]);
    expect(board.placements).toEqual([{ item: "rlhf", participant: "p-ada", col: 1.5, row: 0.5, at: T0 }]);
  });

  it("falls back to the default grid when the stored grid is invalid, and judges placements by it", () => {
    const doc = alignmentBoard();
    placeItem(doc, { item: "rlhf", participant: "p-ada", col: 2.5, row: 0.5, at: T0 }, ALIGNMENT_GRID);
    placeItem(doc, { item: "scaling", participant: "p-ada", col: 1.5, row: 1.5, at: T0 }, ALIGNMENT_GRID);
    roots(doc).meta.set("grid", { rows: [{ id: "only", label: "Only" }], columns: [] });
    const board = readBoard(doc);
    expect(board.meta.grid).toEqual(DEFAULT_BLANK_GRID);
    expect(board.invalid.meta).toBe(1);
    // col 2.5 no longer fits the 2×2 fallback
    expect(board.placements.map((p) => p.item)).toEqual(["scaling"]);
    expect(board.invalid.placements).toBe(1);
  });

  it("reads an empty document as the defaults", () => {
    const board = readBoard(new Y.Doc());
    expect(board.meta).toEqual(DEFAULT_META);
    expect(board.items).toEqual([]);
    expect(board.invalid).toEqual({ meta: 0, items: 0, placements: 0, participants: 0 });
  });

  it("reads a document synced from another replica the same way", () => {
    const a = alignmentBoard();
    joinParticipant(a, { id: "p-ada", name: "Ada", color: "#2563eb", joinedAt: T0 });
    placeItem(a, { item: "rlhf", participant: "p-ada", col: 1.5, row: 0.5, at: T0 }, ALIGNMENT_GRID);
    roots(a).items.set("junk", { nope: true });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readBoard(b)).toEqual(readBoard(a));
    expect(readBoard(b).invalid.items).toBe(1);
  });
});

describe("user text", () => {
  it("keeps markup-like text as plain text", () => {
    const doc = alignmentBoard();
    const evil = `<img src=x onerror=alert(1)>`;
    addItem(doc, { id: "xss", text: evil, note: `<script>alert("n")</script>`, createdBy: "p-ada", createdAt: T0 + 9 });
    joinParticipant(doc, { id: "p-x", name: evil, color: "#123abc", joinedAt: T0 });
    setMeta(doc, "title", `"><svg onload=alert(1)>`);
    const board = readBoard(doc);
    const stored = board.items.find((i) => i.id === "xss")!;
    expect(stored.text).toBe(evil);
    expect(stored.note).toBe(`<script>alert("n")</script>`);
    expect(board.participants[0]!.name).toBe(evil);
    expect(board.meta.title).toBe(`"><svg onload=alert(1)>`);
  });
});

describe("transactions", () => {
  it("runs each command as one transaction tagged with its origin", () => {
    const doc = new Y.Doc();
    const origin = { client: "test" };
    const grid = ALIGNMENT_GRID;
    const steps: Array<[string, () => void]> = [
      ["createBoard", () => createBoard(doc, { title: "T", template: "alignment", createdAt: T0 }, origin)],
      ["joinParticipant", () => joinParticipant(doc, { id: "p-ada", name: "Ada", color: "#2563eb", joinedAt: T0 }, origin)],
      ["addItem", () => addItem(doc, item("debate"), origin)],
      ["editItem", () => editItem(doc, "debate", { note: "n" }, origin)],
      ["placeItem", () => placeItem(doc, { item: "debate", participant: "p-ada", col: 1, row: 1 }, grid, origin)],
      ["unplaceItem", () => unplaceItem(doc, "debate", "p-ada", origin)],
      ["setMeta", () => setMeta(doc, "blind", true, origin)],
      [
        "deleteItem",
        () => {
          placeItem(doc, { item: "debate", participant: "p-ada", col: 1, row: 1 }, grid, origin);
          placeItem(doc, { item: "debate", participant: "p-ben", col: 2, row: 1 }, grid, origin);
        },
      ],
    ];
    for (const [name, run] of steps.slice(0, -1)) {
      expect(transactionOrigins(doc, run), name).toEqual([origin]);
    }
    steps.at(-1)![1]();
    // an item and two placements go in one step, so peers never see orphaned placements
    expect(transactionOrigins(doc, () => deleteItem(doc, "debate", origin))).toEqual([origin]);
    expect(readBoard(doc).placements).toEqual([]);
  });

  it("tags commands with the local origin by default", () => {
    const doc = new Y.Doc();
    expect(transactionOrigins(doc, () => createBoard(doc, { title: "T", template: "blank" }))).toEqual([LOCAL_ORIGIN]);
  });

  it("creates no root types besides the four of the board format", () => {
    const doc = alignmentBoard();
    joinParticipant(doc, { id: "p-ada", name: "Ada", color: "#2563eb", joinedAt: T0 });
    placeItem(doc, { item: "rlhf", participant: "p-ada", col: 1.5, row: 0.5 }, ALIGNMENT_GRID);
    expect([...doc.share.keys()].sort()).toEqual([...ROOT_NAMES].sort());
  });
});
