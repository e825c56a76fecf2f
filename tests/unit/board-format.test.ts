import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { placeItem } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
import { readBoard, readGrid, roots } from "../../lib/board/doc";
import { BOARD_MIGRATIONS, checkFormat, upgradeBoard, type BoardMigration, type StoredBoard } from "../../lib/board/format";
import { BOARD_FORMAT } from "../../lib/board/schema";
import { ALIGNMENT_GRID } from "../../lib/board/templates";

const NEWER = "This board was made by a newer version of Cruxboard (format 2); this version reads format 1.";

function alignmentBoard(): Y.Doc {
  const doc = new Y.Doc();
  createBoard(doc, { title: "Format", template: "alignment", createdAt: 1_000 });
  placeItem(doc, { item: "rlhf", participant: "ann", col: 1.5, row: 0.5, at: 2_000 }, ALIGNMENT_GRID);
  return doc;
}

describe("board format", () => {
  it("ships format 1 with an empty migration chain, and boards are created in it", () => {
    expect(BOARD_FORMAT).toBe(1);
    expect(Object.keys(BOARD_MIGRATIONS)).toEqual([]);
    expect(roots(alignmentBoard()).meta.get("format")).toBe(1);
    expect(checkFormat(1)).toEqual({ kind: "current" });
  });

  it("reads a board without a format as format 1", () => {
    expect(checkFormat(undefined)).toEqual({ kind: "current" });
    const doc = alignmentBoard();
    const before = readBoard(doc);
    roots(doc).meta.delete("format");
    const after = readBoard(doc);
    expect(after.unreadable).toBeUndefined();
    expect(after).toEqual(before);
    // A browser's document before its first sync holds nothing at all, and still reads.
    expect(readBoard(new Y.Doc()).unreadable).toBeUndefined();
  });

  it("refuses a board of a newer format with a message that says so", () => {
    expect(checkFormat(2)).toEqual({ kind: "unreadable", newer: true, message: NEWER });
    const doc = alignmentBoard();
    roots(doc).meta.set("format", 2);
    const board = readBoard(doc);
    expect(board.unreadable).toEqual({ message: NEWER, newer: true });
    // Nothing of a format this code does not know is read as if it were format 1.
    expect(board.items).toEqual([]);
    expect(board.placements).toEqual([]);
    expect(board.participants).toEqual([]);
    expect(readGrid(doc)).toBeNull();
  });

  it("refuses formats that are no format at all, or older than the chain reaches", () => {
    for (const bad of ["1", 1.5, -1, null, { v: 1 }, [1], true]) {
      const check = checkFormat(bad);
      expect(check.kind, String(bad)).toBe("unreadable");
      if (check.kind === "unreadable") expect(check.newer).toBe(false);
      if (check.kind === "unreadable") expect(check.message).toMatch(/^This board has a format Cruxboard does not know \(.+\); this version reads format 1\.$/);
    }
    expect(checkFormat(0)).toEqual({
      kind: "unreadable",
      newer: false,
      message: "This board is of format 0, which this version of Cruxboard no longer reads; it reads format 1.",
    });
  });

  describe("a migration chain", () => {
    // Simulated history: format 0 stored a placement's point as { x, y }; format 1 as { col, row }.
    const pointsAsColRow: BoardMigration = (older) => ({
      ...older,
      meta: { ...older.meta, format: 1 },
      placements: older.placements.map(([key, value]) => {
        const { x, y, ...rest } = value as { x: number; y: number };
        return [key, { ...rest, col: x, row: y }] as const;
      }),
    });
    const chain = { 0: pointsAsColRow };

    function formatZeroBoard(): Y.Doc {
      const doc = alignmentBoard();
      const { meta, placements } = roots(doc);
      meta.set("format", 0);
      placements.set("rlhf:ann", { item: "rlhf", participant: "ann", x: 2.5, y: 1.5, at: 2_000 });
      return doc;
    }

    it("names the formats it reads", () => {
      expect(checkFormat(0, { migrations: chain })).toEqual({ kind: "older", from: 0 });
      expect(checkFormat(2, { migrations: chain })).toEqual({
        kind: "unreadable",
        newer: true,
        message: "This board was made by a newer version of Cruxboard (format 2); this version reads formats 0 to 1.",
      });
    });

    it("upgrades an older board as it is read, without writing to it", () => {
      const doc = formatZeroBoard();
      const stored = Y.encodeStateAsUpdate(doc);
      const board = readBoard(doc, { migrations: chain });
      expect(board.unreadable).toBeUndefined();
      expect(board.meta.format).toBe(1);
      expect(board.placements).toEqual([{ item: "rlhf", participant: "ann", col: 2.5, row: 1.5, at: 2_000 }]);
      expect(board.invalid).toEqual({ meta: 0, items: 0, placements: 0, participants: 0 });
      expect(Y.encodeStateAsUpdate(doc)).toEqual(stored);
      // A step that throws on an odd old value leaves the board unreadable, with why, rather than crashing its reader.
      roots(doc).placements.set("scaling:ann", null);
      expect(readBoard(doc, { migrations: chain }).unreadable?.message).toMatch(/^This board \(format 0\) could not be upgraded: .+\.$/);
      // Without the step the same board is not read as format 1.
      expect(readBoard(doc).unreadable?.message).toMatch(/format 0, which this version of Cruxboard no longer reads/);
    });

    it("runs every step in order and leaves its input alone", () => {
      const seen: number[] = [];
      const step =
        (from: number): BoardMigration =>
        (older) => {
          seen.push(from);
          return { ...older, meta: { ...older.meta, format: from + 1, [`step${from}`]: true } };
        };
      const input: StoredBoard = { meta: { format: 1 }, items: [], placements: [], participants: [] };
      const out = upgradeBoard(input, 1, { migrations: { 1: step(1), 2: step(2) }, current: 3 });
      expect(seen).toEqual([1, 2]);
      expect(out.meta).toEqual({ format: 3, step1: true, step2: true });
      expect(input.meta).toEqual({ format: 1 });
    });

    it("throws when a step does not give the next format", () => {
      const skips: BoardMigration = (older) => ({ ...older, meta: { ...older.meta, format: 3 } });
      const input: StoredBoard = { meta: { format: 1 }, items: [], placements: [], participants: [] };
      expect(() => upgradeBoard(input, 1, { migrations: { 1: skips }, current: 3 })).toThrow(/from format 1 gave format 3/);
      expect(() => upgradeBoard(input, 1, { migrations: {}, current: 2 })).toThrow(/no board migration from format 1/);
    });
  });
});
