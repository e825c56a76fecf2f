import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createLocalBus } from "../../server/bus/local";
import type { Bus, BoardFeed } from "../../server/bus/types";
import { synced, waitFor } from "./harness";
import { cluster, items, note, textOf } from "./in-process-nodes";

const twoLocalBuses = () => {
  const bus = createLocalBus({ single: false });
  return [bus, bus];
};

describe("replicas of one board on two nodes", () => {
  it("relays what one node stored to the other's clients, presence too, and a late joiner gets it all", async () => {
    const { join } = await cluster(twoLocalBuses());
    const a = join(0);
    const b = join(1);
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
    const { join } = await cluster([lossy, local]);
    const a = join(0);
    const b = join(1);
    await Promise.all([synced(a), synced(b)]);
    note(a, "first", "never published");
    await waitFor(() => dropped === 1, "the first publication dropped");
    note(a, "second", "published");
    await waitFor(() => textOf(b, "second") === "published", "the second note on the other node");
    await waitFor(() => textOf(b, "first") === "never published", "the lost note, read from the store", 5000);
  });

  it("compacts the shared log from the store, so nothing either node stored is lost", async () => {
    const { join, store, board, nodes } = await cluster(twoLocalBuses(), { compactEvery: 10 });
    const a = join(0);
    const b = join(1);
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
});
