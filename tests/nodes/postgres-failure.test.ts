import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import type { CreatedBoard } from "../../lib/api/schemas";
import { waitFor } from "../integration/harness";
import { TEST_DATABASE_URL } from "../services";
import { createBoardOn, disconnectAll, inStep, printLogsOnFailure, startCluster, freshServicesForFile, waitForClose, type Cluster, type Endpoint, type NodeClient } from "./cluster";
import { exportFromStoreAlone, waitConverged, waitHealth } from "./converge";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";

/**
 * Postgres out of reach (a proxy between the nodes and the shared server is cut; the server
 * itself keeps running): nothing is relayed that was not stored, health says which dependency
 * is down, and once it is back every change sent meanwhile arrives and is stored.
 */
const services = freshServicesForFile();
let proxy: TcpProxy | null = null;
let cluster: Cluster | null = null;
printLogsOnFailure(() => cluster);

beforeEach(async () => {
  const direct = new URL(TEST_DATABASE_URL);
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const viaProxy = new URL(services.db.url);
  viaProxy.port = String(proxy.port);
  cluster = await startCluster(2, { databaseUrl: viaProxy.toString(), redisUrl: services.redis.url, redisPrefix: services.redis.prefix });
});
afterEach(async () => {
  await cluster?.close();
  await proxy?.close();
  proxy = null;
});

type UpgradeOutcome = { refused: number } | { closed: { code: number; reason: string } } | { stillOpen: true };

