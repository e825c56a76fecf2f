import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createLocalBus } from "../../server/bus/local";
import type { Bus, BoardFeed } from "../../server/bus/types";
import { synced, waitFor, type Client } from "./harness";
import { cluster, items, note, textOf } from "./in-process-nodes";
import { permissionDenials } from "./seats-helpers";

const twoLocalBuses = () => {
  const bus = createLocalBus({ single: false });
  return [bus, bus];
};

// Writes refused while the board is locked are expected here: the stock client's warning of each is kept out of the output.
permissionDenials();

describe("replicas of one board on two nodes", () => {
  it("relays what one node stored to the other's clients, presence too, and a late joiner gets it all", async () => {
    const { join, seated } = await cluster(twoLocalBuses());
    const a = await seated(0);
    const b = await seated(1);
    await Promise.all([synced(a), synced(b)]);
    for (let i = 0; i < 20; i++) note(i % 2 ? a : b, `n${i}`, `from ${i % 2 ? "a" : "b"}`);
    await waitFor(() => items(a).size === 20 && items(b).size === 20, "both sides' notes on both nodes");
    a.provider.awareness.setLocalStateField("user", { name: "Ann" });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID) !== undefined, "Ann's presence on the other node");
    const late = join(1);
    await synced(late);
    expect(items(late).toJSON()).toEqual(items(a).toJSON());
  });

  it("reads from the store an update whose publication never arrived", async () => {
    const local = createLocalBus({ single: false });
    let dropped = 0;
    // A node that stores but fails to publish its first turn, as one killed between the two would.
    const lossy: Bus = {
      ...local,
      async open(boardId) {
        const feed = await local.open(boardId);
        const wrapped: BoardFeed = {
          listen: (l) => feed.listen(l),
          publishAwareness: (u) => feed.publishAwareness(u),
          close: () => feed.close(),
          publishUpdates: async (entry) => {
            if (dropped++ === 0) return;
            return feed.publishUpdates(entry);
          },
        };
        return wrapped;
      },
    };
    const { seated } = await cluster([lossy, local]);
    // Seats taken through node 1, so that the first publication node 0 drops is the note's.
    const a = await seated(0, { seatNode: 1 });
    const b = await seated(1);
    await Promise.all([synced(a), synced(b)]);
    await waitFor(() => b.doc.getMap("participants").size === 2 && a.doc.getMap("participants").size === 2, "both seats everywhere");
    expect(dropped).toBe(0);
    note(a, "first", "never published");
    await waitFor(() => dropped === 1, "the first publication dropped");
    note(a, "second", "published");
    await waitFor(() => textOf(b, "second") === "published", "the second note on the other node");
    await waitFor(() => textOf(b, "first") === "never published", "the lost note, read from the store", 5000);
  });

  it("compacts the shared log from the store, so nothing either node stored is lost", async () => {
    const { seated, store, board, nodes } = await cluster(twoLocalBuses(), { compactEvery: 10 });
    const a = await seated(0);
    const b = await seated(1);
    await Promise.all([synced(a), synced(b)]);
    for (let i = 0; i < 60; i++) {
      note(i % 2 ? a : b, `n${i}`, String(i));
      if (i % 5 === 4) await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(() => items(a).size === 60 && items(b).size === 60, "every note on both nodes");
    await Promise.all(nodes.map((n) => n.server.rooms.withSettledRoom(board.id, () => undefined)));
    const metrics = nodes.map((n) => n.server.metrics.compactions);
    expect(metrics[0]! + metrics[1]!).toBeGreaterThan(0);
    const stored = await store.loadDoc(board.id);
    expect(stored.updates.length).toBeLessThan(60);
    const doc = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    expect(doc.getMap("items").toJSON()).toEqual(items(a).toJSON());
  });

  it("keeps the board whole when two nodes correct refused updates at the same moment", async () => {
    const { join, seated, board, store } = await cluster(twoLocalBuses());
    const host = join(0, board.keys.facilitator);
    const p1 = await seated(0);
    const p2 = await seated(1);
    await Promise.all([synced(host), synced(p1), synced(p2)]);
    // Each person's own note (the facilitator writes them in their names), so only the lock refuses their edits.
    note(host, "a", "first, before the lock", p1.participant);
    note(host, "b", "second, before the lock", p2.participant);
    const everywhere = (what: string, ok: (c: Client) => boolean) => waitFor(() => [host, p1, p2].every(ok), what);
    await everywhere("both notes on both nodes", (c) => items(c).size === 2);
    host.doc.getMap("meta").set("locked", true);
    await everywhere("the lock everywhere", (c) => c.doc.getMap("meta").get("locked") === true);
    // Refused on both nodes in the same instant: each node restores the entry its client touched.
    note(p1, "a", "changed on node 0 while locked");
    note(p2, "b", "changed on node 1 while locked");
    await everywhere(
      "both notes restored at every client",
      (c) => textOf(c, "a") === "first, before the lock" && textOf(c, "b") === "second, before the lock",
    );
    const stored = await store.loadDoc(board.id);
    const doc = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    expect(Object.keys(doc.getMap("items").toJSON()).sort()).toEqual(["a", "b"]);
  });

  it("counts the compacted size on the node that did not compact, so it does not call the board full", async () => {
    const { seated, store, board } = await cluster(twoLocalBuses(), { compactEvery: 10, maxBoardBytes: 20_000 });
    const a = await seated(0);
    const b = await seated(1);
    await Promise.all([synced(a), synced(b)]);
    const codes: number[] = [];
    b.provider.on("connection-close", (e: CloseEvent | null) => e && codes.push(e.code));
    // Node 0 rewrites one note 400 times: the log grows past the limit, the compacted board stays tiny.
    for (let i = 0; i < 400; i++) {
      note(a, "same", `${i} ${"x".repeat(100)}`);
      await new Promise((r) => setTimeout(r, 2));
    }
    await waitFor(() => textOf(b, "same")?.startsWith("399 ") ?? false, "the last rewrite on node 1");
    expect((await store.loadDoc(board.id)).bytes).toBeLessThan(5_000);
    // Node 1 learns the log's size once the compaction it did not run is done.
    await new Promise((r) => setTimeout(r, 2500));
    note(b, "mine", "a small note from node 1");
    await waitFor(() => items(a).has("mine"), "node 1's note on node 0");
    expect(codes).not.toContain(4413);
  });

  it("reads the board again on both nodes when one client id writes on both at once, so a lock is not lost on either", async () => {
    const { nodes, board, join, seated } = await cluster(twoLocalBuses());
    // A hand-made participant client, seated, posing under the facilitator's client id, which anyone can read.
    const shared = 123456789;
    const docs = [new Y.Doc(), new Y.Doc()];
    for (const d of docs) d.clientID = shared;
    const host = join(0, board.keys.facilitator, docs[0]);
    const poser = await seated(1, { doc: docs[1] });
    const honest = await seated(1);
    await Promise.all([synced(host), synced(poser), synced(honest)]);
    host.doc.getMap("meta").set("locked", true); // written on node 0 under the shared id…
    note(poser, "decoy", "harmless"); //            …and other content under the same id on node 1
    const roomDoc = (i: number) => nodes[i]!.server.rooms.withSettledRoom(board.id, (r) => r.doc);
    const deadline = Date.now() + 5000;
    let locked: unknown[] = [];
    while (Date.now() < deadline) {
      locked = [(await roomDoc(0)).getMap("meta").get("locked"), (await roomDoc(1)).getMap("meta").get("locked")];
      if (locked.every((l) => l === true)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(locked).toEqual([true, true]);
    // The lock now binds participants on node 1 too: a write from there is refused, stored nowhere, relayed nowhere.
    // (Clients that were sent the poser's content keep it: the same id cannot mean two things to them.)
    await waitFor(() => honest.provider.synced, "node 1's honest client back after the reload");
    note(honest, "after-lock", "written while locked"); // the person's own note: only the lock refuses it
    await waitFor(() => textOf(honest, "after-lock") === undefined, "the refused note taken back");
    expect((await roomDoc(0)).getMap("items").has("after-lock")).toBe(false);
    expect((await roomDoc(1)).getMap("items").has("after-lock")).toBe(false);
  });
});
