import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addItem, joinParticipant, placeItem } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
import { readBoard } from "../../lib/board/doc";
import type { Grid } from "../../lib/board/schema";
import { buildSnapshot } from "../../lib/snapshot/build";
import { parseSnapshot, type ParseResult } from "../../lib/snapshot/parse";
import { openSqliteStore } from "../../server/storage/sqlite";
import { makeRandom } from "../random";
import { startServer, tempDir } from "./harness";

/**
 * Thousands of broken and half-broken snapshot files against a real server:
 * every answer is a 201 with a board that exports what was sent, or a 4xx
 * naming what is wrong; never a 5xx, and never a board left half made.
 * Each case is drawn from its own seed, so a failure names the case to replay.
 */
const SEED = 0x5eed_c0de;
const CASES = 3000;
const CONCURRENCY = 8;

type Obj = Record<string, unknown>;
type Rng = () => number;

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, list: readonly T[]): T => list[int(rng, list.length)]!;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const FIXTURES = path.join(__dirname, "../fixtures");
const fixture = (name: string): Obj => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8")) as Obj;

/** A bigger board than any fixture, exported by the real exporter: a 4×5 grid, 24 people, 30 items. */
function bigSnapshot(): Obj {
  const rng = makeRandom(SEED ^ 0xb16);
  const grid: Grid = {
    rows: Array.from({ length: 4 }, (_, i) => ({ id: `row-${i}`, label: `Row ${i}`, hint: `What row ${i} means` })),
    columns: Array.from({ length: 5 }, (_, i) => ({ id: `col-${i}`, label: `Column ${i}` })),
  };
  const doc = new Y.Doc();
  const t0 = 1_771_524_000_000;
  createBoard(doc, { title: "Generated workshop", template: "blank", grid, createdAt: t0 });
  const people = Array.from({ length: 24 }, (_, i) => `person-${i}`);
  people.forEach((id, i) => joinParticipant(doc, { id, name: `Person ${i}`, color: "#2563eb", joinedAt: t0 + i }));
  for (let i = 0; i < 30; i++) {
    const note = i % 3 === 0 ? { note: `Note ${i}: ${"why ".repeat(i)}` } : {};
    addItem(doc, { id: `item-${i}`, text: `Item ${i}`, ...note, createdBy: pick(rng, people), createdAt: t0 + 1000 + i });
    for (const person of people) {
      if (rng() >= 0.6) continue;
      const reason = rng() < 0.3 ? { reason: `Because of ${person}'s reading ${i}` } : {};
      placeItem(doc, { item: `item-${i}`, participant: person, col: rng() * 5, row: rng() * 4, at: t0 + 5000 + int(rng, 1e6), ...reason }, grid);
    }
  }
  return JSON.parse(JSON.stringify(buildSnapshot("generated-board", readBoard(doc), new Date(t0 + 2e6)))) as Obj;
}

// ---- value mutations -------------------------------------------------------

type Slot = { parent: Obj | unknown[]; key: string | number };

function slots(root: unknown): Slot[] {
  const out: Slot[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    const entries: Array<[string | number, unknown]> = Array.isArray(v) ? v.map((child, i) => [i, child]) : isObj(v) ? Object.entries(v) : [];
    for (const [key, child] of entries) {
      out.push({ parent: v as Obj | unknown[], key });
      stack.push(child);
    }
  }
  return out;
}
const getAt = (s: Slot) => (s.parent as Record<string | number, unknown>)[s.key];
const setAt = (s: Slot, value: unknown) => ((s.parent as Record<string | number, unknown>)[s.key] = value);
const kindOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

const ODD_VALUES: ReadonlyArray<() => unknown> = [
  () => null,
  () => true,
  () => "",
  () => "   ",
  () => "x",
  () => "ü€😀\u0000\u202e",
  () => "\ud800 lone surrogate",
  () => "__proto__",
  () => "2026-02-12T18:45:00.000Z",
  () => "L".repeat(100_000),
  () => 0,
  () => -0,
  () => -1,
  () => -1e-9,
  () => 0.5,
  () => 2 ** 31,
  () => Number.MAX_SAFE_INTEGER + 2,
  () => 1e308,
  () => -1e308,
  () => 5e-324,
  () => [],
  () => [1, "a", null, {}],
  () => ({}),
  () => ({ id: "x", label: "X", row: 0, col: 0 }),
];

