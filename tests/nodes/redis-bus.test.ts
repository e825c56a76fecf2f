import { afterAll, describe, expect, it } from "vitest";
import { createRedisBus } from "../../server/bus/redis";
import type { Bus } from "../../server/bus/types";
import { silentLogger } from "../../server/log";
import { synced, waitFor, type Client } from "../integration/harness";
import { cluster, items } from "../integration/in-process-nodes";
import { clearRedisPrefix, freshRedisPrefix } from "../services";
import { ownNote, seatedJoin } from "./seated-join";

/** Two servers in one process, on one store, joined by Redis Streams under this run's own prefix. */
const redis = freshRedisPrefix();
afterAll(() => redis.clear());

async function twoRedisBuses(prefix = redis.prefix): Promise<Bus[]> {
  // Each server closes its bus.
  return Promise.all([0, 1].map((i) => createRedisBus({ url: redis.url, prefix, logger: silentLogger, nodeId: `node-${i}`, epochCheckMs: 200 })));
}

const closes = (c: Client) => {
  const codes: number[] = [];
  c.provider.on("connection-close", (event: CloseEvent | null) => {
    if (event) codes.push(event.code);
  });
  return codes;
};

describe("the Redis bus between nodes", () => {
  it("relays stored updates and presence across nodes, and a late joiner on the other node gets everything", async () => {
    const { join, nodes, board } = await cluster(await twoRedisBuses());
    const seated = seatedJoin(nodes, board);
    const a = await seated(0, "Ada");
    const b = await seated(1, "Bo");
    await Promise.all([synced(a), synced(b)]);
    for (let i = 0; i < 30; i++) ownNote(i % 2 ? a : b, `n${i}`, `note ${i}`);
    await waitFor(() => items(a).size === 30 && items(b).size === 30, "all notes on both nodes");
    expect(items(b).toJSON()).toEqual(items(a).toJSON());
    b.provider.awareness.setLocalStateField("user", { name: "Bo" });
    await waitFor(() => a.provider.awareness.getStates().get(b.doc.clientID)?.user?.name === "Bo", "Bo's presence on the other node");
    const late = join(0);
    await synced(late);
    expect(items(late).toJSON()).toEqual(items(a).toJSON());
  });

  it("reloads every board from the store when Redis loses its data, closing clients with 1012, and loses nothing", async () => {
    const prefix = `${redis.prefix}flush-`;
    const { nodes, board } = await cluster(await twoRedisBuses(prefix));
    const seated = seatedJoin(nodes, board);
    const a = await seated(0, "Ada");
    const b = await seated(1, "Bo");
    const aCloses = closes(a);
    const bCloses = closes(b);
    await Promise.all([synced(a), synced(b)]);
    ownNote(a, "before", "written before the flush");
    await waitFor(() => items(b).has("before"), "the first note across");
    // What a restart without persistence or a FLUSHALL does to this deployment's keys.
    await clearRedisPrefix(redis.url, prefix);
    await waitFor(() => aCloses.includes(1012) && bCloses.includes(1012), "both clients told to reconnect (1012)");
    await waitFor(() => a.provider.wsconnected && b.provider.wsconnected, "both clients back");
    ownNote(b, "after", "written after the flush");
    ownNote(a, "after-a", "also after");
    await waitFor(() => items(a).size === 3 && items(b).size === 3, "every note on both nodes");
    for (const n of nodes) {
      const res = await fetch(`${n.url}/healthz`);
      expect(res.status).toBe(200);
    }
  });

  it("counts wrong join codes across nodes, so a guesser gets no more tries by switching nodes", async () => {
    const { nodes, board } = await cluster(await twoRedisBuses(`${redis.prefix}guess-`), { joinGuesses: 3 });
    const issued = await fetch(`${nodes[0]!.url}/api/boards/${board.id}/codes?key=${board.keys.facilitator}`, { method: "POST" });
    expect(issued.status).toBe(201);
    const statuses: number[] = [];
    for (const node of [0, 1, 0, 1]) statuses.push((await fetch(`${nodes[node]!.url}/api/join/ZZZZZZ`)).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
  });

  it("answers /healthz with 503 naming redis while Redis cannot be reached", async () => {
    // Nothing listens on port 1.
    const bus = await createRedisBus({ url: "redis://127.0.0.1:1", prefix: redis.prefix, logger: silentLogger });
    const { nodes } = await cluster([bus]);
    const res = await fetch(`${nodes[0]!.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, down: ["redis"] });
  });
});
