import { describe, expect, it } from "vitest";
import { readPeers } from "../../lib/board/presence";

const user = (participant: string | null, name: string, role = "participant") => ({ participant, name, color: "#2563eb", role });

describe("presence", () => {
  it("lists the other people, validated, one entry per person, sorted by name", () => {
    const states = new Map<number, unknown>([
      [1, { user: user("p-me", "Me"), drag: null }],
      [2, { user: user("p-bo", "Bo"), drag: null }],
      [3, { user: user("p-ada", "Ada"), drag: null }],
      // Ada's second tab, dragging: the dragging tab represents her.
      [4, { user: user("p-ada", "Ada"), drag: { item: "rlhf", col: 1.2, row: 0.4 } }],
      [5, {}],
      [6, { user: { ...user("p-x", "X"), color: "red" }, drag: null }],
      [7, { user: user("p-y", "<b>Y</b>"), drag: { item: "__proto__", col: 1, row: 1 } }],
      [8, { user: user("p-z", "   "), drag: null }],
      [9, { user: user(null, "Viewer", "viewer"), drag: null }],
      [10, { user: user(null, "Viewer", "viewer"), drag: null }],
      [11, null],
      [12, "garbage"],
    ]);
    const peers = readPeers(states, 1);
    expect(peers.map((p) => [p.clientId, p.user.name])).toEqual([
      [4, "Ada"],
      [2, "Bo"],
      [9, "Viewer"],
      [10, "Viewer"],
    ]);
    expect(peers[0]!.drag).toEqual({ item: "rlhf", col: 1.2, row: 0.4 });
  });

  it("is empty when only this tab is here", () => {
    expect(readPeers(new Map([[1, { user: user("p-me", "Me"), drag: null }]]), 1)).toEqual([]);
  });
});