/** A value of another type than `old`, or an edge value of the same one. */
function oddValue(rng: Rng, old: unknown): unknown {
  for (let tries = 0; tries < 8; tries++) {
    const v = pick(rng, ODD_VALUES)();
    if (kindOf(v) !== kindOf(old)) return v;
  }
  return pick(rng, ODD_VALUES)();
}

const DEEP = "\u0001deep\u0001";

function deleteKey(rng: Rng, snap: Obj): string {
  const all = slots(snap);
  const s = pick(rng, all);
  if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
  else delete s.parent[s.key as string];
  return `delete ${String(s.key)}`;
}

function replaceValue(rng: Rng, snap: Obj): string {
  const s = pick(rng, slots(snap));
  setAt(s, oddValue(rng, getAt(s)));
  return `replace ${String(s.key)}`;
}

function deepNesting(rng: Rng, snap: Obj): string {
  setAt(pick(rng, slots(snap)), DEEP);
  return "deep nesting";
}

const lists = (snap: Obj) => ({
  items: Array.isArray(snap.items) ? (snap.items as unknown[]).filter(isObj) : [],
  participants: Array.isArray(snap.participants) ? (snap.participants as unknown[]).filter(isObj) : [],
  grid: isObj(snap.board) && isObj(snap.board.grid) ? snap.board.grid : null,
});

function duplicateIds(rng: Rng, snap: Obj): string {
  const { items, participants, grid } = lists(snap);
  const placements = items.flatMap((i) => (Array.isArray(i.placements) ? (i.placements as unknown[]).filter(isObj) : []));
  const variants: Array<[string, () => boolean]> = [
    ["item id", () => items.length > 1 && ((pick(rng, items).id = pick(rng, items).id), true)],
    ["participant id", () => participants.length > 1 && ((pick(rng, participants).id = pick(rng, participants).id), true)],
    ["whole item", () => items.length > 0 && ((snap.items as unknown[]).push(structuredClone(pick(rng, items))), true)],
    ["whole participant", () => participants.length > 0 && ((snap.participants as unknown[]).push(structuredClone(pick(rng, participants))), true)],
    ["placement participant", () => placements.length > 1 && ((pick(rng, placements).participant = pick(rng, placements).participant), true)],
    ["axis id", () => Array.isArray(grid?.rows) && grid.rows.length > 1 && ((grid.rows[1].id = grid.rows[0].id), true)],
  ];
  const [name, apply] = pick(rng, variants);
  apply();
  return `duplicate ${name}`;
}

function reshapeGrid(rng: Rng, snap: Obj): string {
  const { grid } = lists(snap);
  if (!grid || !Array.isArray(grid.rows) || !Array.isArray(grid.columns)) return "reshape (no grid)";
  const rows = grid.rows as unknown[];
  const variants: Array<[string, () => void]> = [
    ["swap rows and columns", () => ([grid.rows, grid.columns] = [grid.columns, grid.rows])],
    ["two rows", () => rows.splice(2)],
    ["two columns", () => (grid.columns as unknown[]).splice(2)],
    ["six rows", () => rows.push(...Array.from({ length: 6 - rows.length }, (_, i) => ({ id: `extra-${i}`, label: `Extra ${i}` })))],
    ["one row", () => rows.splice(1)],
    ["no columns", () => (grid.columns = [])],
  ];
  const [name, apply] = pick(rng, variants);
  apply();
  return `grid: ${name}`;
}

/** Moves one placement anywhere in and around the grid: often still valid, sometimes just outside. */
function nudgePlacement(rng: Rng, snap: Obj): string {
  const placed = lists(snap).items.filter((i) => Array.isArray(i.placements) && i.placements.length > 0);
  if (placed.length === 0) return "nudge (nothing placed)";
  const p = pick(rng, pick(rng, placed).placements as Obj[]);
  p[rng() < 0.5 ? "col" : "row"] = rng() * 7 - 1;
  return "nudge placement";
}

