import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { setMeta } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
import { DEFAULT_META, readBoard, type BoardState } from "../../lib/board/doc";
import { groupOf, pairsOfRound } from "../../lib/board/pairs";
import { makePairs } from "../../lib/stats/pairs";
import { MetaFieldSchemas } from "../../lib/board/schema";
import { pairsMarkdown } from "../../lib/snapshot/pairs-markdown";
import { disagreementOf, pairUp, type PairingPlacement } from "../../lib/stats/pairs";
import { inspectUpdate } from "../../server/sync/inspect";

const at = (participant: string, item: string, col: number, row = 0.5): PairingPlacement => ({ item, participant, col, row });

describe("pairUp", () => {
  it("pairs two opposing camps across the camps, largest disagreement first, with each pair's items furthest apart first", () => {
    // A and B near the top-left, C and D near the bottom-right.
    const placements = [
      at("A", "x", 0.5),
      at("A", "y", 0.5),
      at("B", "x", 1.0),
      at("B", "y", 0.5),
      at("C", "x", 2.5, 2.5),
      at("C", "y", 2.5, 2.5),
      at("D", "x", 2.5, 2.0),
      at("D", "y", 2.5, 2.5),
    ];
    const groups = pairUp(["A", "B", "C", "D"], placements, ["x", "y"]);
    // A–C: both items 2√2 apart. Then B–D: x is 1.5√2 apart, y 2√2, so y comes first and the mean is 1.75√2.
    expect(groups.map((g) => g.members)).toEqual([
      ["A", "C"],
      ["B", "D"],
    ]);
    expect(groups[0]!.disagreement).toBeCloseTo(2 * Math.SQRT2, 12);
    expect(groups[0]!.items).toEqual(["x", "y"]);
    expect(groups[1]!.disagreement).toBeCloseTo(1.75 * Math.SQRT2, 12);
    expect(groups[1]!.items).toEqual(["y", "x"]);
  });

  it("makes a trio of the one left over, with the pair they disagree with most", () => {
    // One item z along the top row: P 0.5, Q 4.5, S 1.5, T 3.0, R 2.0. Only P and R placed w, 4 apart.
    const placements = [at("P", "z", 0.5), at("Q", "z", 4.5), at("S", "z", 1.5), at("T", "z", 3.0), at("R", "z", 2.0), at("P", "w", 0.5), at("R", "w", 4.5)];
    const groups = pairUp(["P", "Q", "S", "T", "R"], placements, ["z", "w"]);
    // P–Q (4) first; then S–T (1.5, the first free pair among the ties). R is 2.75 from P (mean of 1.5 and 4) and 2.5 from Q:
    // 2.625 on average, against 0.75 from S and T: R joins P and Q.
    expect(groups.map((g) => g.members)).toEqual([
      ["P", "Q", "R"],
      ["S", "T"],
    ]);
    expect(groups[0]!.disagreement).toBeCloseTo((4 + 2.75 + 2.5) / 3, 12);
    // For the trio, w's members are 4 apart; z's mean distance among P, Q and R is (4 + 1.5 + 2.5) / 3.
    expect(groups[0]!.items).toEqual(["w", "z"]);
    expect(groups[1]).toEqual({ members: ["S", "T"], items: ["z"], disagreement: 1.5 });
  });

  it("matches people who share no item last, and gives them no items", () => {
    const placements = [at("A", "x", 0.5), at("C", "x", 0.6), at("B", "y", 0.5), at("D", "y", 2.5)];
    const groups = pairUp(["A", "B", "C", "D", "E", "F"], placements, ["x", "y"]);
    expect(groups.map((g) => [g.members, g.disagreement])).toEqual([
      [["B", "D"], 2],
      [["A", "C"], expect.closeTo(0.1, 12)],
      [["E", "F"], null],
    ]);
    expect(groups[2]!.items).toEqual([]);
    expect(disagreementOf(new Map([["x", { col: 0, row: 0 }]]), new Map([["y", { col: 0, row: 0 }]]))).toBeNull();
  });

  it("keeps only the three items placed furthest apart, and leaves out those placed in the same spot", () => {
    const items = ["a", "b", "c", "d", "e"];
    const gaps = { a: 0.5, b: 2, c: 0, d: 1, e: 3 };
    const placements = items.flatMap((item) => [at("A", item, 0.5), at("B", item, 0.5 + gaps[item as keyof typeof gaps])]);
    expect(pairUp(["A", "B"], placements, items)[0]!.items).toEqual(["e", "b", "d"]);
    const sameSpot = items.flatMap((item) => [at("A", item, 0.5), at("B", item, 0.5)]);
    expect(pairUp(["A", "B"], sameSpot, items)[0]).toEqual({ members: ["A", "B"], items: [], disagreement: 0 });
  });

  it("pairs nobody when fewer than two people are here", () => {
    expect(pairUp([], [], [])).toEqual([]);
    expect(pairUp(["A"], [at("A", "x", 1)], ["x"])).toEqual([]);
  });
});