/** Opens a bare websocket to the board: refused at the upgrade, closed soon after opening, or left open. */
function tryUpgrade(endpoint: Endpoint, board: CreatedBoard, key: string, waitMs = 10_000): Promise<UpgradeOutcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${endpoint.wsUrl}/sync/${board.id}?key=${key}`);
    ws.on("error", () => undefined);
    ws.on("unexpected-response", (req, res) => {
      resolve({ refused: res.statusCode ?? 0 });
      req.destroy();
    });
    ws.on("open", () => {
      const timer = setTimeout(() => {
        resolve({ stillOpen: true });
        ws.terminate();
      }, waitMs);
      ws.on("close", (code, reason) => {
        clearTimeout(timer);
        resolve({ closed: { code, reason: reason.toString() } });
      });
    });
  });
}

const placementOf = (c: NodeClient, item: string, participant: string) => readBoard(c.doc).placements.find((p) => p.item === item && p.participant === participant);

describe("when Postgres is out of reach", () => {
  it("relays nothing unstored, reports it, refuses new sockets, and delivers and stores everything once it is back", async () => {
    const [a, b] = cluster!.nodes;
    const board = await createBoardOn(a!);
    const writer = await cluster!.seated(a!, board, "writer@node-1");
    const watcher = await cluster!.seated(b!, board, "watcher@node-2");
    const viewer = cluster!.connect(b!, board, board.keys.viewer, "viewer@node-2");
    const neighbour = cluster!.connect(a!, board, board.keys.viewer, "viewer@node-1");
    const clients = [writer, watcher, viewer, neighbour];
    await waitFor(() => clients.every(inStep), "every client syncs", 15_000);
    const grid = readBoard(writer.doc).meta.grid;

    placeItem(writer.doc, { item: "scaling", participant: writer.participant, col: 0.5, row: 0.5 }, grid);
    await waitConverged(clients, "a change before the outage", () => clients.every((c) => placementOf(c, "scaling", writer.participant)));

    // When (if ever) the change made during the outage reaches each other client, on either node.
    const reached = new Map<NodeClient, number>();
    const others = [watcher, viewer, neighbour];
    for (const c of others) {
      c.doc.on("update", () => {
        if (!reached.has(c) && placementOf(c, "rlhf", writer.participant)) reached.set(c, Date.now());
      });
    }

    await proxy!.cut();
    placeItem(writer.doc, { item: "rlhf", participant: writer.participant, col: 2.25, row: 1.75 }, grid);
    const closed = await waitForClose(writer, (x) => x.code === 1011, "the writer's socket is closed as storage failed");
    expect(closed.reason).toMatch(/storage/i);
    for (const node of [a!, b!]) {
      const down = await waitHealth(node, 503);
      expect(down.body, node.name).toMatchObject({ ok: false });
      expect((down.body as { down?: unknown }).down, node.name).toEqual(["postgres"]);
    }
    for (const node of [a!, b!]) {
      const outcome = await tryUpgrade(node, board, board.keys.viewer);
      if ("refused" in outcome) expect(outcome.refused, node.name).toBe(503);
      else if ("closed" in outcome) {
        expect(outcome.closed.code, node.name).toBe(1011);
        expect(outcome.closed.reason, node.name).toMatch(/storage/i);
      } else expect.fail(`${node.name} kept a new socket open while Postgres was out of reach`);
    }
    expect(placementOf(writer, "rlhf", writer.participant)).toMatchObject({ col: 2.25, row: 1.75 });
    expect([...reached.keys()].map((c) => c.name), "clients that got the change while it could not be stored").toEqual([]);

    const restoredAt = Date.now();
    await proxy!.restore();
    for (const node of [a!, b!]) expect((await waitHealth(node, 200)).body, node.name).toMatchObject({ ok: true });
    // The writer's provider sends its change again when it reconnects; now it is stored, then relayed.
    await waitFor(() => reached.size === others.length, "the change made during the outage reaches every other client", 15_000);
    for (const at of reached.values()) expect(at).toBeGreaterThanOrEqual(restoredAt);

    placeItem(watcher.doc, { item: "ai-control", participant: watcher.participant, col: 1.5, row: 2.5 }, grid);
    placeItem(writer.doc, { item: "scaling", participant: writer.participant, col: 2.5, row: 0.25 }, grid);
    await waitConverged(clients, "writes after the outage", () => clients.every((c) => placementOf(c, "ai-control", watcher.participant) && placementOf(c, "scaling", writer.participant)?.col === 2.5));
    const expected = [`ai-control:${watcher.participant}@1.5,2.5`, `rlhf:${writer.participant}@2.25,1.75`, `scaling:${writer.participant}@2.5,0.25`];
    for (const c of clients) expect(readBoard(c.doc).placements.map((p) => `${p.item}:${p.participant}@${p.col},${p.row}`).sort(), c.name).toEqual(expected);

    disconnectAll(clients);
    const stored = await exportFromStoreAlone(cluster!, board, () => services.redis.clear());
    expect(stored.items.flatMap((i) => i.placements.map((p) => `${i.id}:${p.participant}@${p.col},${p.row}`)).sort()).toEqual(expected);
    for (const c of clients) expect(c.closes.filter((x) => x.code >= 4000), `${c.name}: refusals`).toEqual([]);
  });

  it("keeps a move made the instant its client reconnects after the outage, and the change it could not store before", async () => {
    const [a, b] = cluster!.nodes;
    const board = await createBoardOn(a!);
    const writer = await cluster!.seated(a!, board, "writer@node-1");
    const watcher = cluster!.connect(b!, board, board.keys.viewer, "watcher@node-2");
    const clients = [writer, watcher];
    await waitFor(() => clients.every(inStep), "both sync", 15_000);
    const grid = readBoard(writer.doc).meta.grid;

    await proxy!.cut();
    placeItem(writer.doc, { item: "rlhf", participant: writer.participant, col: 2.25, row: 1.75 }, grid);
    await waitForClose(writer, (x) => x.code === 1011, "the writer's socket is closed as storage failed");
    // A person dragging a note just as the page gets its connection back: the move goes out
    // before the client has sent what the server is missing.
    let movedOnReconnect = false;
    writer.provider.on("status", ({ status }: { status: string }) => {
      if (status !== "connected" || movedOnReconnect) return;
      movedOnReconnect = true;
      placeItem(writer.doc, { item: "scaling", participant: writer.participant, col: 0.75, row: 2.5 }, grid);
    });
    await proxy!.restore();

    const expected = [`rlhf:${writer.participant}@2.25,1.75`, `scaling:${writer.participant}@0.75,2.5`];
    const held = (c: NodeClient) => readBoard(c.doc).placements.map((p) => `${p.item}:${p.participant}@${p.col},${p.row}`).sort();
    await waitConverged(clients, "both changes everywhere", () => movedOnReconnect && clients.every((c) => held(c).length === 2));
    for (const c of clients) expect(held(c), c.name).toEqual(expected);
    disconnectAll(clients);
    const stored = await exportFromStoreAlone(cluster!, board, () => services.redis.clear());
    expect(stored.items.flatMap((i) => i.placements.map((p) => `${i.id}:${p.participant}@${p.col},${p.row}`)).sort()).toEqual(expected);
  });
});
