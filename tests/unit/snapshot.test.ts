import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addItem, joinParticipant, placeItem, setMeta } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
import { readBoard, type BoardState } from "../../lib/board/doc";
import type { Grid } from "../../lib/board/schema";
import { buildSnapshot, rankedItems } from "../../lib/snapshot/build";
import { MIGRATIONS, MigrationError, migrateSnapshot, oldestReadable, type Migration } from "../../lib/snapshot/migrate";
import { formatPath, parseSnapshot } from "../../lib/snapshot/parse";
import { snapshotToDoc } from "../../lib/board/restore";
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
    // the envelope
    ["a format of another type", (d) => (d.format = 1), "format"],
    ["a format in other letters", (d) => (d.format = "Cruxboard-Snapshot"), "format"],
    ["version 0, which never shipped", (d) => (d.version = 0), "version"],
    ["a negative version", (d) => (d.version = -1), "version"],
    ["a fractional version", (d) => (d.version = 1.5), "version"],
    ["a far newer version", (d) => (d.version = 99), "version"],
    ["a huge version", (d) => (d.version = 1e300), "version"],
    ["a missing version", (d) => delete d.version, "version"],
    ["a null version", (d) => (d.version = null), "version"],
    ["a version in an array", (d) => (d.version = [1]), "version"],
    ["a missing export time", (d) => delete d.exportedAt, "exportedAt"],
    // the board and its grid
    ["a missing board", (d) => delete d.board, "board"],
    ["a board that is an array", (d) => (d.board = []), "board"],
    ["a missing board id", (d) => delete d.board.id, "board.id"],
    ["a board title that is too long", (d) => (d.board.title = "t".repeat(121)), "board.title"],
    ["a missing grid", (d) => delete d.board.grid, "board.grid"],
    ["a grid with six rows", (d) => d.board.grid.rows.push(...[3, 4, 5].map((i) => ({ id: `r${i}`, label: `Row ${i}` }))), "board.grid.rows"],
    ["a grid with one column", (d) => d.board.grid.columns.splice(1), "board.grid.columns"],
    ["a grid with no columns", (d) => (d.board.grid.columns = []), "board.grid.columns"],
    ["grid rows that are not a list", (d) => (d.board.grid.rows = { id: "r", label: "R" }), "board.grid.rows"],
    ["two rows with one id", (d) => (d.board.grid.rows[2].id = d.board.grid.rows[0].id), "board.grid.rows"],
    ["an axis without a label", (d) => delete d.board.grid.columns[1].label, "board.grid.columns[1].label"],
    ["an axis label that is too long", (d) => (d.board.grid.rows[0].label = "l".repeat(61)), "board.grid.rows[0].label"],
    ["a null axis hint", (d) => (d.board.grid.rows[0].hint = null), "board.grid.rows[0].hint"],
    ["an unknown template", (d) => (d.board.template = "kanban"), "board.template"],
    ["round 0", (d) => (d.board.round = 0), "board.round"],
    ["a fractional round", (d) => (d.board.round = 2.5), "board.round"],
    ["a negative reference cell", (d) => (d.board.reference.scaling = { row: -1, col: 0 }), "board.reference.scaling.row"],
    // a grid narrowed under its placements
    ["a grid narrowed to two columns", (d) => d.board.grid.columns.splice(2), "items[1].placements[2].col"],
    ["a grid cut to two rows", (d) => d.board.grid.rows.splice(2), "items[1].placements[1].row"],
    // participants
    ["missing participants", (d) => delete d.participants, "participants"],
    ["a participant without a name", (d) => delete d.participants[1].name, "participants[1].name"],
    ["a participant name that is too long", (d) => (d.participants[0].name = "n".repeat(61)), "participants[0].name"],
    ["a participant id with a space", (d) => (d.participants[0].id = "p ada"), "participants[0].id"],
    ["a participant colour that is a name", (d) => (d.participants[0].color = "red"), "participants[0].color"],
    ["a negative join time", (d) => (d.participants[2].joinedAt = -1), "participants[2].joinedAt"],
    // items
    ["items that are not a list", (d) => (d.items = {}), "items"],
    ["an item that is null", (d) => (d.items[4] = null), "items[4]"],
    ["item text that is too long", (d) => (d.items[0].text = "x".repeat(201)), "items[0].text"],
    ["a note that is too long", (d) => (d.items[0].note = "x".repeat(2001)), "items[0].note"],
    ["an item id that is reserved", (d) => (d.items[3].id = "__proto__"), "items[3].id"],
    ["an item id that is too long", (d) => (d.items[3].id = "i".repeat(65)), "items[3].id"],
    ["a negative creation time", (d) => (d.items[1].createdAt = -1), "items[1].createdAt"],
    ["a creation time past any date", (d) => (d.items[1].createdAt = 1e300), "items[1].createdAt"],
    ["a creation time as text", (d) => (d.items[1].createdAt = "2026-02-12"), "items[1].createdAt"],
    ["placements that are null", (d) => (d.items[0].placements = null), "items[0].placements"],
    ["missing stats", (d) => delete d.items[0].stats, "items[0].stats"],
    ["a negative count in stats", (d) => (d.items[0].stats.n = -3), "items[0].stats.n"],
    ["a negative spread", (d) => (d.items[0].stats.spread = -0.1), "items[0].stats.spread"],
    // placements
    ["a placement far right of the grid", (d) => (d.items[2].placements[0].col = 1e308), "items[2].placements[0].col"],
    ["a negative row", (d) => (d.items[2].placements[1].row = -1e-9), "items[2].placements[1].row"],
    ["a column as text", (d) => (d.items[2].placements[1].col = "1"), "items[2].placements[1].col"],
    ["a placement time past any date", (d) => (d.items[0].placements[0].at = 9e15), "items[0].placements[0].at"],
    ["a placement without a participant", (d) => delete d.items[6].placements[0].participant, "items[6].placements[0].participant"],
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
    ["a missing note", (d: Record<string, any>) => delete d.items[0].note], // eslint-disable-line @typescript-eslint/no-explicit-any
    ["a null note", (d: Record<string, any>) => (d.items[0].note = null)], // eslint-disable-line @typescript-eslint/no-explicit-any
    ["no optional board fields", (d: Record<string, any>) => ["template", "round", "reference"].forEach((k) => delete d.board[k])], // eslint-disable-line @typescript-eslint/no-explicit-any
    ["a participant with only id and name", (d: Record<string, any>) => (d.participants[0] = { id: "p-ada", name: "Ada" })], // eslint-disable-line @typescript-eslint/no-explicit-any
    ["an export time with an offset", (d: Record<string, any>) => (d.exportedAt = "2026-02-12T19:45:00+01:00")], // eslint-disable-line @typescript-eslint/no-explicit-any
    ["unknown fields everywhere", (d: Record<string, any>) => ((d.app = "cruxboard 0.2"), (d.items[0].color = "yellow"), (d.participants[0].role = "facilitator"))], // eslint-disable-line @typescript-eslint/no-explicit-any
  ])("accepts %s", (_name, mutate) => {
    const d = draft();
    mutate(d);
    const result = parseSnapshot(d);
    expect(result.ok ? "ok" : `${result.path}: ${result.message}`).toBe("ok");
  });

  it("names the version and what this server reads when a file is too new or too old", () => {
    const d = draft();
    d.version = 2;
    expect(parseSnapshot(d)).toEqual({ ok: false, path: "version", message: expect.stringMatching(/^2 is newer than this server reads \(up to 1\)/) });
    d.version = 0;
    expect(parseSnapshot(d)).toEqual({ ok: false, path: "version", message: expect.stringContaining("0 is not a version this server reads (it reads only version 1)") });
    d.version = "1";
    expect(parseSnapshot(d)).toEqual({ ok: false, path: "version", message: 'must be an integer, got the string "1"' });
  });

  it("drops a reference under __proto__ instead of letting it reach a prototype", () => {
    const d = draft();
    d.board.reference = JSON.parse('{"__proto__": {"row": 2, "col": 2}, "rlhf": {"row": 0, "col": 1}}');
    const result = parseSnapshot(d);
    if (!result.ok) throw new Error(`${result.path}: ${result.message}`);
    expect(Object.keys(result.snapshot.board.reference!)).toEqual(["rlhf"]);
    expect(({} as Record<string, unknown>).row).toBeUndefined();
  });

  it("does not change the value it reads", () => {
    const d = draft();
    d.items[0].text = "  padded  ";
    const before = viaJson(d);
    const result = parseSnapshot(d);
    expect(result.ok && result.snapshot.items[0]!.text).toBe("padded");
    expect(d).toEqual(before);
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

describe("migrateSnapshot", () => {
  type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  /** A made-up version 0 that called the title `name` and the participants `people`. */
  const asVersion0 = (): Json => {
    const { participants, board, ...rest } = draft();
    const { title, ...others } = board;
    return { ...rest, version: 0, board: { ...others, name: title }, people: participants };
  };
  const fromVersion0: Migration = (older) => {
    const { people, board, ...rest } = older as Json;
    if (typeof board !== "object" || board === null) throw new MigrationError("board", "must be an object");
    const { name, ...others } = board;
    return { ...rest, version: 1, board: { ...others, title: name }, participants: people };
  };

  /** Steps past version 1 that only stamp the version, recording the order they ran in. */
  const stamping = (ran: number[], versions: number[]): Record<number, Migration> =>
    Object.fromEntries(versions.map((v) => [v, (older: unknown) => (ran.push(v), { ...(older as Json), version: v + 1 })]));

  it("has no step to run while version 1 is the only one that shipped", () => {
    expect(SNAPSHOT_VERSION).toBe(1);
    expect(Object.keys(MIGRATIONS)).toEqual([]);
    expect(oldestReadable(MIGRATIONS)).toBe(1);
    const d = draft();
    expect(migrateSnapshot(d)).toEqual({ ok: true, value: d, from: 1 });
    expect((migrateSnapshot(d) as { value: unknown }).value).toBe(d);
  });

  it("reads an older version through its step and then the current schema", () => {
    const result = parseSnapshot(asVersion0(), { migrations: { 0: fromVersion0 } });
    expect(result).toEqual(parseSnapshot(draft()));
    expect(result.ok).toBe(true);
    expect(oldestReadable({ 0: fromVersion0 })).toBe(0);
  });

  it("refuses that older version at `version` when no step reads it", () => {
    expect(parseSnapshot(asVersion0())).toEqual({ ok: false, path: "version", message: "0 is not a version this server reads (it reads only version 1)" });
    expect(migrateSnapshot({ ...draft(), version: -1 }, { migrations: { 0: fromVersion0 } })).toEqual({
      ok: false,
      path: "version",
      message: "-1 is not a version this server reads (it reads versions 0 to 1)",
    });
  });

  it("checks the migrated file against the current schema, naming the path there", () => {
    const v0 = asVersion0();
    v0.board.name = "";
    expect(parseSnapshot(v0, { migrations: { 0: fromVersion0 } })).toMatchObject({ ok: false, path: "board.title" });
  });

  it("runs each step once, oldest first, up to the current version", () => {
    const ran: number[] = [];
    const migrations = stamping(ran, [1, 2, 3]);
    const result = migrateSnapshot(draft(), { migrations, current: 4 });
    expect(ran).toEqual([1, 2, 3]);
    expect(result).toMatchObject({ ok: true, from: 1, value: { version: 4, board: { title: "Alignment reading group — week 3" } } });

    ran.length = 0;
    expect(migrateSnapshot({ ...draft(), version: 3 }, { migrations, current: 4 })).toMatchObject({ ok: true, from: 3, value: { version: 4 } });
    expect(ran).toEqual([3]);
  });

  it("leaves the file it was given as it was", () => {
    const d = draft();
    const before = viaJson(d);
    expect(migrateSnapshot(d, { migrations: stamping([], [1, 2]), current: 3 }).ok).toBe(true);
    expect(d).toEqual(before);
  });

  it("stops at a gap in the chain, naming `version`", () => {
    const ran: number[] = [];
    const result = migrateSnapshot(draft(), { migrations: stamping(ran, [1, 3]), current: 4 });
    expect(result).toEqual({ ok: false, path: "version", message: "no migration from version 2" });
    expect(ran).toEqual([1]);
  });

  it("refuses a newer file than the chain's end", () => {
    expect(migrateSnapshot({ ...draft(), version: 5 }, { migrations: stamping([], [1, 2, 3]), current: 4 })).toEqual({
      ok: false,
      path: "version",
      message: "5 is newer than this server reads (up to 4); import it with a newer Cruxboard",
    });
  });

  it.each<[string, Migration, string]>([
    ["skips a version", (older) => ({ ...(older as Json), version: 3 }), "the upgrade from version 1 gave version 3, not 2"],
    ["keeps the version", (older) => older, "the upgrade from version 1 gave version 1, not 2"],
    ["forgets the version", (older) => ({ ...(older as Json), version: undefined }), "the upgrade from version 1 gave version nothing, not 2"],
    ["gives a string version", (older) => ({ ...(older as Json), version: "2" }), 'the upgrade from version 1 gave version the string "2", not 2'],
    ["gives no object", () => null, "the upgrade from version 1 gave null, not a snapshot object"],
    ["gives a list", () => [], "the upgrade from version 1 gave an array, not a snapshot object"],
    ["drops the format", (older) => ({ ...(older as Json), format: undefined, version: 2 }), 'the upgrade from version 1 lost the format "cruxboard-snapshot"'],
  ])("refuses a step that %s, naming `version`", (_name, step, message) => {
    expect(migrateSnapshot(draft(), { migrations: { 1: step }, current: 2 })).toEqual({ ok: false, path: "version", message });
  });

  it("passes on where a step says an old file is broken", () => {
    const v0 = asVersion0();
    v0.board = null;
    expect(parseSnapshot(v0, { migrations: { 0: fromVersion0 } })).toEqual({ ok: false, path: "board", message: "must be an object" });
  });

  it("turns any other failure of a step into an error at `version`", () => {
    const broken: Migration = (older) => (older as Json).missing.field;
    const result = migrateSnapshot(draft(), { migrations: { 1: broken }, current: 2 });
    expect(result).toMatchObject({ ok: false, path: "version", message: expect.stringMatching(/^cannot upgrade from version 1: /) });
  });

  it("finds steps only among the chain's own keys", () => {
    const inherited = Object.create({ 0: fromVersion0 }) as Record<number, Migration>;
    expect(parseSnapshot(asVersion0(), { migrations: inherited })).toMatchObject({ ok: false, path: "version" });
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
    for (const item of snap.items) expect(item.stats).toEqual(computeStats(item.placements, size, snap.board.goal ?? null));
  });
});
