import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createBoard, placeItem, setMeta } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import { inspectUpdate } from "../../server/sync/inspect";
import { craftUpdate } from "./crafted-updates";

/** A server doc and a client doc in step, and a way to capture the client's next update. */
function pair() {
  const server = new Y.Doc();
  createBoard(server, { title: "Board", template: "alignment" });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const capture = (fn: () => void): Uint8Array => {
    const updates: Uint8Array[] = [];
    const h = (u: Uint8Array) => updates.push(u);
    client.on("update", h);
    fn();
    client.off("update", h);
    return Y.mergeUpdates(updates);
  };
  return { server, client, capture, grid: readBoard(server).meta.grid };
}

describe("inspectUpdate", () => {
  it("accepts placements and item edits from anyone, meta only from facilitators", () => {
    const { server, client, capture, grid } = pair();
    const place = capture(() => placeItem(client, { item: "rlhf", participant: "p", col: 1, row: 1 }, grid));
    expect(inspectUpdate(server, place, { allowMeta: false }).reason).toBeNull();
    Y.applyUpdate(server, place);
    const meta = capture(() => setMeta(client, "title", "New"));
    expect(inspectUpdate(server, meta, { allowMeta: false }).reason).toMatch(/only the facilitator/);
    const verdict = inspectUpdate(server, meta, { allowMeta: true });
    expect(verdict.reason).toBeNull();
    expect(verdict.newRanges).toEqual([{ client: client.clientID, clock: expect.any(Number), len: 1 }]);
  });

  it("reports the keys an update writes and the current values it deletes", () => {
    const { server, client, capture } = pair();
    const meta = capture(() => setMeta(client, "locked", true));
    const v = inspectUpdate(server, meta, { allowMeta: false });
    expect(v.writtenKeys).toEqual([["meta", "locked"]]);
    expect(v.deletedKeys).toEqual([["meta", "locked"]]);
  });

  it("refuses a placement no grid can hold, and keeps one a smaller grid left outside", () => {
    const { server, grid } = pair();
    /**
     * Each case writes from a fresh copy of the server's state, so no refused write leaks into the next.
     * Without garbage collection an overwritten value is still in the update, marked deleted.
     */
    const reasonOf = (write: (client: Y.Doc) => void) => {
      const client = new Y.Doc({ gc: false });
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
      const updates: Uint8Array[] = [];
      client.on("update", (u: Uint8Array) => updates.push(u));
      write(client);
      return inspectUpdate(server, Y.mergeUpdates(updates), { allowMeta: true }).reason;
    };
    const set = (client: Y.Doc, col: number, row: number) =>
      client.getMap("placements").set("rlhf:p", { item: "rlhf", participant: "p", col, row, at: 1_000 });

    expect(reasonOf((c) => set(c, 5, 0.5))).toBe("placement (5, 0.5) is outside the 5×5 grid");
    expect(reasonOf((c) => set(c, 0.5, -0.001))).toBe("placement (0.5, -0.001) is outside the 5×5 grid");
    expect(reasonOf((c) => set(c, NaN, 0.5))).toMatch(/outside the 5×5 grid/);
    expect(reasonOf((c) => set(c, 1e9, 0.5))).toMatch(/outside the 5×5 grid/);
    expect(reasonOf((c) => set(c, 2.999, 2.999))).toBeNull();
    // Outside this 3×3 board but on a grid it may have had when the placement was made offline.
    expect(reasonOf((c) => set(c, 3.5, 4.5))).toBeNull();
    // Not a placement at all: readers skip it wherever it is, as before.
    expect(reasonOf((c) => c.getMap("placements").set("rlhf:p", { col: "far", row: 9 }))).toBeNull();
    // Moved back onto the grid within the same update: the value off the grid never reaches a reader.
    expect(reasonOf((c) => c.transact(() => (set(c, 7, 0.5), set(c, 2.5, 0.5))))).toBeNull();
    // A grid written in the same update changes nothing: the bound is the same for every board.
    const narrower = { ...grid, columns: grid.columns.slice(0, 2) };
    expect(reasonOf((c) => c.transact(() => (c.getMap("meta").set("grid", narrower), set(c, 2.5, 0.5))))).toBeNull();
  });

  it("refuses foreign roots, nested types, list content and non-JSON values", () => {
    const cases: Array<[(d: Y.Doc) => void, RegExp]> = [
      [(d) => d.getMap("other").set("x", 1), /not a root/],
      [(d) => d.getMap("items").set("nested", new Y.Map()), /plain JSON/],
      [(d) => d.getArray("items").insert(0, [1]), /list content|not a root|outside/],
      [(d) => d.getMap("items").set("bin", new Uint8Array([1, 2])), /plain JSON/],
      [(d) => d.getText("placements").insert(0, "x"), /plain JSON|list content/],
    ];
    for (const [write, reason] of cases) {
      const { server } = pair();
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(server));
      const updates: Uint8Array[] = [];
      scratch.on("update", (x: Uint8Array) => updates.push(x));
      write(scratch);
      const v = inspectUpdate(server, Y.mergeUpdates(updates), { allowMeta: true });
      expect(v.reason, String(write)).toMatch(reason);
    }
  });

  it("refuses updates that skip over or build on content the server does not have", () => {
    const { server, client, capture, grid } = pair();
    capture(() => placeItem(client, { item: "rlhf", participant: "p", col: 1, row: 1 }, grid)); // never sent
    const second = capture(() => placeItem(client, { item: "rlhf", participant: "p", col: 2, row: 1 }, grid));
    expect(inspectUpdate(server, second, { allowMeta: true }).reason).toMatch(/does not have/);
  });

  it("finds nothing to do in an update the server already has", () => {
    const { server, client, capture, grid } = pair();
    const u = capture(() => placeItem(client, { item: "rlhf", participant: "p", col: 1, row: 1 }, grid));
    Y.applyUpdate(server, u);
    const again = inspectUpdate(server, u, { allowMeta: false });
    expect(again).toMatchObject({ reason: null, noop: true, newRanges: [] });
  });

  it("follows long anchor chains without recursion", () => {
    const { server, client, capture } = pair();
    // Interleaved keys keep 20,000 separate items, each anchored to the one before it on its key.
    const u = capture(() =>
      client.transact(() => {
        for (let i = 0; i < 20_000; i++) {
          const id = i % 2 ? "k" : "j";
          client.getMap("items").set(id, { id, text: `v${i}`, createdBy: "a", createdAt: i });
        }
      }),
    );
    const v = inspectUpdate(server, u, { allowMeta: false });
    expect(v.reason).toBeNull();
    expect(v.writtenKeys).toHaveLength(20_000);
  }, 30_000);

  it("throws on bytes that are not an update, for the caller to close the connection", () => {
    const { server } = pair();
    expect(() => inspectUpdate(server, new Uint8Array([5, 255, 255, 255, 255, 255]), { allowMeta: true })).toThrow();
  });
});

