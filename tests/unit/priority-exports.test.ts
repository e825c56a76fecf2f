import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addItem, placeItem, setGoal } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
import { readBoard } from "../../lib/board/doc";
import { snapshotToDoc } from "../../lib/board/restore";
import { buildSnapshot, decisionList } from "../../lib/snapshot/build";
import { prioritiesCsv } from "../../lib/snapshot/csv";
import { snapshotMarkdown } from "../../lib/snapshot/markdown";
import { parseSnapshot } from "../../lib/snapshot/parse";
import { TEMPLATES } from "../../lib/board/templates";
import { EXPORTED_AT, T0 } from "./sample-board";

/** A risk register on the 3 × 3 risk matrix (goal top-right: likely and severe), three people placing. */
function riskBoard(): Y.Doc {
  const doc = new Y.Doc();
  createBoard(doc, { title: "Launch risks", template: "risk-3x3", createdAt: T0 });
  const grid = TEMPLATES["risk-3x3"].grid;
  const items = ["outage", "churn", "audit", "typo"];
  items.forEach((id, i) => addItem(doc, { id, text: `Risk ${id}`, createdBy: "p-host", createdAt: T0 + i }));
  const place = (item: string, participant: string, col: number, row: number) => placeItem(doc, { item, participant, col, row, at: T0 + 100 }, grid);
  // outage: everyone says likely and severe. churn: two camps. audit: scattered. typo: nobody.
  for (const p of ["p-a", "p-b", "p-c", "p-d"]) place("outage", p, 2.5, 0.5);
  place("churn", "p-a", 2.8, 0.2);
  place("churn", "p-b", 2.8, 0.2);
  place("churn", "p-c", 0.2, 0.2);
  place("churn", "p-d", 0.2, 0.2);
  place("audit", "p-a", 2.9, 0.1);
  place("audit", "p-b", 1.5, 2.9);
  place("audit", "p-c", 0.1, 0.1);
  return doc;
}

const raw = (snapshot: unknown) => JSON.parse(JSON.stringify(snapshot)) as { board: Record<string, unknown>; items: Array<{ stats: Record<string, unknown> | null }> };

describe("priority in the snapshot format", () => {
  it("carries the goal and each item's priority, and reads back the same", () => {
    const snapshot = buildSnapshot("b", readBoard(riskBoard()), EXPORTED_AT);
    expect(snapshot.board.goal).toBe("top-right");
    // outage's centre (2.5, 0.5) is √0.5 from (3, 0) on a grid whose diagonal is √18: 1 − 1/6.
    expect(snapshot.items.find((i) => i.id === "outage")!.stats!.priority).toBeCloseTo(5 / 6, 12);
    const parsed = parseSnapshot(raw(snapshot));
    expect(parsed.ok && parsed.snapshot).toEqual(snapshot);
  });

  it("works a priority out when a file lacks it, from the file's goal (none in a file from before goals)", () => {
    const snapshot = buildSnapshot("b", readBoard(riskBoard()), EXPORTED_AT);
    const file = raw(snapshot);
    for (const item of file.items) if (item.stats) delete item.stats.priority;
    const parsed = parseSnapshot(file);
    expect(parsed.ok && parsed.snapshot.items.map((i) => i.stats?.priority)).toEqual(snapshot.items.map((i) => i.stats?.priority));
    delete file.board.goal;
    const old = parseSnapshot(file);
    expect(old.ok && old.snapshot.items.map((i) => i.stats?.priority ?? null)).toEqual([null, null, null, null]);
  });

  it("refuses a priority that does not fit the board's goal, at its path", () => {
    const file = raw(buildSnapshot("b", readBoard(riskBoard()), EXPORTED_AT));
    file.items[0]!.stats!.priority = null;
    expect(parseSnapshot(file)).toMatchObject({ ok: false, path: "items[0].stats.priority", message: "must be a number when the board has a goal" });
    const noGoal = raw(buildSnapshot("b", readBoard(riskBoard()), EXPORTED_AT));
    delete noGoal.board.goal;
    expect(parseSnapshot(noGoal)).toMatchObject({ ok: false, path: "items[0].stats.priority", message: "must be null when the board has no goal" });
    const badGoal = raw(buildSnapshot("b", readBoard(riskBoard()), EXPORTED_AT));
    badGoal.board.goal = "centre";
    expect(parseSnapshot(badGoal)).toMatchObject({ ok: false, path: "board.goal" });
  });

  it("the shipped files import unchanged: no goal, no priorities", () => {
    const fixtures = path.join(__dirname, "../fixtures");
    for (const name of fs.readdirSync(fixtures).filter((n) => n.endsWith(".json"))) {
      const parsed = parseSnapshot(JSON.parse(fs.readFileSync(path.join(fixtures, name), "utf8")));
      if (!parsed.ok) throw new Error(`${name}: ${parsed.path}: ${parsed.message}`);
      expect(parsed.snapshot.board.goal, name).toBeUndefined();
      for (const item of parsed.snapshot.items) if (item.stats) expect(item.stats.priority, `${name} ${item.id}`).toBeNull();
      expect(readBoard(snapshotToDoc(parsed.snapshot)).meta.goal, name).toBeNull();
    }
  });

  it("an import keeps the goal corner", () => {
    const doc = riskBoard();
    setGoal(doc, "bottom-left");
    const snapshot = buildSnapshot("b", readBoard(doc), EXPORTED_AT);
    expect(readBoard(snapshotToDoc(snapshot)).meta.goal).toBe("bottom-left");
  });
});

