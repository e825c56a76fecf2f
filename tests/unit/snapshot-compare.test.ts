import { describe, expect, it } from "vitest";
import { addItem, deleteItem, placeItem, unplaceItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import { ALIGNMENT_GRID } from "../../lib/board/templates";
import { buildSnapshot } from "../../lib/snapshot/build";
import { compareSnapshots, sortChanges, summarizeChanges, type ItemChange } from "../../lib/snapshot/compare";
import { comparisonCsv } from "../../lib/snapshot/csv";
import { comparisonMarkdown } from "../../lib/snapshot/markdown";
import { BOARD_ID, EXPORTED_AT, T0, sampleBoard } from "./sample-board";

function pair() {
  const doc = sampleBoard();
  const before = buildSnapshot(BOARD_ID, readBoard(doc), EXPORTED_AT);
  // rlhf: Chen moves from (0.5, 2.5) to (1.5, 1.5); the centre goes from (1.5, 1.5) to (11/6, 7/6).
  placeItem(doc, { item: "rlhf", participant: "p-chen", col: 1.5, row: 1.5, at: T0 + 900_000 }, ALIGNMENT_GRID);
  // scaling: Chen joins the others in their cell, so the group agrees fully.
  placeItem(doc, { item: "scaling", participant: "p-chen", col: 0.5, row: 0.5, at: T0 + 901_000 }, ALIGNMENT_GRID);
  unplaceItem(doc, "ai-control", "p-ada");
  deleteItem(doc, "markup");
  addItem(doc, { id: "evals", text: "Dangerous-capability evals", createdBy: "p-ada", createdAt: T0 + 902_000 });
  placeItem(doc, { item: "evals", participant: "p-ada", col: 2.5, row: 0.5, at: T0 + 903_000 }, ALIGNMENT_GRID);
  const after = buildSnapshot(BOARD_ID, readBoard(doc), new Date(EXPORTED_AT.getTime() + 3_600_000));
  return { before, after };
}

const byId = (changes: ItemChange[]) => new Map(changes.map((c) => [c.id, c]));

describe("comparing two snapshots", () => {
  it("says where the group put each item most, or that it agreed on no cell, on each side", () => {
    const { before, after } = pair();
    const c = byId(compareSnapshots(before, after).changes);
    // RLHF: three people, three cells, before and after.
    expect(c.get("rlhf")!.commonBefore).toEqual({ kind: "none", n: 3 });
    expect(c.get("rlhf")!.commonAfter).toEqual({ kind: "none", n: 3 });
    // Scaling: Chen joins the others' cell.
    expect(c.get("scaling")!.commonAfter).toMatchObject({ kind: "cell", cell: { row: 0, col: 0 }, share: 1 });
    expect(c.get("evals")!.commonBefore).toBeNull();
  });
  it("gives each item's centre move and spread change in cells", () => {
    const { before, after } = pair();
    const { changes, gridChanged } = compareSnapshots(before, after);
    expect(gridChanged).toBe(false);
    const c = byId(changes);
    const rlhf = c.get("rlhf")!;
    expect(rlhf.presence).toBe("both");
    expect(rlhf.move).toBeCloseTo(Math.SQRT2 / 3, 10);
    // spread before: RMS distance to (1.5, 1.5) of (1.5,0.5), (0.5,2.5), (2.5,1.5) = sqrt((1 + 2 + 1) / 3)
    expect(rlhf.before!.spread).toBeCloseTo(Math.sqrt(4 / 3), 10);
    expect(rlhf.spreadChange).toBeCloseTo(rlhf.after!.spread - Math.sqrt(4 / 3), 10);
    expect(rlhf.spreadChange!).toBeLessThan(0);

    const scaling = c.get("scaling")!;
    expect(scaling.after!.spread).toBe(0);
    expect(scaling.move).toBeCloseTo(1 / 3, 10);
    expect(scaling.spreadChange).toBeCloseTo(-scaling.before!.spread, 10);
  });

  it("marks added, removed and no-longer-placed items and keeps their ranks", () => {
    const { before, after } = pair();
    const c = byId(compareSnapshots(before, after).changes);
    expect(c.get("markup")).toMatchObject({ presence: "removed", after: null, move: null, spreadChange: null, rankAfter: null });
    expect(c.get("evals")).toMatchObject({ presence: "added", before: null, move: null, rankBefore: null });
    expect(c.get("evals")!.after!.n).toBe(1);
    expect(c.get("rlhf")!.rankBefore).toBe(1);
    // unplaced items exist in both but have no statistics, so no rank and no move
    const unplaced = compareSnapshots(before, after).changes.find((x) => x.presence === "both" && !x.before && !x.after)!;
    expect(unplaced).toMatchObject({ rankBefore: null, rankAfter: null, move: null });
    // every item of either snapshot appears once
    const ids = new Set([...before.items, ...after.items].map((i) => i.id));
    expect(compareSnapshots(before, after).changes.map((x) => x.id).sort()).toEqual([...ids].sort());
  });

  it("compares a snapshot with itself as no change at all", () => {
    const { before } = pair();
    for (const change of compareSnapshots(before, before).changes) {
      if (change.before) expect([change.move, change.spreadChange]).toEqual([0, 0]);
      expect(change.rankAfter).toBe(change.rankBefore);
    }
    expect(summarizeChanges(compareSnapshots(before, before).changes)).toMatch(/^\d+ items placed in both; no centre moved\. No item's spread changed\.$/);
  });

  it("sums the changes up in words, counting items", () => {
    const { before, after } = pair();
    expect(summarizeChanges(compareSnapshots(before, after).changes)).toMatch(
      /items placed in both; their centres moved \d\.\d\d cells on average, “.+” the most \(\d\.\d\d\)\. The group came closer together on \d items? and further apart on \d items?\. 1 new, 1 deleted in between\.$/,
    );
  });

  it("says when the grid changed between the two", () => {
    const { before, after } = pair();
    const renamed = { ...after, board: { ...after.board, grid: { ...after.board.grid, columns: after.board.grid.columns.map((col, i) => (i === 0 ? { ...col, label: "Typical case" } : col)) } } };
    expect(compareSnapshots(before, renamed).gridChanged).toBe(true);
  });

  it("sorts by any column either way, with missing values last both ways", () => {
    const { before, after } = pair();
    const { changes } = compareSnapshots(before, after);
    for (const direction of ["ascending", "descending"] as const) {
      const sorted = sortChanges(changes, "move", direction);
      const values = sorted.map((c) => c.move);
      const present = values.filter((v): v is number => v !== null);
      expect(values.slice(0, present.length)).toEqual(present);
      expect(values.slice(present.length).every((v) => v === null)).toBe(true);
      const expected = [...present].sort((a, b) => (direction === "ascending" ? a - b : b - a));
      expect(present).toEqual(expected);
    }
    // rlhf: 1.155 → 0.667 (−0.488); scaling: 0.471 → 0 (−0.471)
    expect(sortChanges(changes, "spreadChange", "ascending").slice(0, 2).map((c) => c.id)).toEqual(["rlhf", "scaling"]);
    expect(sortChanges(changes, "text", "ascending").map((c) => c.text)).toEqual(
      [...changes].map((c) => c.text).sort((a, b) => a.toLocaleLowerCase().localeCompare(b.toLocaleLowerCase())),
    );
    // sorting never drops or duplicates an entry
    expect(sortChanges(changes, "rankAfter", "descending")).toHaveLength(changes.length);
  });

  it("exports the comparison as CSV, one row per item in the order given", () => {
    const { before, after } = pair();
    const sorted = sortChanges(compareSnapshots(before, after).changes, "move", "descending");
    const lines = comparisonCsv(before, after, sorted).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "item_id,item_text,presence,rank_before,rank_after,n_before,n_after,centroid_col_before,centroid_row_before,centroid_col_after,centroid_row_after,centroid_move,spread_before,spread_after,spread_change,modal_cell_before,modal_cell_after,split_before,split_after,shape_before,shape_after,reasons_changed",
    );
    expect(lines[1]!.startsWith("rlhf,")).toBe(true);
    // RLHF: three people in three cells, in both — too few for a split, scattered both times, no reasons.
    expect(lines[1]!.endsWith(",,,diffuse,diffuse,0")).toBe(true);
    expect(lines).toHaveLength(sorted.length + 1);
    const removed = lines.find((l) => l.startsWith("markup,"))!;
    expect(removed).toContain(",removed,");
  });
});

describe("a comparison as Markdown", () => {
  it("summarises, then gives one row per item in the order given, with user text escaped", () => {
    const { before, after } = pair();
    const comparison = compareSnapshots(before, after);
    const sorted = sortChanges(comparison.changes, "move", "descending");
    const md = comparisonMarkdown(before, after, { ...comparison, changes: sorted }, { before: "Round 1", after: "Now" });
    const lines = md.split("\n");
    expect(lines[0]).toBe("# Alignment reading group — week 3: what changed");
    expect(lines[2]).toMatch(/^From \*\*Round 1\*\* to \*\*Now\*\*: \d+ items placed in both; their centres moved /);
    const rows = lines.filter((l) => l.startsWith("| ") && !l.startsWith("| Item"));
    expect(rows).toHaveLength(sorted.length);
    // Three people in three cells, before and after: there is no common cell to name.
    expect(rows[0]).toMatch(/^\| RLHF \| 1 → \d \| 0\.47 \| 1\.15 → 0\.67 \| −0\.49 \(closer together\) \| scattered → scattered \| no common cell → no common cell \|$/);
    // The deleted item is marked, and its markup and pipe cannot break the table.
    const deleted = rows.find((r) => r.includes("(deleted)"))!;
    expect(deleted).toContain("\\<img src=x onerror=alert\\(1\\)\\> \\| pipe (deleted)");
    expect(deleted.match(/(?<!\\)\|/g)).toHaveLength(8);
    expect(md).not.toContain("grid’s rows or columns changed");
  });
});
