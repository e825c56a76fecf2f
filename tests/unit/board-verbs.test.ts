import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createBoard } from "../../lib/board/create-board";
import { boardVerbs } from "../../lib/board/verbs";
import { boardReader, readBoard } from "../../lib/board/doc";

const T0 = 1_767_225_600_000;

function board(): Y.Doc {
  const doc = new Y.Doc();
  createBoard(doc, { title: "Verbs", template: "alignment", createdAt: T0 });
  return doc;
}

const verbsOf = (doc: Y.Doc, participant: string | null, open = () => true) => boardVerbs(doc, boardReader(doc).read, () => participant, open);

describe("a connection's verbs", () => {
  it("place and unplace write as this device's participant, from the item and the point alone", () => {
    const doc = board();
    const verbs = verbsOf(doc, "p-ada");
    verbs.join({ name: "Ada", color: "#2563eb", joinedAt: T0 });
    expect(verbs.place("rlhf", { col: 1.5, row: 0.5 })).toBe(true);
    expect(readBoard(doc).placements).toEqual([expect.objectContaining({ item: "rlhf", participant: "p-ada", col: 1.5, row: 0.5 })]);
    expect(readBoard(doc).participants).toEqual([{ id: "p-ada", name: "Ada", color: "#2563eb", joinedAt: T0 }]);
    verbs.unplace("rlhf");
    expect(readBoard(doc).placements).toEqual([]);
  });

  it("a point outside the grid the document holds now is refused, and nothing is written", () => {
    const doc = board();
    const verbs = verbsOf(doc, "p-ada");
    const grid = readBoard(doc).meta.grid;
    expect(verbs.place("rlhf", { col: grid.columns.length, row: 0 })).toBe(false);
    // The grid shrinks after the verbs were made: the next placement is checked against the smaller one.
    expect(grid.columns.length).toBeGreaterThan(2);
    verbs.setMeta("grid", { rows: grid.rows.slice(0, 2), columns: grid.columns.slice(0, 2) });
    expect(verbs.place("rlhf", { col: 2.5, row: 0.5 })).toBe(false);
    expect(verbs.place("rlhf", { col: 1.5, row: 0.5 })).toBe(true);
    expect(readBoard(doc).placements.map((p) => [p.col, p.row])).toEqual([[1.5, 0.5]]);
  });

  it("items are added under this device's participant, who can also leave the board", () => {
    const doc = board();
    const verbs = verbsOf(doc, "p-ada");
    verbs.addItem({ id: "i-new", text: "Interpretability", note: "why" });
    expect(readBoard(doc).items.find((i) => i.id === "i-new")).toMatchObject({ createdBy: "p-ada", text: "Interpretability", note: "why" });
    verbs.join({ name: "Ada", color: "#2563eb", joinedAt: T0 });
    verbs.leave();
    expect(readBoard(doc).participants).toEqual([]);
  });

  it("a tab that only watches, or a closed connection, writes nothing of its own", () => {
    const doc = board();
    const watching = verbsOf(doc, null);
    expect(watching.place("rlhf", { col: 0.5, row: 0.5 })).toBe(false);
    watching.addItem({ id: "i-new", text: "Nope" });
    watching.join({ name: "Nobody", color: "#2563eb", joinedAt: T0 });
    const closed = verbsOf(doc, "p-ada", () => false);
    expect(closed.place("rlhf", { col: 0.5, row: 0.5 })).toBe(false);
    closed.join({ name: "Ada", color: "#2563eb", joinedAt: T0 });
    const after = readBoard(doc);
    expect(after.placements).toEqual([]);
    expect(after.participants).toEqual([]);
    expect(after.items.some((i) => i.id === "i-new")).toBe(false);
  });
});
