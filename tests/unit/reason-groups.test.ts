import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { reasonGroupHeading } from "../../components/board/reason-headings";
import { addItem, joinParticipant, placeItem, setMeta, setReason } from "../../lib/board/commands";
import { readBoard, withPseudonyms } from "../../lib/board/doc";
import { sizeOf } from "../../lib/board/grid";
import { ALIGNMENT_GRID } from "../../lib/board/templates";
import { visibleBoard } from "../../lib/board/visibility";
import { itemStats } from "../../lib/stats/board";
import { groupReasons } from "../../lib/stats/reasons";

const T0 = 1_767_225_600_000;

/** Scaling placed by four people: two camps, top-left and bottom-right, each with reasons. */
function splitBoard() {
  const doc = new Y.Doc();
  setMeta(doc, "grid", ALIGNMENT_GRID);
  addItem(doc, { id: "scaling", text: "Scaling", createdBy: "p-ana", createdAt: T0 });
  const spots: [string, string, number, number][] = [
    ["p-ana", "Ana", 0.4, 0.4],
    ["p-ben", "Ben", 0.6, 0.5],
    ["p-cy", "Cy", 2.5, 2.5],
    ["p-di", "Di", 2.4, 2.6],
  ];
  for (const [id, name, col, row] of spots) {
    joinParticipant(doc, { id, name, color: "#2563eb", joinedAt: T0 });
    placeItem(doc, { item: "scaling", participant: id, col, row }, ALIGNMENT_GRID);
  }
  setReason(doc, "scaling", "p-ana", "It is capabilities work, plainly");
  setReason(doc, "scaling", "p-cy", "Scale finds the failures <b>first</b>");
  setReason(doc, "scaling", "p-di", "Bigger models, harder oversight");
  return doc;
}

const reasonsSeen = (doc: Y.Doc, role: "participant" | "viewer", me: string | null) => {
  const { board } = visibleBoard(withPseudonyms(readBoard(doc)), role, me, false);
  const [entry] = itemStats(board);
  return { board, entry: entry!, groups: groupReasons(entry!.placements, entry!.stats, sizeOf(board.meta.grid)) };
};

describe("an item's reasons on the board", () => {
  it("are grouped by camp when the group is split, headed by the camp's size and where it is", () => {
    const { entry, groups } = reasonsSeen(splitBoard(), "participant", "p-ben");
    expect(entry.stats?.shape).toBe("split");
    expect(groups.map((g) => reasonGroupHeading(g, entry.stats, ALIGNMENT_GRID))).toEqual([
      "Camp of 2, around Engineering, Average-case",
      "Camp of 2, around Cognitivist science, Worst-case",
    ]);
    expect(groups.map((g) => g.reasons.map((r) => r.participant))).toEqual([["p-ana"], ["p-cy", "p-di"]]);
    // The text is kept as typed: it is shown as text, so markup in it stays letters.
    expect(groups[1]!.reasons[0]!.reason).toBe("Scale finds the failures <b>first</b>");
  });

  it("are grouped by cell otherwise, headed by the cell", () => {
    const doc = splitBoard();
    placeItem(doc, { item: "scaling", participant: "p-di", col: 1.5, row: 0.5 }, ALIGNMENT_GRID);
    const { entry, groups } = reasonsSeen(doc, "participant", "p-ben");
    expect(entry.stats?.shape).not.toBe("split");
    expect(groups.map((g) => reasonGroupHeading(g, entry.stats, ALIGNMENT_GRID))).toEqual([
      "Engineering, Average-case",
      "Engineering, Pessimistic-case",
      "Cognitivist science, Worst-case",
    ]);
    // Moving the note kept Di's reason.
    expect(groups[1]!.reasons[0]!.reason).toBe("Bigger models, harder oversight");
  });

  it("show only one's own in a blind round, and nobody's to a viewer", () => {
    const doc = splitBoard();
    setMeta(doc, "blind", true);
    const cy = reasonsSeen(doc, "participant", "p-cy");
    expect(cy.groups.flatMap((g) => g.reasons).map((r) => [r.participant, r.reason])).toEqual([["p-cy", "Scale finds the failures <b>first</b>"]]);
    const ben = reasonsSeen(doc, "participant", "p-ben");
    expect(ben.groups).toEqual([]);
    expect(ben.entry.placements.map((p) => p.participant)).toEqual(["p-ben"]);
    expect(reasonsSeen(doc, "viewer", null).groups).toEqual([]);
    setMeta(doc, "blind", false);
    expect(reasonsSeen(doc, "participant", "p-ben").groups.flatMap((g) => g.reasons)).toHaveLength(3);
  });

  it("carry pseudonyms, not names, on an anonymous board", () => {
    const doc = splitBoard();
    setMeta(doc, "anonymous", true);
    const { board } = reasonsSeen(doc, "participant", "p-ben");
    expect(board.participants.map((p) => p.name)).toEqual(["Participant 1", "Participant 2", "Participant 3", "Participant 4"]);
  });
});
