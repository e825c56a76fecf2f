import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CreatedBoard } from "../../lib/api/schemas";
import { readBoard } from "../../lib/board/doc";
import { waitFor } from "../integration/harness";
import { createBoardOn, disconnectAll, inStep, printLogsOnFailure, startCluster, freshServicesForFile, type Cluster, type NodeClient, type SeatedClient } from "./cluster";
import { exportFrom, exportFromStoreAlone, waitConverged } from "./converge";
import { expectNothingLost, itemIdsOf, move, recordSeenItems, startMoves, type Mover } from "./moves";
import { startTcpBalancer, type TcpBalancer } from "./tcp-balancer";

/** kill -9 of one node while every node is busy: nothing any client saw is lost. */
const services = freshServicesForFile();
let cluster: Cluster | null = null;
let balancer: TcpBalancer | null = null;
printLogsOnFailure(() => cluster);

beforeEach(async () => {
  cluster = await startCluster(3, { databaseUrl: services.db.url, redisUrl: services.redis.url, redisPrefix: services.redis.prefix });
});
afterEach(async () => {
  await balancer?.close();
  balancer = null;
  await cluster?.close();
});

const exportFromStore = (board: CreatedBoard) => exportFromStoreAlone(cluster!, board, () => services.redis.clear());

describe("kill -9 of a node", () => {
  it("under load: its clients reconnect to live nodes, all converge, and nothing anyone saw is lost", async () => {
    const nodes = cluster!.nodes;
    balancer = await startTcpBalancer(nodes.map((n) => ({ host: "127.0.0.1", port: n.port })));
    const board = await createBoardOn(nodes[0]!);
    const clients: SeatedClient[] = [];
    const seen: Array<Set<string>> = [];
    for (let i = 0; i < 6; i++) {
      // One at a time, so the balancer's turns put exactly two clients on each node; seats are taken
      // on a node directly, so only the sockets take the balancer's turns.
      const c = await cluster!.seated(balancer, board, `client-${i}`, nodes[0]!);
      seen.push(recordSeenItems(c));
      clients.push(c);
      await waitFor(() => inStep(c), `${c.name} syncs`, 15_000);
    }
    expect([...balancer.openByBackend().values()]).toEqual([2, 2, 2]);
    const starters = itemIdsOf(clients[0]!);
    expect(starters.size).toBe(9);

    const load = startMoves(clients, 20);
    await waitFor(() => load.movers.every((m) => m.written.length >= 30), "1.5 s of moves", 15_000);
    const victim = nodes[1]!;
    await cluster!.kill(victim);
    await waitFor(() => load.movers.every((m) => m.written.length >= 80), "2.5 s more of moves", 15_000);
    load.stop();
    const total = load.movers.reduce((n, m) => n + m.written.length, 0);

    await waitConverged(clients, "every client after the kill", () => clients.every((c) => readBoard(c.doc).items.length === 9 + total));
    const open = balancer.openByBackend();
    expect(open.get(victim.port)).toBe(0);
    expect(open.get(nodes[0]!.port)! + open.get(nodes[2]!.port)!).toBe(6);
    // The dead node's two clients lost their socket once (no close code: the process just vanished); nobody else did.
    const onVictim = balancer.routed.slice(0, 6).map((port) => port === victim.port);
    expect(onVictim.filter(Boolean)).toHaveLength(2);
    const closes = (c: NodeClient) => c.closes.map((x) => `${x.code}${x.reason ? ` ${x.reason}` : ""}`);
    expect(clients.map((c) => [c.name, closes(c)])).toEqual(clients.map((c, i) => [c.name, onVictim[i] ? ["1006"] : []]));

    // Every live node serves the same board …
    for (const node of cluster!.live) expect((await exportFrom(node, board)).items, node.name).toHaveLength(9 + total);
    disconnectAll(clients);
    // … and the store alone holds every change.
    expectNothingLost(load.movers, clients, seen, await exportFromStore(board), starters);
  });

  it("keeps what a client on another node saw, even when the author is gone with the killed node", async () => {
    const [accepting, relaying, third] = cluster!.nodes;
    const board = await createBoardOn(accepting!);
    const writer = await cluster!.seated(accepting!, board, "writer@node-1");
    const watcher = cluster!.connect(relaying!, board, board.keys.viewer, "watcher@node-2");
    const seen = recordSeenItems(watcher);
    await waitFor(() => inStep(writer) && inStep(watcher), "both sync", 15_000);
    const starters = itemIdsOf(watcher);
    const mover: Mover = { client: writer, participant: writer.participant, written: [], last: null };
    const grid = readBoard(writer.doc).meta.grid;
    for (let i = 0; i < 60; i++) move(mover, grid);
    const last = mover.written.at(-1)!;
    await waitFor(() => seen.has(last), "the watcher on node 2 sees the writer's last move", 15_000);

    // The writer dies with its node: it can never send those changes again.
    await cluster!.kill(accepting!);
    writer.destroy();

    const late = cluster!.connect(third!, board, board.keys.viewer, "late@node-3");
    await waitConverged([watcher, late], "a late joiner on node 3 matches what the watcher saw", () => readBoard(late.doc).items.length === 9 + 60);
    disconnectAll([watcher, late]);
    expect([...seen].sort()).toEqual([...starters, ...mover.written].sort());
    expectNothingLost([mover], [watcher, late], [seen], await exportFromStore(board), starters);
  });
});
