import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readBoard } from "../../lib/board/doc";
import type { CreatedBoard } from "../../lib/api/schemas";
import { waitFor } from "../integration/harness";
import { createBoardOn, disconnectAll, inStep, printLogsOnFailure, startCluster, freshServicesForFile, waitForClose, type Cluster, type NodeClient } from "./cluster";
import { exportFromStoreAlone, waitConverged, waitHealth } from "./converge";
import { expectNothingLost, itemIdsOf, recordSeenItems, startMoves, type Load } from "./moves";
import { startPrivateRedis, type PrivateRedis } from "./private-redis";

/**
 * Redis carries updates between nodes but is not the store: when it restarts empty or is
 * flushed, nodes reload from Postgres and send their clients back (close 1012) to resync.
 * The Redis here is this file's own; the shared one is never touched.
 */
const services = freshServicesForFile();
let redis: PrivateRedis | null = null;
let cluster: Cluster | null = null;
printLogsOnFailure(() => cluster);

beforeAll(async () => {
  redis = await startPrivateRedis();
});
afterAll(async () => {
  await redis?.stop();
});
beforeEach(async () => {
  // Empty and running, whatever the previous test left it as.
  await redis!.restart();
  cluster = await startCluster(3, { databaseUrl: services.db.url, redisUrl: redis!.url, redisPrefix: services.redis.prefix });
});
afterEach(async () => {
  await cluster?.close();
});

interface Session {
  board: CreatedBoard;
  clients: NodeClient[];
  seen: Array<Set<string>>;
  starters: Set<string>;
  load: Load;
}

/** Two participants on each node, each moving ten times a second. */
async function busySession(): Promise<Session> {
  const nodes = cluster!.nodes;
  const board = await createBoardOn(nodes[0]!);
  const clients = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => cluster!.seated(nodes[i % 3]!, board, `client-${i}@${nodes[i % 3]!.name}`)));
  const seen = clients.map(recordSeenItems);
  await waitFor(() => clients.every(inStep), "every client syncs", 15_000);
  const starters = itemIdsOf(clients[0]!);
  expect(starters.size).toBe(9);
  return { board, clients, seen, starters, load: startMoves(clients, 10) };
}

const movesAtLeast = (load: Load, n: number) => waitFor(() => load.movers.every((m) => m.written.length >= n), `${n} moves by every client`, 15_000);

/** Each client was sent back once at least (1012), and lost no other way than its socket dropping (1006). */
function expectSentBackToResync(clients: readonly NodeClient[]): void {
  for (const c of clients) {
    const codes = c.closes.map((x) => x.code);
    expect(codes, c.name).toContain(1012);
    expect(codes.filter((code) => code !== 1012 && code !== 1006), `${c.name}: other close codes`).toEqual([]);
  }
}

async function finish(session: Session): Promise<void> {
  const { board, clients, seen, starters, load } = session;
  load.stop();
  const total = load.movers.reduce((n, m) => n + m.written.length, 0);
  await waitConverged(clients, `every client holding all ${9 + total} items after Redis came back`, () => clients.every((c) => readBoard(c.doc).items.length === 9 + total));
  disconnectAll(clients);
  expectNothingLost(load.movers, clients, seen, await exportFromStoreAlone(cluster!, board, () => redis!.flushAll()), starters);
}

describe("when Redis fails mid-session", () => {
  it("restarted empty: health names redis while it is down, nodes reload from Postgres, clients resync, nothing is lost", async () => {
    const session = await busySession();
    await movesAtLeast(session.load, 10);

    await redis!.kill();
    for (const node of cluster!.nodes) {
      const down = await waitHealth(node, 503);
      expect(down.body, node.name).toMatchObject({ ok: false });
      expect((down.body as { down?: unknown }).down, node.name).toEqual(["redis"]);
    }
    await movesAtLeast(session.load, 30);

    await redis!.restart();
    for (const node of cluster!.nodes) expect((await waitHealth(node, 200)).body, node.name).toMatchObject({ ok: true });
    for (const c of session.clients) await waitForClose(c, (x) => x.code === 1012, "sent back to resync (1012)");
    await movesAtLeast(session.load, 40);
    expect(cluster!.live).toHaveLength(3);
    expectSentBackToResync(session.clients);
    await finish(session);
  });

  it("flushed: nodes reload from Postgres, clients resync, nothing is lost", async () => {
    const session = await busySession();
    await movesAtLeast(session.load, 10);
    await redis!.flushAll();
    for (const c of session.clients) await waitForClose(c, (x) => x.code === 1012, "sent back to resync (1012) after the flush");
    await movesAtLeast(session.load, 25);
    for (const node of cluster!.nodes) expect((await waitHealth(node, 200)).body, node.name).toMatchObject({ ok: true });
    expect(cluster!.live).toHaveLength(3);
    expectSentBackToResync(session.clients);
    await finish(session);
  });
});