/** Changes that a valid file survives: unknown fields, optional fields left out, another order. */
function benign(rng: Rng, snap: Obj): string {
  const { items, participants } = lists(snap);
  const variants: Array<[string, () => void]> = [
    ["unknown top-level field", () => (snap.generator = { name: "someone else's exporter", version: "9.9" })],
    ["unknown item field", () => items.length > 0 && (pick(rng, items).colour = "yellow")],
    ["no notes", () => items.forEach((i) => delete i.note)],
    ["null notes", () => items.forEach((i) => (i.note = null))],
    ["bare participants", () => participants.forEach((p) => (delete p.color, delete p.joinedAt))],
    ["items reversed", () => (snap.items as unknown[]).reverse()],
    ["no optional board fields", () => isObj(snap.board) && (delete snap.board.template, delete snap.board.round, delete snap.board.reference)],
  ];
  const [name, apply] = pick(rng, variants);
  apply();
  return name;
}

const VALUE_MUTATIONS = [deleteKey, replaceValue, duplicateIds, reshapeGrid, nudgePlacement];

// ---- cases -------------------------------------------------------------------

interface Case {
  label: string;
  body: Uint8Array<ArrayBuffer>;
  contentType: string | null;
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));

function serialise(rng: Rng, snap: unknown): string {
  const text = JSON.stringify(snap, null, rng() < 0.5 ? 2 : undefined);
  if (!text.includes(JSON.stringify(DEEP))) return text;
  const depth = pick(rng, [1_000, 10_000, 100_000]);
  const deep = rng() < 0.5 ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
  return text.split(JSON.stringify(DEEP)).join(deep);
}