describe("inspectUpdate on crafted input", () => {
  const board = () => {
    const server = new Y.Doc();
    createBoard(server, { title: "Board", template: "alignment" });
    return server;
  };

  it("refuses anchors that point at themselves or form a cycle, without hanging", () => {
    const server = board();
    const self = craftUpdate([{ client: 77, clock: 0, origin: [77, 0], values: [1] }]);
    expect(inspectUpdate(server, self, { allowMeta: true }).reason).toMatch(/cycle|written after/);
    const pair = craftUpdate([
      { client: 77, clock: 0, origin: [88, 0], values: [1] },
      { client: 88, clock: 0, origin: [77, 0], values: [1] },
    ]);
    expect(inspectUpdate(server, pair, { allowMeta: true }).reason).not.toBeNull();
  });

  it("refuses empty structures, which Yjs would integrate anywhere", () => {
    const server = board();
    const empty = craftUpdate([
      { client: 5, clock: 0, parent: "meta", parentSub: "title", values: [] },
      { client: 5, clock: 0, parent: "placements", parentSub: "x:y", values: [{}] },
    ]);
    expect(inspectUpdate(server, empty, { allowMeta: false }).reason).toMatch(/empty/);
  });

  it("refuses new content under more than one client id, or under another connection's id", () => {
    const server = board();
    const two = craftUpdate([
      { client: 5, clock: 0, parent: "items", parentSub: "a", values: [1] },
      { client: 6, clock: 0, parent: "items", parentSub: "b", values: [1] },
    ]);
    expect(inspectUpdate(server, two, { allowMeta: false }).reason).toMatch(/another client/);
    const one = craftUpdate([{ client: 5, clock: 0, parent: "items", parentSub: "a", values: [1] }]);
    expect(inspectUpdate(server, one, { allowMeta: false, writer: 9 }).reason).toMatch(/another client/);
    expect(inspectUpdate(server, one, { allowMeta: false, writer: 5 })).toMatchObject({ reason: null, writer: 5 });
  });

  it("refuses over-long keys", () => {
    const server = board();
    const long = craftUpdate([{ client: 5, clock: 0, parent: "items", parentSub: "k".repeat(5000), values: [1] }]);
    expect(inspectUpdate(server, long, { allowMeta: false }).reason).toMatch(/too long/);
  });
});
