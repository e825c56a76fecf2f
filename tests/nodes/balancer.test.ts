import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { CreatedBoard } from "../../lib/api/schemas";
import { addItem, placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import { connect, createBoardVia, tempDir, waitFor, type Client } from "../integration/harness";
import { killHard, spawnServer, type ServerProcess } from "../integration/process";
import { freshDatabase, freshRedisPrefix, type FreshDatabase, type FreshRedisPrefix } from "../services";
import { startBalancer, type Balancer } from "./haproxy";

// Real haproxy with deploy/haproxy.cfg, real node processes sharing one fresh Postgres database and
// Redis prefix, stock y-websocket clients that only ever know the balancer's address.

const SLOW = 20_000;

/** What a deployment's nodes share, made fresh for one suite, and everything to tear down after it. */
function cluster() {
  let db: FreshDatabase | undefined;
  let bus: FreshRedisPrefix | undefined;
  const dirs: string[] = [];
  const nodes: ServerProcess[] = [];
  const clients: Client[] = [];
  let balancer: Balancer | undefined;
  return {
    nodes,
    async startNode(): Promise<ServerProcess> {
      db ??= await freshDatabase();
      bus ??= freshRedisPrefix();
      const dir = tempDir("cruxboard-node-");
      dirs.push(dir);
      const node = await spawnServer(dir, { DATABASE_URL: db.url, REDIS_URL: bus.url, REDIS_PREFIX: bus.prefix });
      nodes.push(node);
      return node;
    },
    async startBalancer(node1: string, node2: string): Promise<Balancer> {
      balancer = await startBalancer(node1, node2);
      return balancer;
    },
    open(wsUrl: string, id: string, key: string): Client {
      const client = connect(wsUrl, id, key);
      clients.push(client);
      return client;
    },
    async stop() {
      for (const c of clients.splice(0)) c.destroy();
      await balancer?.stop();
      for (const node of nodes.splice(0)) await killHard(node);
      await db?.drop();
      await bus?.clear();
      for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const addressOf = (node: ServerProcess) => new URL(node.url).host;

async function connectionsOn(node: ServerProcess): Promise<number> {
  const text = await (await fetch(`${node.url}/metrics`)).text();
  return Number(/^cruxboard_connections (\d+)$/m.exec(text)?.[1] ?? NaN);
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = SLOW): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the balancer's health checks have settled on exactly these states ("UP 1/3" is still deciding). */
async function serversAre(balancer: Balancer, expected: Record<string, "UP" | "DOWN">): Promise<void> {
  let seen = {};
  try {
    await eventually(async () => {
      const states = await balancer.servers();
      seen = states;
      return Object.entries(expected).every(([server, status]) => states[server]?.status === status);
    }, `haproxy to see ${JSON.stringify(expected)}`);
  } catch (err) {
    throw new Error(`${(err as Error).message}; it sees ${JSON.stringify(seen)}\n${balancer.output().slice(-2000)}`);
  }
}

const syncedWithin = (client: Client, what: string) => waitFor(() => client.provider.synced, what, SLOW);
const placementsOf = (client: Client) => readBoard(client.doc).placements.map((p) => `${p.item}:${p.participant}@${p.col},${p.row}`).sort();

describe("deploy/haproxy.cfg in front of one node and a node whose /healthz fails", () => {
  const env = cluster();
  let balancer: Balancer;
  let node: ServerProcess;
  // Stands in for a node that loses Postgres: it answers every request as such a node answers /healthz.
  let healthStatus = 200;
  let requestsForwarded = 0;
  const failing = http.createServer((req, res) => {
    // The balancer's own checks come without X-Forwarded-For; clients' requests come with it.
    if (req.headers["x-forwarded-for"]) requestsForwarded++;
    res.writeHead(healthStatus, { "content-type": "application/json" });
    res.end(JSON.stringify(healthStatus === 200 ? { ok: true } : { ok: false, down: ["postgres"] }));
  });

  beforeAll(async () => {
    node = await env.startNode();
    await new Promise<void>((resolve) => failing.listen(0, "127.0.0.1", resolve));
    balancer = await env.startBalancer(addressOf(node), `127.0.0.1:${(failing.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await env.stop();
    await new Promise((resolve) => failing.close(resolve));
  });

  it("keeps a node in rotation while /healthz answers 200, takes it out on 503 and back on 200", async () => {
    await serversAre(balancer, { node1: "UP", node2: "UP" });
    expect((await balancer.servers()).node1).toMatchObject({ checkStatus: "L7OK", checkCode: "200" });
    // In rotation, round-robin sends it every other request.
    for (let i = 0; i < 4; i++) await fetch(`${balancer.url}/healthz`);
    expect(requestsForwarded).toBe(2);

    healthStatus = 503;
    await serversAre(balancer, { node1: "UP", node2: "DOWN" });
    expect((await balancer.servers()).node2).toMatchObject({ checkStatus: "L7STS", checkCode: "503" });
    requestsForwarded = 0;
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${balancer.url}/healthz`);
      expect(res.status).toBe(200);
    }
    expect(requestsForwarded).toBe(0);

    healthStatus = 200;
    await serversAre(balancer, { node1: "UP", node2: "UP" });
  });

  it("syncs stock y-websocket clients through the balancer to the node in rotation", async () => {
    healthStatus = 503;
    await serversAre(balancer, { node1: "UP", node2: "DOWN" });
    const board = await createBoardVia(balancer.url);
    const writer = env.open(balancer.wsUrl, board.id, board.keys.facilitator);
    const watcher = env.open(balancer.wsUrl, board.id, board.keys.viewer);
    await syncedWithin(writer, "the writer's sync through haproxy");
    await syncedWithin(watcher, "the watcher's sync through haproxy");
    expect(await connectionsOn(node)).toBe(2);

    const grid = readBoard(writer.doc).meta.grid;
    addItem(writer.doc, { id: "through-haproxy", text: "Sent through the balancer", createdBy: "facilitator", createdAt: Date.now() });
    placeItem(writer.doc, { item: "through-haproxy", participant: "facilitator", col: 2.5, row: 0.5 }, grid);
    await waitFor(() => placementsOf(watcher).some((p) => p.startsWith("through-haproxy:")), "the watcher to see the write", SLOW);
    expect(readBoard(watcher.doc).items.map((i) => i.id)).toContain("through-haproxy");
  });
});

describe("two nodes behind deploy/haproxy.cfg, no sticky sessions", () => {
  const env = cluster();
  let balancer: Balancer;
  let board: CreatedBoard;
  let first: Client | undefined;
  let second: Client | undefined;
  let firstNode = -1;

  beforeAll(async () => {
    await env.startNode();
    await env.startNode();
    balancer = await env.startBalancer(addressOf(env.nodes[0]!), addressOf(env.nodes[1]!));
  });
  afterAll(() => env.stop());

  const counts = () => Promise.all(env.nodes.map(connectionsOn));

  it("has both nodes in rotation by their health checks", async () => {
    await serversAre(balancer, { node1: "UP", node2: "UP" });
    const states = await balancer.servers();
    for (const server of ["node1", "node2"]) expect(states[server]).toMatchObject({ checkStatus: "L7OK", checkCode: "200" });
  });

  it("syncs a board created through the balancer, live, between clients on different nodes", async () => {
    board = await createBoardVia(balancer.url);
    first = env.open(balancer.wsUrl, board.id, board.keys.facilitator);
    await syncedWithin(first, "the first client's sync through haproxy");
    firstNode = (await counts()).indexOf(1);
    expect(firstNode).toBeGreaterThanOrEqual(0);

    // Round-robin alternates, so a few tries place the second client on the other node.
    for (let attempt = 0; attempt < 4 && !second; attempt++) {
      const candidate = env.open(balancer.wsUrl, board.id, board.keys.viewer);
      await syncedWithin(candidate, "the second client's sync through haproxy");
      const now = await counts();
      if (now[1 - firstNode] === 1) second = candidate;
      else candidate.destroy();
      await eventually(async () => (await counts()).reduce((a, b) => a + b) === (second ? 2 : 1), "connection counts to settle");
    }
    expect(second, "a second client synced on the node the first one is not on").toBeDefined();

    const grid = readBoard(first.doc).meta.grid;
    addItem(first.doc, { id: "cross-node", text: "Written on one node", createdBy: "facilitator", createdAt: Date.now() });
    placeItem(first.doc, { item: "cross-node", participant: "facilitator", col: 0.5, row: 2.5 }, grid);
    placeItem(first.doc, { item: "rlhf", participant: "facilitator", col: 1.25, row: 0.75 }, grid);
    await waitFor(() => placementsOf(second!).length === 2, "the client on the other node to see both placements live", SLOW);
    expect(placementsOf(second!)).toEqual(placementsOf(first));
    expect(readBoard(second!.doc).items.map((i) => i.id)).toContain("cross-node");
  });

  it("moves the first client to the other node when its node is killed, losing nothing", async () => {
    expect(first && second, "both clients from the previous test").toBeTruthy();
    const writer = first!;
    const watcher = second!;
    const grid = readBoard(writer.doc).meta.grid;
    const hadBefore = placementsOf(writer);
    let disconnected = false;
    writer.provider.on("status", ({ status }) => {
      if (status === "disconnected") disconnected = true;
    });

    await killHard(env.nodes[firstNode]!);
    await waitFor(() => disconnected, "the first client to notice its node is gone", SLOW);
    // Written while no node holds its connection; it must arrive once it reconnects.
    placeItem(writer.doc, { item: "scaling", participant: "facilitator", col: 0.25, row: 0.25 }, grid);
    await waitFor(() => writer.provider.wsconnected && writer.provider.synced, "the first client to reconnect through haproxy", SLOW);
    await eventually(async () => (await connectionsOn(env.nodes[1 - firstNode]!)) === 2, "both clients on the surviving node");

    placeItem(writer.doc, { item: "ai-control", participant: "facilitator", col: 2.75, row: 1.5 }, grid);
    await waitFor(() => placementsOf(watcher).length === 4, "the other client to see both changes made around the kill", SLOW);
    expect(placementsOf(watcher)).toEqual(placementsOf(writer));
    for (const had of hadBefore) expect(placementsOf(writer)).toContain(had);

    // A newcomer gets everything from the store, and all three documents agree.
    const late = env.open(balancer.wsUrl, board.id, board.keys.viewer);
    await syncedWithin(late, "a newcomer's sync after the kill");
    expect(placementsOf(late)).toEqual(placementsOf(writer));
    expect(readBoard(late.doc).items.map((i) => i.id)).toContain("cross-node");
    for (const client of [watcher, late]) expect(Y.encodeStateVector(client.doc)).toEqual(Y.encodeStateVector(writer.doc));

    const killed = `node${firstNode + 1}`;
    await serversAre(balancer, { [killed]: "DOWN", [`node${2 - firstNode}`]: "UP" });
    expect((await balancer.servers())[killed]!.checkStatus).toBe("L4CON");
  });
});
