import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readBoard } from "../../lib/board/doc";
import { buildSnapshot } from "../../lib/snapshot/build";
import { placementsCsv, statsCsv } from "../../lib/snapshot/csv";
import { snapshotMarkdown } from "../../lib/snapshot/markdown";
import { parseSnapshot } from "../../lib/snapshot/parse";
import { snapshotToDoc } from "../../lib/board/restore";
import { SNAPSHOT_VERSION, type Snapshot, type SnapshotItem } from "../../lib/snapshot/schema";
import type { ItemStats } from "../../lib/stats/schema";
import { computeStats } from "../../lib/stats";

/**
 * A file exported by format 1 must stay importable by every later build:
 * this one is frozen on disk, so a schema change that breaks old files fails here.
 */
const FIXTURES = path.join(__dirname, "../fixtures");
const FIXTURE = path.join(FIXTURES, "snapshot-v1.json");
const raw = (file = FIXTURE): unknown => JSON.parse(fs.readFileSync(file, "utf8"));

/** Every file a shipped version wrote: one or more per version, none ever edited (see fixtures/README.md). */
const shipped = fs
  .readdirSync(FIXTURES)
  .filter((name) => /^snapshot-v\d+.*\.json$/.test(name))
  .sort();

function fixture(): Snapshot {
  const result = parseSnapshot(raw());
  if (!result.ok) throw new Error(`fixture no longer parses: ${result.path}: ${result.message}`);
  return result.snapshot;
}

function expectSameStats(actual: ItemStats | null, expected: ItemStats | null, label: string) {
  if (expected === null || actual === null) {
    expect(actual, label).toBe(expected);
    return;
  }
  expect(actual.n, label).toBe(expected.n);
  expect(actual.modalCell, label).toEqual(expected.modalCell);
  for (const key of ["spread", "sdCol", "sdRow", "agreement", "entropy", "alignment"] as const) {
    expect(actual[key], `${label}.${key}`).toBeCloseTo(expected[key], 12);
  }
  expect(actual.centroid.col, `${label}.centroid.col`).toBeCloseTo(expected.centroid.col, 12);
  expect(actual.centroid.row, `${label}.centroid.row`).toBeCloseTo(expected.centroid.row, 12);
}

describe("snapshot-v1.json fixture", () => {
  it("still parses", () => {
    const result = parseSnapshot(raw());
    expect(result.ok ? "ok" : `${result.path}: ${result.message}`).toBe("ok");
  });

  it("is the board it claims to be", () => {
    const snap = fixture();
    expect(snap.board.grid.rows.map((r) => r.label)).toEqual(["Engineering", "Behaviorist science", "Cognitivist science"]);
    expect(snap.board.grid.columns.map((c) => c.label)).toEqual(["Average-case", "Pessimistic-case", "Worst-case"]);
    expect(snap.participants).toHaveLength(3);
    expect(snap.items).toHaveLength(4);
  });

  it("stores the statistics its placements give today", () => {
    const snap = fixture();
    const size = { rows: snap.board.grid.rows.length, columns: snap.board.grid.columns.length };
    for (const item of snap.items) expectSameStats(computeStats(item.placements, size), item.stats, item.id);
  });

  it("imports into a board that exports the same content again", () => {
    const snap = fixture();
    const again = buildSnapshot(snap.board.id, readBoard(snapshotToDoc(snap)), new Date(snap.exportedAt));
    expect(again.board).toEqual(snap.board);
    expect(again.participants).toEqual(snap.participants);
    expect(again.items.map(({ stats: _s, ...rest }) => rest)).toEqual(snap.items.map(({ stats: _s, ...rest }) => rest));
    again.items.forEach((item, i) => expectSameStats(item.stats, snap.items[i]!.stats, item.id));
  });

  it("renders as CSV and Markdown", () => {
    const snap = fixture();
    expect(placementsCsv(snap).split("\r\n")).toHaveLength(1 + 8 + 1);
    expect(statsCsv(snap).split("\r\n")[1]).toMatch(/^1,rlhf,RLHF,3,/);
    expect(snapshotMarkdown(snap)).toContain("Participants: 3");
  });
});

