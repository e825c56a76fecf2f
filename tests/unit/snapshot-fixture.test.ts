import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readBoard } from "../../lib/board/doc";
import { buildSnapshot } from "../../lib/snapshot/build";
import { placementsCsv, statsCsv } from "../../lib/snapshot/csv";
import { snapshotMarkdown } from "../../lib/snapshot/markdown";
import { parseSnapshot } from "../../lib/snapshot/parse";
import { snapshotToDoc } from "../../lib/snapshot/restore";
import type { Snapshot, SnapshotStats } from "../../lib/snapshot/schema";
import { computeStats } from "../../lib/stats";

/**
 * A file exported by format 1 must stay importable by every later build:
 * this one is frozen on disk, so a schema change that breaks old files fails here.
 */
const FIXTURE = path.join(__dirname, "../fixtures/snapshot-v1.json");
const raw = (): unknown => JSON.parse(fs.readFileSync(FIXTURE, "utf8"));

function fixture(): Snapshot {
  const result = parseSnapshot(raw());
  if (!result.ok) throw new Error(`fixture no longer parses: ${result.path}: ${result.message}`);
  return result.snapshot;
}

function expectSameStats(actual: SnapshotStats | null, expected: SnapshotStats | null, label: string) {
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
