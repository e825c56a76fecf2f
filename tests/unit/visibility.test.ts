import { describe, expect, it } from "vitest";
import type { BoardState } from "../../lib/board/doc";
import { DEFAULT_META, withPseudonyms } from "../../lib/board/doc";
import { buildSnapshot } from "../../lib/snapshot/build";
import { rosterOf } from "../../lib/board/people";
import { stillPlacing, visibleBoard } from "../../lib/board/visibility";

const T0 = 1_767_225_600_000;
const item = (id: string) => ({ id, text: id, createdBy: "p-a", createdAt: T0 });
const person = (id: string) => ({ id, name: id, color: "#2563eb", joinedAt: T0 });
const at = (item: string, participant: string) => ({ item, participant, col: 0.5, row: 0.5, at: T0 });

function board(blind: boolean): BoardState {
  return {
    meta: { ...DEFAULT_META, blind },
    items: [item("x"), item("y")],
    participants: [person("p-a"), person("p-b"), person("p-c")],
    placements: [at("x", "p-a"), at("y", "p-a"), at("x", "p-b")],
    invalid: { meta: 0, items: 0, placements: 0, participants: 0 },
  };
}

describe("who is still placing", () => {
  it("lists the people counted who have not placed the focused item, or not every item, those here first", () => {
    const b = board(false);
    const everyone = rosterOf(b, ["p-a", "p-b", "p-c"]);
    expect(stillPlacing(b, everyone, null)).toEqual([
      { id: "p-b", name: "p-b", placed: 1, here: true },
      { id: "p-c", name: "p-c", placed: 0, here: true },
    ]);
    expect(stillPlacing(b, everyone, "x").map((p) => p.id)).toEqual(["p-c"]);
    // Someone who left is still waited for, and said to be away.
    expect(stillPlacing(b, rosterOf(b, ["p-a", "p-b"]), "x")).toEqual([{ id: "p-c", name: "p-c", placed: 0, here: false }]);
    expect(stillPlacing(b, rosterOf(b, ["p-c"]), null).map((p) => [p.id, p.here])).toEqual([
      ["p-c", true],
      ["p-b", false],
    ]);
  });
});

describe("blind rounds", () => {
  it("show a participant only their own placements, with the group's progress", () => {
    const { board: seen, visibility } = visibleBoard(board(true), "participant", "p-b", false);
    expect(seen.placements).toEqual([at("x", "p-b")]);
    expect(visibility.showGroup).toBe(false);
    expect(visibility.progress).toEqual({ count: "1 of 3", rest: "placed everything", away: null });
    expect([...visibility.placedBy.get("x")!]).toEqual(["p-a", "p-b"]);
  });

  it("show a viewer nothing, and the facilitator everything only when peeking", () => {
    expect(visibleBoard(board(true), "viewer", null, false).board.placements).toEqual([]);
    expect(visibleBoard(board(true), "viewer", null, true).board.placements).toEqual([]);
    expect(visibleBoard(board(true), "facilitator", "p-a", false).board.placements).toHaveLength(2);
    expect(visibleBoard(board(true), "facilitator", "p-a", true).board.placements).toHaveLength(3);
  });

  it("change nothing outside a blind round", () => {
    const open = board(false);
    expect(visibleBoard(open, "participant", "p-b", false).board).toBe(open);
  });
});

describe("anonymous boards", () => {
  it("name everyone by order of joining, on screen and in exports, and leave named boards alone", () => {
    const named = board(false);
    expect(withPseudonyms(named)).toBe(named);
    const anonymous = { ...named, meta: { ...named.meta, anonymous: true } };
    expect(withPseudonyms(anonymous).participants.map((p) => p.name)).toEqual(["Participant 1", "Participant 2", "Participant 3"]);
    expect(withPseudonyms(anonymous).participants.map((p) => p.id)).toEqual(["p-a", "p-b", "p-c"]);
    expect(buildSnapshot("b", anonymous).participants.map((p) => p.name)).toEqual(["Participant 1", "Participant 2", "Participant 3"]);
    expect(buildSnapshot("b", named).participants.map((p) => p.name)).toEqual(["p-a", "p-b", "p-c"]);
  });
});