describe("pairs on a board", () => {
  const board = (round: number): BoardState => ({
    meta: { ...DEFAULT_META, round },
    items: ["x"].map((id) => ({ id, text: `Item ${id}`, createdBy: "template", createdAt: 1 })),
    participants: [],
    placements: [
      { item: "x", participant: "A", col: 0.5, row: 0.5, at: 1 },
      { item: "x", participant: "B", col: 2.5, row: 0.5, at: 1 },
    ],
    invalid: { meta: 0, items: 0, placements: 0, participants: 0 },
  });

  it("are stored as meta.pairs accepts them and shown only in the round they were made in", () => {
    const pairs = makePairs(board(2), ["A", "B"], 1000);
    expect(MetaFieldSchemas.pairs.parse(pairs)).toEqual({ round: 2, at: 1000, groups: [{ members: ["A", "B"], items: ["x"], disagreement: 2 }] });
    expect(groupOf({ round: 2, pairs }, "B")?.members).toEqual(["A", "B"]);
    expect(groupOf({ round: 2, pairs }, "C")).toBeNull();
    expect(pairsOfRound({ round: 3, pairs })).toBeNull();
    expect(MetaFieldSchemas.pairs.safeParse({ ...pairs, groups: [{ members: ["A"], items: [], disagreement: null }] }).success).toBe(false);
  });
});

describe("the new meta fields are the facilitator's", () => {
  it("refuses a participant's write of meta.discussed and meta.pairs, and accepts the facilitator's", () => {
    const server = new Y.Doc();
    createBoard(server, { title: "Board", template: "alignment" });
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const writes = {
      discussed: () => setMeta(client, "discussed", ["rlhf"]),
      pairs: () => setMeta(client, "pairs", { round: 1, at: 5, groups: [{ members: ["a", "b"], items: ["rlhf"], disagreement: 1 }] }),
    };
    for (const [field, write] of Object.entries(writes)) {
      const updates: Uint8Array[] = [];
      const capture = (u: Uint8Array) => updates.push(u);
      client.on("update", capture);
      write();
      client.off("update", capture);
      const update = Y.mergeUpdates(updates);
      const refused = inspectUpdate(server, update, { allowMeta: false });
      expect(refused.reason, field).toMatch(/only the facilitator/);
      expect(refused.writtenKeys).toEqual([["meta", field]]);
      expect(inspectUpdate(server, update, { allowMeta: true }).reason, field).toBeNull();
      Y.applyUpdate(server, update);
    }
    expect(readBoard(server).meta.discussed).toEqual(["rlhf"]);
    expect(readBoard(server).meta.pairs?.groups[0]?.members).toEqual(["a", "b"]);
  });
});

describe("pairsMarkdown", () => {
  it("lists each group with its names, disagreement and items, as text", () => {
    const names: Record<string, string> = { a: "Ada", b: "Bob *B*", c: "Cy", d: "Di", e: "Ed" };
    const text = pairsMarkdown({
      title: "Week 5",
      round: 2,
      at: Date.UTC(2026, 11, 6, 14, 5),
      groups: [
        { members: ["a", "b", "e"], items: ["x", "y"], disagreement: 2.345 },
        { members: ["c", "d"], items: [], disagreement: null },
      ],
      nameOf: (id) => names[id]!,
      itemText: (id) => (id === "x" ? "RLHF [draft]" : "Scaling"),
    });
    expect(text).toBe(
      [
        "# Pairs: Week 5",
        "",
        "Round: 2  ",
        "Paired: 6 December 2026, 14:05 UTC  ",
        "Groups: 2",
        "",
        "## 1. Ada, Bob \\*B\\* and Ed",
        "",
        "Disagreement: 2.35 cells (mean distance between their placements)",
        "",
        "Talk about:",
        "",
        "1. RLHF \\[draft\\]",
        "2. Scaling",
        "",
        "## 2. Cy and Di",
        "",
        "Disagreement: none measured (they placed no item in common)",
        "",
        "No item placed apart: compare reasons on any item.",
        "",
      ].join("\n"),
    );
  });
});
