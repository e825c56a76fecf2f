import http from "node:http";
import net from "node:net";
import pg from "pg";
import Redis from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { readBoard } from "../../lib/board/doc";
import { waitFor } from "../integration/harness";
import { TEST_DATABASE_URL } from "../services";
import { createBoardOn, startCluster, waitForClose } from "./cluster";
import { exportFrom, waitConverged } from "./converge";
import { expectNothingLost, recordSeenItems, startMoves } from "./moves";
import { startPrivateRedis, type PrivateRedis } from "./private-redis";
import { startTcpBalancer } from "./tcp-balancer";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";

/**
 * The several-node suites stand on these tools; here each is checked against real servers on
 * its own, so a failing suite points at the product and not at the harness.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const keep = <T extends { close(): Promise<void> }>(thing: T): T => {
  cleanups.push(() => thing.close());
  return thing;
};

const closed = (ws: WebSocket) => new Promise<void>((resolve) => ws.once("close", () => resolve()));

/** GET on a connection of its own (no keep-alive), so each request is one new TCP connection to the balancer. */
const getStatus = (url: string) =>
  new Promise<number>((resolve, reject) => {
    http.get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).once("error", reject);
  });

describe("a cluster of one node on SQLite", () => {
  it("syncs its clients, loses nothing under moves, and exports what they hold", async () => {
    const cluster = keep(await startCluster(1, {}));
    const [node] = cluster.nodes;
    const board = await createBoardOn(node!);
    const clients = await Promise.all([0, 1, 2].map((i) => cluster.seated(node!, board, `c${i}`)));
    const seen = clients.map(recordSeenItems);
    await waitConverged(clients, "initial sync");
    const starters = new Set(readBoard(clients[0]!.doc).items.map((i) => i.id));
    expect(starters.size).toBe(9);

    const load = startMoves(clients, 20);
    await waitFor(() => load.movers.every((m) => m.written.length >= 10), "ten moves each");
    load.stop();
    const total = load.movers.reduce((n, m) => n + m.written.length, 0);
    await waitConverged(clients, "after moves", () => clients.every((c) => readBoard(c.doc).items.length === 9 + total));
    expectNothingLost(load.movers, clients, seen, await exportFrom(node!, board), starters);

    await cluster.kill(node!);
    expect(node!.alive).toBe(false);
    for (const c of clients) await waitForClose(c, (x) => x.code === 1006, "abnormal close when its node dies");
  });
});

describe("the TCP balancer", () => {
  it("takes turns between backends, skips one that refuses, and closes clients of a dead one", async () => {
    const a = keep(await startCluster(1, {}));
    const b = keep(await startCluster(1, {}));
    const [nodeA, nodeB] = [a.nodes[0]!, b.nodes[0]!];
    const lb = keep(await startTcpBalancer([nodeA, nodeB].map((n) => ({ host: "127.0.0.1", port: n.port }))));

    const board = await createBoardOn(nodeB);
    for (let i = 0; i < 4; i++) {
      expect(await getStatus(`${lb.url}/healthz`)).toBe(200);
    }
    expect(lb.routed).toEqual([nodeA.port, nodeB.port, nodeA.port, nodeB.port]);

    // The next turn is A's: it does not know the board, so a websocket through it is refused…
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${lb.wsUrl}/sync/${board.id}?key=${board.keys.viewer}`);
      ws.on("unexpected-response", (req, res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      ws.on("error", () => undefined);
    });
    expect(refused).toBe(404);
    // …and the one after goes to B, which does: it stays open through the balancer until B dies.
    const ws = new WebSocket(`${lb.wsUrl}/sync/${board.id}?key=${board.keys.viewer}`);
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    expect(lb.openByBackend().get(nodeB.port)).toBe(1);
    const gone = closed(ws);
    await b.kill(nodeB);
    await gone;
    await waitFor(() => lb.openByBackend().get(nodeB.port) === 0, "balancer forgets the dead backend's connection");

    const before = lb.routed.length;
    for (let i = 0; i < 3; i++) expect(await getStatus(`${lb.url}/healthz`)).toBe(200);
    expect(lb.routed.slice(before)).toEqual([nodeA.port, nodeA.port, nodeA.port]);
    expect(lb.refused).toBe(0);

    await a.kill(nodeA);
    await expect(getStatus(`${lb.url}/healthz`)).rejects.toThrow();
    expect(lb.refused).toBe(1);
  });
});

describe("the TCP proxy", () => {
  let proxy: TcpProxy;
  const viaProxy = () => {
    const url = new URL(TEST_DATABASE_URL);
    url.port = String(proxy.port);
    return url.toString();
  };

  it("drops open Postgres connections on cut, refuses new ones, and lets them in again on restore", async () => {
    const target = new URL(TEST_DATABASE_URL);
    proxy = keep(await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) }));
    const open = new pg.Client({ connectionString: viaProxy() });
    const lost = new Promise<Error>((resolve) => open.on("error", resolve));
    await open.connect();
    expect((await open.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    expect(proxy.open).toBe(1);

    await proxy.cut();
    expect(proxy.isCut).toBe(true);
    expect((await lost).message).toMatch(/terminated|ECONNRESET|closed/i);
    const refused = new pg.Client({ connectionString: viaProxy(), connectionTimeoutMillis: 2000 });
    await expect(refused.connect()).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await expect(new Promise((resolve, reject) => net.connect(proxy.port, "127.0.0.1").once("connect", resolve).once("error", reject))).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });

    await proxy.restore();
    const again = new pg.Client({ connectionString: viaProxy() });
    await again.connect();
    expect((await again.query("SELECT 2 AS two")).rows).toEqual([{ two: 2 }]);
    await again.end();
    expect(proxy.accepted).toBe(2);
  });
});

describe("a private Redis", () => {
  let redis: PrivateRedis;
  it("is killed, restarts empty on the same port, and flushes only itself", async () => {
    redis = await startPrivateRedis();
    cleanups.push(() => redis.stop());
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    client.on("error", () => undefined); // expected while the server is down
    cleanups.push(async () => client.disconnect());
    await client.set("k", "v");
    expect(await redis.keyCount()).toBe(1);

    await redis.kill();
    await expect(client.get("k")).rejects.toThrow();
    await redis.restart();
    await waitFor(() => client.status === "ready", "client reconnects to the restarted server", 10_000);
    expect(await client.get("k")).toBeNull();

    await client.set("a", "1");
    await client.set("b", "2");
    expect(await redis.keyCount()).toBe(2);
    await redis.flushAll();
    expect(await redis.keyCount()).toBe(0);
  });
});
