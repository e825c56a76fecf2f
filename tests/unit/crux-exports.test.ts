import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { joinParticipant, placeItem, setReason } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
import { readBoard, roots } from "../../lib/board/doc";
import { replayHistory } from "../../lib/board/history";
import { placementKey } from "../../lib/board/schema";
import { ALIGNMENT_GRID } from "../../lib/board/templates";
import { buildSnapshot } from "../../lib/snapshot/build";
import { compareSnapshots, summarizeChanges } from "../../lib/snapshot/compare";
import { placementsCsv, statsCsv } from "../../lib/snapshot/csv";
import { comparisonMarkdown, snapshotMarkdown } from "../../lib/snapshot/markdown";
import { parseSnapshot, readSnapshot } from "../../lib/snapshot/parse";
import { rankByContest, rankSplitFirst } from "../../lib/stats";
import { groupReasons } from "../../lib/stats/reasons";
import { shapeSentence, shapeWords } from "../../lib/stats/shape-words";
import { T0 } from "./sample-board";

const PEOPLE = [
  ["p-ada", "Ada"],
  ["p-ben", "Ben"],
  ["p-cy", "Cy"],
  ["p-di", "Di"],
  ["p-eve", "Eve"],
] as const;

/** Five people: RLHF split 3 against 2 (top-left against bottom-right), Scaling scattered, AI control agreed. */
function splitBoard(): Y.Doc {
  const doc = new Y.Doc();
  createBoard(doc, { title: "Cruxes", template: "alignment", createdAt: T0 });
  PEOPLE.forEach(([id, name], i) => joinParticipant(doc, { id, name, color: "#2563eb", joinedAt: T0 + i }));
  const place = (item: string, participant: string, col: number, row: number, dt: number) =>
    placeItem(doc, { item, participant, col, row, at: T0 + 1000 + dt }, ALIGNMENT_GRID);
  place("rlhf", "p-ada", 0.4, 0.5, 1);
  place("rlhf", "p-ben", 0.6, 0.4, 2);
  place("rlhf", "p-cy", 0.5, 0.6, 3);
  place("rlhf", "p-di", 2.5, 2.4, 4);
  place("rlhf", "p-eve", 2.4, 2.6, 5);
  place("scaling", "p-ada", 0.5, 0.5, 10);
  place("scaling", "p-ben", 1.5, 2.5, 11);
  place("scaling", "p-cy", 2.5, 1.2, 12);
  place("scaling", "p-di", 2.5, 0.5, 20);
  place("ai-control", "p-ada", 2.5, 1.5, 30);
  place("ai-control", "p-ben", 2.6, 1.4, 31);
  setReason(doc, "rlhf", "p-ada", "It is capabilities work | with a <b>safety</b> label");
  setReason(doc, "rlhf", "p-di", "Feedback is the worst-case problem in miniature");
  setReason(doc, "scaling", "p-ada", "Depends on what counts as scaling");
  return doc;
}

