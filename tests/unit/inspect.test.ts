import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { placeItem, setMeta } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
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
    expect(inspectUpdate(server, meta, { allowMeta: false })).toMatchObject({ reason: expect.stringMatching(/only the facilitator/), kind: "facilitator_only" });
    const verdict = inspectUpdate(server, meta, { allowMeta: true });
    expect(verdict).toMatchObject({ reason: null, kind: null });
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
      const { reason, kind } = inspectUpdate(server, Y.mergeUpdates(updates), { allowMeta: true });
      expect(kind).toBe(reason === null ? null : "outside_grid");
      return reason;
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
      expect(v.kind, String(write)).toBe("format");
    }
  });

  it("refuses updates that skip over or build on content the server does not have", () => {
    const { server, client, capture, grid } = pair();
    capture(() => placeItem(client, { item: "rlhf", participant: "p", col: 1, row: 1 }, grid)); // never sent
    const second = capture(() => placeItem(client, { item: "rlhf", participant: "p", col: 2, row: 1 }, grid));
    expect(inspectUpdate(server, second, { allowMeta: true })).toMatchObject({
      reason: expect.stringMatching(/does not have/),
      kind: "missing_content",
      incomplete: true,
    });
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

  it("refuses values nested deeper than any of the board format", () => {
    const server = board();
    const nest = (depth: number): unknown => (depth === 0 ? "leaf" : { a: [nest(depth - 1)] });
    const deep = craftUpdate([{ client: 5, clock: 0, parent: "items", parentSub: "deep", values: [nest(200)] }]);
    expect(inspectUpdate(server, deep, { allowMeta: false }).reason).toMatch(/nested more than/);
    const shallow = craftUpdate([{ client: 5, clock: 0, parent: "items", parentSub: "shallow", values: [nest(5)] }]);
    expect(inspectUpdate(server, shallow, { allowMeta: false }).reason).toBeNull();
  });

  it("refuses several values of one entry that do not build on each other, and keeps a client's chain of them", () => {
    const server = board();
    // What no client writes: Yjs would search the entry's whole history for each value, quadratically.
    const unchained = craftUpdate([
      { client: 5, clock: 0, parent: "items", parentSub: "a", values: [1] },
      { client: 5, clock: 1, parent: "items", parentSub: "a", values: [2] },
    ]);
    expect(inspectUpdate(server, unchained, { allowMeta: false }).reason).toMatch(/one entry several times/);
    const sameOrigin = craftUpdate([
      { client: 5, clock: 0, parent: "items", parentSub: "a", values: [1] },
      { client: 5, clock: 1, origin: [5, 0], values: [2] },
      { client: 5, clock: 2, origin: [5, 0], values: [3] },
    ]);
    expect(inspectUpdate(server, sameOrigin, { allowMeta: false }).reason).toMatch(/one entry several times/);
    const chained = craftUpdate([
      { client: 5, clock: 0, parent: "items", parentSub: "a", values: [1] },
      { client: 5, clock: 1, origin: [5, 0], values: [2] },
      { client: 5, clock: 2, parent: "items", parentSub: "b", values: [3] },
    ]);
    expect(inspectUpdate(server, chained, { allowMeta: false }).reason).toBeNull();

    // A client that moved a note many times while offline sends one update holding every move.
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const grid = readBoard(server).meta.grid;
    const before = Y.encodeStateVector(server);
    for (let i = 0; i < 20; i++) placeItem(client, { item: "rlhf", participant: "p", col: (i % 3) + 0.5, row: 1 }, grid);
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(client, before), { allowMeta: false }).reason).toBeNull();
  });
});

describe("inspectUpdate on a struct that restates content the board has", () => {
  /** One value under `client` from `clock`, declared as entry `key` of `root`, holding `values` (the last is the entry's). */
  function restating(client: number, clock: number, root: string, key: string, values: unknown[]): Uint8Array {
    const encoder = new Y.UpdateEncoderV1();
    encoding.writeVarUint(encoder.restEncoder, 1);
    encoding.writeVarUint(encoder.restEncoder, 1);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, clock);
    new Y.Item(Y.createID(client, clock), null, null, null, null, root as unknown as Y.AbstractType<unknown>, key, new Y.ContentAny(values)).write(encoder, 0);
    encoding.writeVarUint(encoder.restEncoder, 0);
    return encoder.toUint8Array();
  }

  it("checks it in the entry Yjs puts it in, after what the board has of its client", () => {
    const { server, client, capture, grid } = pair();
    Y.applyUpdate(server, capture(() => placeItem(client, { item: "rlhf", participant: "ada", col: 1, row: 1 }, grid)));
    const known = Y.getState(server.store, client.clientID);
    const mine = { item: "scaling", participant: "mallory", col: 0.5, row: 0.5, at: 1 };
    const update = restating(client.clientID, known - 1, "placements", "scaling:mallory", [mine, mine]);
    for (const policy of [{ allowMeta: false, owner: "mallory" }, { allowMeta: false }]) {
      expect(inspectUpdate(server, update, policy).reason).toMatch(/another entry/);
    }
    // Restating one's own entry is what Yjs does too: it goes through.
    const again = restating(client.clientID, known - 1, "placements", "rlhf:ada", [mine, { ...mine, item: "rlhf", participant: "ada" }]);
    expect(inspectUpdate(server, again, { allowMeta: false, owner: "ada" }).reason).toBeNull();
  });
});