function makeCase(index: number, bases: readonly Obj[]): Case {
  const rng = makeRandom(SEED + index * 7919);
  const base = structuredClone(pick(rng, bases));
  const json = (label: string, snap: unknown): Case => ({ label, body: utf8(serialise(rng, snap)), contentType: "application/json" });
  const roll = rng();
  if (roll < 0.04) return json("unchanged", base);
  if (roll < 0.12) return json(benign(rng, base), base);
  if (roll < 0.27) return json(deleteKey(rng, base), base);
  if (roll < 0.47) return json(replaceValue(rng, base), base);
  if (roll < 0.55) return json(duplicateIds(rng, base), base);
  if (roll < 0.61) return json(reshapeGrid(rng, base), base);
  if (roll < 0.65) return json(nudgePlacement(rng, base), base);
  if (roll < 0.74) {
    const labels = Array.from({ length: 2 + int(rng, 3) }, () => pick(rng, VALUE_MUTATIONS)(rng, base));
    return json(labels.join(" + "), base);
  }
  if (roll < 0.78) return json(deepNesting(rng, base), base);
  const text = serialise(rng, base);
  if (roll < 0.86) {
    const cut = int(rng, text.length);
    return { label: `truncated at ${cut}/${text.length}`, body: utf8(text.slice(0, cut)), contentType: "application/json" };
  }
  if (roll < 0.94) {
    const bytes = utf8(text);
    const at = int(rng, bytes.length + 1);
    const garbage = Uint8Array.from({ length: 1 + int(rng, 16) }, () => int(rng, 256));
    const out = new Uint8Array(bytes.length + garbage.length);
    out.set(bytes.subarray(0, at));
    out.set(garbage, at);
    out.set(bytes.subarray(at), at + garbage.length);
    return { label: `${garbage.length} garbage bytes at ${at}`, body: out, contentType: "application/json" };
  }
  if (roll < 0.965) {
    const contentType = pick(rng, ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", null]);
    return { label: `content type ${JSON.stringify(contentType)}`, body: utf8(text), contentType };
  }
  if (roll < 0.98) {
    const body = pick(rng, ["", "   \n\t", "{}"]);
    return { label: `body ${JSON.stringify(body)}`, body: utf8(body), contentType: "application/json" };
  }
  if (roll < 0.995) {
    const body = pick(rng, ["[]", "null", "1", '"cruxboard-snapshot"', "true", `[${text}]`]);
    return { label: `not an object: ${body.slice(0, 20)}`, body: utf8(body), contentType: "application/json" };
  }
  return { label: "byte order mark", body: utf8("\ufeff" + text), contentType: "application/json; charset=utf-8" };
}

// ---- what the server must answer ---------------------------------------------

type Expected = { kind: "unsupported type" } | { kind: "not json" } | { kind: "parsed"; value: unknown; result: ParseResult };

/** Decodes the body the way the server does, and reads it with the same parser. */
function expectedFor(c: Case): Expected {
  if (c.contentType === null || !/^application\/json\b/i.test(c.contentType)) return { kind: "unsupported type" };
  // The server reads past a byte order mark, as editors that write one expect.
  const text = Buffer.from(c.body).toString("utf8").replace(/^\uFEFF/, "");
  let value: unknown;
  try {
    value = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    return { kind: "not json" };
  }
  return { kind: "parsed", value, result: parseSnapshot(value) };
}

// ---- what a board keeps of a file --------------------------------------------

const byId = <T extends Obj>(list: T[], key = "id") => [...list].sort((a, b) => (String(a[key]) < String(b[key]) ? -1 : String(a[key]) > String(b[key]) ? 1 : 0));
const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/**
 * What the snapshot format says a board keeps of a file, read from the plain JSON without the
 * product's parser: title, grid, template, round and reference (with their defaults), every
 * participant and every item with all their fields, and every placement with its reason. Names,
 * titles, item texts and axis labels are kept trimmed; unknown fields, statistics (worked out again
 * from the placements), the board's id, the export time and the blind flag (an import starts
 * revealed) are not kept. An empty reason is no reason. Lists compare by id: the format gives them no order.
 */
function keptOf(file: Obj, colorsOf: Obj = file) {
  const board = file.board as Obj;
  const grid = board.grid as { rows: Obj[]; columns: Obj[] };
  const axis = (a: Obj) => ({ id: a.id, label: trimmed(a.label), ...(a.hint === undefined ? {} : { hint: a.hint }) });
  const givenColor = new Map((colorsOf.participants as Obj[]).map((p) => [p.id, p.color !== undefined]));
  return {
    title: trimmed(board.title),
    grid: { rows: grid.rows.map(axis), columns: grid.columns.map(axis) },
    template: board.template ?? "blank",
    round: board.round ?? 1,
    reference: board.reference ?? {},
    participants: byId(
      (file.participants as Obj[]).map((p) => ({
        id: p.id,
        name: trimmed(p.name),
        // A file may leave a colour out (the board then picks one); one it gives is kept.
        ...(givenColor.get(p.id) ? { color: p.color } : {}),
        joinedAt: p.joinedAt ?? 0,
      })),
    ),
    items: byId(
      (file.items as Obj[]).map((i) => ({
        id: i.id,
        text: trimmed(i.text),
        note: i.note ?? null,
        createdBy: i.createdBy,
        createdAt: i.createdAt,
        placements: byId(
          (i.placements as Obj[]).map((p) => ({ participant: p.participant, col: p.col, row: p.row, at: p.at, ...(p.reason ? { reason: p.reason } : {}) })),
          "participant",
        ),
      })),
    ),
  };
}

/** Where two JSON values first differ ("(root).items[2].placements[0].reason: 1, expected 2"), or null when they are equal. */
function firstDifference(actual: unknown, expected: unknown, at = "(root)"): string | null {
  const show = (v: unknown) => (v === undefined ? "absent" : JSON.stringify(v).slice(0, 80));
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return `${at}: ${actual.length} entries, expected ${expected.length}`;
    for (let i = 0; i < actual.length; i++) {
      const d = firstDifference(actual[i], expected[i], `${at}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  if (isObj(actual) && isObj(expected)) {
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const d = firstDifference(actual[key], expected[key], `${at}.${key}`);
      if (d !== null) return d;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : `${at}: ${show(actual)}, expected ${show(expected)}`;
}

/** An export without what another export of the same content may change: the board's id and the export time. */
function exportContent(file: Obj): Obj {
  const { exportedAt: _at, board, ...rest } = file;
  const { id: _id, ...boardRest } = board as Obj;
  return { ...rest, board: boardRest };
}

describe("POST /api/boards/import under fuzzed snapshot files", () => {
  it(`answers ${CASES} mutated files with 201 or a 4xx naming the problem, and leaves no half board`, async () => {
    const started = Date.now();
    const bases = [fixture("snapshot-v1.json"), fixture("snapshot-v1-minimal.json"), fixture("snapshot-v1-anonymous.json"), bigSnapshot()];
    for (const base of bases) expect(parseSnapshot(base).ok).toBe(true);

    const dir = tempDir("cruxboard-fuzz-");
    const srv = await startServer({}, dir);
    const problems: string[] = [];
    const created: string[] = [];
    const statuses = new Map<number, number>();

    async function run(index: number): Promise<void> {
      const c = makeCase(index, bases);
      const expected = expectedFor(c);
      const fail = (what: string) => problems.push(`case ${index} (${c.label}): ${what}`);
      const res = await fetch(`${srv.url}/api/boards/import`, {
        method: "POST",
        headers: c.contentType === null ? {} : { "content-type": c.contentType },
        body: c.body,
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const text = await res.text();
      if (res.status >= 500) return void fail(`${res.status} ${text.slice(0, 200)}`);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return void fail(`${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
      }

      if (expected.kind === "unsupported type") {
        if (res.status !== 415 || typeof body.error !== "string") fail(`expected 415, got ${res.status} ${text.slice(0, 200)}`);
        return;
      }
      if (expected.kind === "not json") {
        if (res.status !== 400 || typeof body.error !== "string" || !body.error.includes("not valid JSON")) {
          return void fail(`expected 400 for a body that is not JSON, got ${res.status} ${text.slice(0, 200)}`);
        }
        if (body.path !== "(root)") fail(`400 for a body that is not JSON must name the path (root): ${text.slice(0, 200)}`);
        return;
      }
      const { result } = expected;
      if (!result.ok) {
        if (res.status !== 400) return void fail(`expected 400 at ${result.path}, got ${res.status} ${text.slice(0, 200)}`);
        if (typeof body.error !== "string" || typeof body.path !== "string" || body.path === "") return void fail(`400 without error and path: ${text.slice(0, 200)}`);
        if (body.path !== result.path) fail(`400 at ${body.path}, but the file's first problem is at ${result.path}`);
        return;
      }
      if (res.status !== 201) return void fail(`expected 201, got ${res.status} ${text.slice(0, 200)}`);
      const board = body as { id: string; keys: { facilitator: string } };
      created.push(board.id);
      const first = await exportOf(board);
      if (typeof first === "string") return void fail(first);
      // The file as sent and the board as exported agree on everything the format keeps.
      const lost = firstDifference(keptOf(first, expected.value as Obj), keptOf(expected.value as Obj));
      if (lost !== null) return void fail(`the board does not hold what the file said: ${lost}`);
      // The export imports again, and that board exports the same content, all of it, field for field.
      const reimport = await fetch(`${srv.url}/api/boards/import`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(first) });
      if (reimport.status !== 201) return void fail(`its own export is refused: ${reimport.status} ${(await reimport.text()).slice(0, 200)}`);
      const again = (await reimport.json()) as { id: string; keys: { facilitator: string } };
      created.push(again.id);
      const second = await exportOf(again);
      if (typeof second === "string") return void fail(`re-imported board: ${second}`);
      const changed = firstDifference(exportContent(second), exportContent(first));
      if (changed !== null) fail(`export, import, export changed the content: ${changed}`);
    }

    /** The board's JSON export, or what went wrong. */
    async function exportOf(board: { id: string; keys: { facilitator: string } }): Promise<Obj | string> {
      const res = await fetch(`${srv.url}/api/boards/${board.id}/export?format=json&key=${board.keys.facilitator}`);
      if (res.status !== 200) return `export answered ${res.status}`;
      const file = (await res.json()) as unknown;
      return isObj(file) ? file : `export is not an object: ${JSON.stringify(file).slice(0, 200)}`;
    }

    try {
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < CASES) await run(next++);
        }),
      );
      expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
    } finally {
      await srv.close();
    }

    // The store, read afresh: one complete board per 201 and nothing else.
    const store = openSqliteStore({ dir });
    try {
      const boards = await store.listBoards(CASES + 1);
      expect(boards.map((b) => b.id).sort()).toEqual([...created].sort());
      for (const b of boards) {
        if ((await store.loadDoc(b.id)).updates.length === 0) problems.push(`board ${b.id} has no state`);
      }
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const tally = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(", ");
    console.info(`snapshot fuzz: ${CASES} files in ${seconds} s: ${tally}`);
    expect(problems.slice(0, 20)).toEqual([]);
    // The mix must keep exercising both sides, or the test says little.
    expect(created.length).toBeGreaterThan(CASES * 0.1);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(CASES * 0.5);
  }, 120_000);
});