describe("crux statistics and reasons in the exports", () => {
  it("the snapshot JSON carries split, camps, shape and each reason", () => {
    const snap = buildSnapshot("b", readBoard(splitBoard()));
    const rlhf = snap.items.find((i) => i.id === "rlhf")!;
    expect(rlhf.stats!.shape).toBe("split");
    expect(rlhf.stats!.split).toBeGreaterThan(0.9);
    expect(rlhf.stats!.camps!.map((c) => c.participants)).toEqual([
      ["p-ada", "p-ben", "p-cy"],
      ["p-di", "p-eve"],
    ]);
    expect(rlhf.placements.find((p) => p.participant === "p-di")!.reason).toBe("Feedback is the worst-case problem in miniature");
    expect(rlhf.placements.find((p) => p.participant === "p-ben")).not.toHaveProperty("reason");
    expect(snap.items.find((i) => i.id === "ai-control")!.stats!).toMatchObject({ split: null, camps: null, shape: "agreed" });
    // Round trip through the one parse step keeps every field.
    const parsed = parseSnapshot(JSON.parse(JSON.stringify(snap)));
    expect(parsed.ok && parsed.snapshot).toEqual(snap);
  });

  it("a file written before the crux statistics gets them worked out on import", () => {
    const snap = JSON.parse(JSON.stringify(buildSnapshot("b", readBoard(splitBoard()))));
    for (const item of snap.items) if (item.stats) for (const k of ["split", "camps", "shape"]) delete item.stats[k];
    const parsed = parseSnapshot(snap);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.snapshot.items.find((i) => i.id === "rlhf")!.stats).toMatchObject({ shape: "split" });
  });

  it("refuses crux statistics that do not hang together, naming where, and reads without working them out", () => {
    const fresh = () => JSON.parse(JSON.stringify(buildSnapshot("b", readBoard(splitBoard()))));
    const rlhfOf = (snap: { items: Array<{ id: string; stats: Record<string, unknown> }> }) => snap.items.find((i) => i.id === "rlhf")!;
    const refused = (change: (stats: Record<string, unknown>) => void) => {
      const snap = fresh();
      change(rlhfOf(snap).stats);
      const result = parseSnapshot(snap);
      return result.ok ? null : `${result.path}: ${result.message}`;
    };
    expect(refused((s) => (s.camps = null))).toMatch(/^items\[\d+\]\.stats\.camps: must be null exactly when split is$/);
    expect(refused((s) => delete s.shape)).toMatch(/\.stats\.shape: split, camps and shape come together/);
    expect(refused((s) => (s.split = 0.5))).toMatch(/\.stats\.shape: "split" needs camps and a split of at least 0.75/);
    expect(refused((s) => ((s.camps as Array<{ participants: string[] }>)[1]!.participants = ["p-ada", "p-zed"]))).toMatch(/\.stats\.camps: must divide exactly/);
    expect(refused((s) => (s.split = null))).toMatch(/\.stats\.split: must be a number with at least 4 placements/);
    expect(refused(() => {})).toBeNull();
    // Reading for an import leaves what a file lacks unworked.
    const old = fresh();
    for (const k of ["split", "camps", "shape"]) delete rlhfOf(old).stats[k];
    const read = readSnapshot(old);
    expect(read.ok && read.snapshot.items.find((i) => i.id === "rlhf")!.stats!.split).toBeUndefined();
  });

  it("refuses a file whose reason is too long or not text, naming where", () => {
    const snap = JSON.parse(JSON.stringify(buildSnapshot("b", readBoard(splitBoard()))));
    snap.items.find((i: { id: string }) => i.id === "rlhf").placements[0].reason = "x".repeat(281);
    const long = parseSnapshot(snap);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.path).toMatch(/^items\[\d+\]\.placements\[0\]\.reason$/);
    snap.items.find((i: { id: string }) => i.id === "rlhf").placements[0].reason = 42;
    expect(parseSnapshot(snap).ok).toBe(false);
  });

  it("the CSVs carry the reason column and the crux columns", () => {
    const snap = buildSnapshot("b", readBoard(splitBoard()));
    const placements = placementsCsv(snap);
    expect(placements.split("\r\n")[0]!.endsWith(",at,reason")).toBe(true);
    expect(placements).toContain(",Feedback is the worst-case problem in miniature\r\n");
    const stats = statsCsv(snap).split("\r\n");
    expect(stats[0]).toContain(",split,shape,camp1_size,camp1_col,camp1_row,camp1_participants,camp2_size,");
    const rlhf = stats.find((l) => l.includes(",rlhf,"))!;
    expect(rlhf).toContain(",split,3,");
    expect(rlhf).toContain(",Ada; Ben; Cy,2,");
    expect(rlhf).toMatch(/,Di; Eve,\d\.\d{3}$/);
  });

  it("the Markdown report says the shape and lists reasons under their camp, escaped", () => {
    const md = snapshotMarkdown(buildSnapshot("b", readBoard(splitBoard())));
    const section = md.slice(md.indexOf("### RLHF"), md.indexOf("\n### ", md.indexOf("### RLHF")));
    expect(section).toContain("Shape: **two camps (3 vs 2)**");
    expect(section).toContain("3 around Engineering, Average-case (Ada, Ben, Cy); 2 around Cognitivist science, Worst-case (Di, Eve)");
    expect(section).toContain("#### Reasons");
    const ada = section.indexOf("- Ada: It is capabilities work \\| with a \\<b\\>safety\\</b\\> label");
    const di = section.indexOf("- Di: Feedback is the worst-case problem in miniature");
    expect(section.indexOf("**Camp of 3, around Engineering, Average-case**")).toBeLessThan(ada);
    expect(ada).toBeGreaterThan(0);
    expect(section.indexOf("**Camp of 2, around Cognitivist science, Worst-case**")).toBeLessThan(di);
    expect(section).not.toContain("Ben:");
    // Not split: reasons by cell.
    const scaling = md.slice(md.indexOf("### Scaling"));
    expect(scaling).toContain("**Engineering, Average-case**\n\n- Ada: Depends on what counts as scaling");
    expect(scaling).toContain("Shape: **scattered**");
  });

  it("compare lists reasons given, changed and taken back between two snapshots", () => {
    const doc = splitBoard();
    const before = buildSnapshot("b", readBoard(doc));
    setReason(doc, "rlhf", "p-ada", "Changed my mind about the label");
    setReason(doc, "rlhf", "p-di", "");
    setReason(doc, "rlhf", "p-eve", "New reason");
    const after = buildSnapshot("b", readBoard(doc));
    const comparison = compareSnapshots(before, after);
    const rlhf = comparison.changes.find((c) => c.id === "rlhf")!;
    expect(rlhf.reasonChanges).toEqual([
      { participant: "p-ada", before: "It is capabilities work | with a <b>safety</b> label", after: "Changed my mind about the label" },
      { participant: "p-di", before: "Feedback is the worst-case problem in miniature", after: null },
      { participant: "p-eve", before: null, after: "New reason" },
    ]);
    expect(comparison.changes.find((c) => c.id === "scaling")!.reasonChanges).toEqual([]);
    // The summary says so even when nothing moved.
    expect(summarizeChanges(comparison.changes)).toMatch(/no centre moved\. No item's spread changed\. 3 reasons given, changed or taken back, on “RLHF”\.$/);
    const md = comparisonMarkdown(before, after, comparison, { before: "Round 1", after: "Now" });
    expect(md).toContain("## Reasons that changed");
    expect(md).toContain("- Di: “Feedback is the worst-case problem in miniature” → none");
    expect(md).toContain("| two camps (3 vs 2) → two camps (3 vs 2) |");
  });

  it("the timeline carries reasons, so a replay shows them", () => {
    const doc = new Y.Doc();
    const updates: Array<{ update: Uint8Array; at: number }> = [];
    let now = T0;
    doc.on("update", (update: Uint8Array) => updates.push({ update, at: (now += 1000) }));
    createBoard(doc, { title: "Cruxes", template: "alignment", createdAt: T0 });
    joinParticipant(doc, { id: "p-ada", name: "Ada", color: "#2563eb", joinedAt: T0 });
    placeItem(doc, { item: "rlhf", participant: "p-ada", col: 0.5, row: 0.5 }, ALIGNMENT_GRID);
    setReason(doc, "rlhf", "p-ada", "Because");
    const reasons = (options: Parameters<typeof replayHistory>[1]) =>
      replayHistory(updates, options).events.flatMap((e) => (e.kind === "place" ? [e.reason ?? null] : []));
    expect(reasons({ coalesceMs: 0, reasonCoalesceMs: 0 })).toEqual([null, "Because"]);
    // Saved at each pause in typing: the replay keeps the finished sentence, not every fragment.
    setReason(doc, "rlhf", "p-ada", "Because it");
    setReason(doc, "rlhf", "p-ada", "Because it scales");
    expect(reasons({ coalesceMs: 0, reasonCoalesceMs: 0 })).toEqual([null, "Because", "Because it", "Because it scales"]);
    expect(reasons({})).toEqual(["Because it scales"]);
    // A move is its own event however soon a reason follows.
    placeItem(doc, { item: "rlhf", participant: "p-ada", col: 2.5, row: 2.5 }, ALIGNMENT_GRID);
    setReason(doc, "rlhf", "p-ada", "Moved: worst case after all");
    expect(reasons({})).toEqual(["Because it scales", "Moved: worst case after all"]);
  });

  it("readers skip a placement whose reason is too long or not text, and count it", () => {
    const doc = splitBoard();
    const { placements } = roots(doc);
    const key = placementKey("rlhf", "p-eve");
    const good = placements.get(key) as Record<string, unknown>;
    placements.set(key, { ...good, reason: "y".repeat(281) });
    placements.set(placementKey("rlhf", "p-cy"), { ...(placements.get(placementKey("rlhf", "p-cy")) as object), reason: 7 });
    const state = readBoard(doc);
    expect(state.placements.filter((p) => p.item === "rlhf").map((p) => p.participant).sort()).toEqual(["p-ada", "p-ben", "p-di"]);
    expect(state.invalid.placements).toBe(2);
  });
});