describe("the decision list", () => {
  it("ranks by priority and flags the contested top 3, in the CSV and the report alike", () => {
    const snapshot = buildSnapshot("b", readBoard(riskBoard()), EXPORTED_AT);
    const list = decisionList(snapshot);
    // outage 0.833 (agreed); churn: centre (1.5, 0.2), 1 − √2.29/√18 ≈ 0.643, two camps; audit: centre (1.5, 1.03), ≈ 0.571, scattered; typo unplaced.
    expect(list.map((d) => [d.item.id, d.flag])).toEqual([
      ["outage", null],
      ["churn", "top 3, but split"],
      ["audit", "top 3, but scattered"],
      ["typo", null],
    ]);
    const csv = prioritiesCsv(snapshot).split("\r\n");
    expect(csv[1]).toBe("1,outage,Risk outage,,0.833,0.000,agreed,4,2.500,0.500,Severe impact / Likely,");
    expect(csv[2]).toMatch(/^2,churn,Risk churn,,0\.643,1\.300,two camps \(2 vs 2\),4,1\.500,0\.200,Severe impact \/ Possible,"top 3, but split"$/);
    // Nobody placed it: no rank, so a tracker sorting by rank never reads it as the last priority.
    expect(csv[4]).toBe(",typo,Risk typo,,,,,0,,,,");

    const md = snapshotMarkdown(snapshot);
    expect(md).toContain("## Decisions\n\nGoal corner: **top right** (Severe impact, Likely). Items highest priority first:");
    expect(md).toContain("| 2 | Risk churn | 0.64 | Severe impact, Possible | 1.30 | two camps (2 vs 2) | top 3, but split |");
    expect(md.indexOf("## Decisions")).toBeLessThan(md.indexOf("## Items, most contested first"));
  });

  it("without a goal corner the report says there are no priorities, and the list is the most contested order", () => {
    const doc = riskBoard();
    setGoal(doc, null);
    const snapshot = buildSnapshot("b", readBoard(doc), EXPORTED_AT);
    expect(snapshotMarkdown(snapshot)).toContain("## Decisions\n\nThis board has no goal corner, so its items have no priorities.");
    // audit (spread ≈ 1.75) is more contested than churn (1.3).
    expect(decisionList(snapshot).map((d) => [d.item.id, d.flag])).toEqual([
      ["audit", null],
      ["churn", null],
      ["outage", null],
      ["typo", null],
    ]);
    expect(prioritiesCsv(snapshot).split("\r\n")[1]).toMatch(/^1,audit,Risk audit,,,1\.746,scattered,3,/);
  });
});