describe.each(shipped)("%s, as shipped", (name) => {
  const file = path.join(FIXTURES, name);
  const parsed = (): Snapshot => {
    const result = parseSnapshot(raw(file));
    if (!result.ok) throw new Error(`${name} no longer parses: ${result.path}: ${result.message}`);
    return result.snapshot;
  };

  it("parses", () => {
    const result = parseSnapshot(raw(file));
    expect(result.ok ? "ok" : `${result.path}: ${result.message}`).toBe("ok");
  });

  it("restores to a board that exports the same items, placements and statistics", () => {
    const snap = parsed();
    const board = readBoard(snapshotToDoc(snap));
    expect(board.invalid).toEqual({ meta: 0, items: 0, placements: 0, participants: 0 });
    const again = buildSnapshot(snap.board.id, board, new Date(snap.exportedAt));
    expect(parseSnapshot(JSON.parse(JSON.stringify(again))).ok).toBe(true);
    expect(again.board.title).toBe(snap.board.title);
    expect(again.board.grid).toEqual(snap.board.grid);
    expect(again.participants.map((p) => [p.id, p.name])).toEqual(snap.participants.map((p) => [p.id, p.name]));

    const byId = new Map(again.items.map((item) => [item.id, item]));
    expect([...byId.keys()].sort()).toEqual(snap.items.map((i) => i.id).sort());
    for (const item of snap.items) {
      const back = byId.get(item.id)!;
      expect({ text: back.text, note: back.note ?? null, createdBy: back.createdBy, createdAt: back.createdAt }, item.id).toEqual({
        text: item.text,
        note: item.note ?? null,
        createdBy: item.createdBy,
        createdAt: item.createdAt,
      });
      const byParticipant = (ps: SnapshotItem["placements"]) => [...ps].sort((a, b) => (a.participant < b.participant ? -1 : 1));
      expect(byParticipant(back.placements), `${item.id} placements`).toEqual(byParticipant(item.placements));
      expectSameStats(back.stats, item.stats, item.id);
    }
  });

  it("stores the statistics its placements give today", () => {
    const snap = parsed();
    const size = { rows: snap.board.grid.rows.length, columns: snap.board.grid.columns.length };
    for (const item of snap.items) expectSameStats(computeStats(item.placements, size), item.stats, item.id);
  });
});

describe("the fixtures folder", () => {
  it("holds a file for every shipped snapshot version, and the ones the README promises", () => {
    expect(shipped).toEqual(expect.arrayContaining(["snapshot-v1.json", "snapshot-v1-minimal.json", "snapshot-v1-anonymous.json"]));
    const versions = new Set(shipped.map((name) => (raw(path.join(FIXTURES, name)) as { version: number }).version));
    for (let v = 1; v <= SNAPSHOT_VERSION; v++) expect(versions.has(v), `a fixture of version ${v}`).toBe(true);
  });

  it("has a minimal file without any optional field", () => {
    const snap = raw(path.join(FIXTURES, "snapshot-v1-minimal.json")) as Snapshot;
    expect(Object.keys(snap.board).sort()).toEqual(["grid", "id", "title"]);
    for (const p of snap.participants) expect(Object.keys(p).sort()).toEqual(["id", "name"]);
    for (const item of snap.items) expect(item).not.toHaveProperty("note");
  });

  it("has an anonymous file whose names are pseudonyms", () => {
    const snap = raw(path.join(FIXTURES, "snapshot-v1-anonymous.json")) as Snapshot;
    expect(snap.participants.map((p) => p.name)).toEqual(snap.participants.map((_p, i) => `Participant ${i + 1}`));
  });
});