describe("setReason", () => {
  it("gives, changes and takes back one's own reason; moving keeps it; an unplaced item has none", () => {
    const doc = splitBoard();
    expect(setReason(doc, "agent-foundations", "p-ada", "no note there")).toBeNull();
    expect(setReason(doc, "rlhf", "p-ben", "  trimmed  ")!.reason).toBe("trimmed");
    placeItem(doc, { item: "rlhf", participant: "p-ben", col: 1.5, row: 1.5 }, ALIGNMENT_GRID);
    expect(readBoard(doc).placements.find((p) => p.item === "rlhf" && p.participant === "p-ben")!.reason).toBe("trimmed");
    expect(setReason(doc, "rlhf", "p-ben", "   ")).not.toHaveProperty("reason");
    expect(() => setReason(doc, "rlhf", "p-ben", "z".repeat(281))).toThrow();
    expect(setReason(doc, "rlhf", "p-ben", "z".repeat(280))!.reason).toHaveLength(280);
  });
});

describe("shape words, split-first order and reason groups", () => {
  const state = () => readBoard(splitBoard());
  const stats = () => buildSnapshot("b", state()).items;

  it("words each shape", () => {
    const items = stats();
    const of = (id: string) => items.find((i) => i.id === id)!.stats;
    expect(shapeWords(of("rlhf"))).toBe("two camps (3 vs 2)");
    expect(shapeWords(of("scaling"))).toBe("scattered");
    expect(shapeWords(of("ai-control"))).toBe("agreed");
    expect(shapeWords(of("agent-foundations"))).toBeNull();
    expect(shapeSentence(of("rlhf"))).toContain("nobody placed it");
    // One placement is not yet a group that agrees.
    const lone = { ...of("ai-control")!, n: 1, spread: 0 };
    expect(shapeWords(lone)).toBe("one placement");
    expect(shapeSentence(lone)).toMatch(/^Only one placement so far/);
  });

  it("puts split items first, then the rest most contested first", () => {
    const items = stats();
    const contested = rankByContest(items).map((i) => i.id);
    const first = rankSplitFirst(items).map((i) => i.id);
    expect(first[0]).toBe("rlhf");
    expect(first.slice(1)).toEqual(contested.filter((id) => id !== "rlhf"));
  });

  it("groups reasons by camp when split, by cell otherwise, leaving out empty ones", () => {
    const items = stats();
    const size = { rows: 3, columns: 3 };
    const rlhf = items.find((i) => i.id === "rlhf")!;
    const groups = groupReasons(rlhf.placements, rlhf.stats, size);
    expect(groups.map((g) => (g.kind === "camp" ? [g.camp, g.size, g.reasons.map((r) => r.participant)] : null))).toEqual([
      [0, 3, ["p-ada"]],
      [1, 2, ["p-di"]],
    ]);
    const scaling = items.find((i) => i.id === "scaling")!;
    expect(groupReasons(scaling.placements, scaling.stats, size)).toEqual([
      { kind: "cell", cell: { row: 0, col: 0 }, reasons: [expect.objectContaining({ participant: "p-ada", reason: "Depends on what counts as scaling" })] },
    ]);
    expect(groupReasons([], null, size)).toEqual([]);
  });
});
