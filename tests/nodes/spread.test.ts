import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { placeItem, setMeta } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import type { CreatedBoard } from "../../lib/api/schemas";
import { waitFor } from "../integration/harness";
import { createBoardOn, printLogsOnFailure, startCluster, freshServicesForFile, waitForClose, type Cluster, type ClusterNode, type NodeClient, type SeatedClient } from "./cluster";
import { exportFrom, waitConverged } from "./converge";

/** Three nodes on one database and one Redis prefix; every test uses a board of its own. */
const services = freshServicesForFile();
let cluster: Cluster | null = null;
let nodes: ClusterNode[] = [];
printLogsOnFailure(() => cluster);

beforeAll(async () => {
  cluster = await startCluster(3, { databaseUrl: services.db.url, redisUrl: services.redis.url, redisPrefix: services.redis.prefix });
  nodes = cluster.nodes;
});
afterEach(() => cluster?.destroyClients());
afterAll(async () => {
  await cluster?.close();
});

const open = async (node: ClusterNode, board: CreatedBoard, key: string, name: string): Promise<NodeClient> => {
  const c = cluster!.connect(node, board, key, name);
  await waitFor(() => c.provider.synced, `${name} syncs with ${node.name}`, 15_000);
  return c;
};
/** A person on `node`: a seat taken there, then a client synced with it. */
const seated = async (node: ClusterNode, board: CreatedBoard, name: string): Promise<SeatedClient> => {
  const c = await cluster!.seated(node, board, name);
  await waitFor(() => c.provider.synced, `${name} syncs with ${node.name}`, 15_000);
  return c;
};
const gridOf = (c: NodeClient) => readBoard(c.doc).meta.grid;
const placementsOf = (c: NodeClient) => readBoard(c.doc).placements.map(({ item, participant, col, row }) => ({ item, participant, col, row }));
async function waitForPlacements(c: NodeClient, expected: ReturnType<typeof placementsOf>, what: string): Promise<void> {
  const key = (ps: ReturnType<typeof placementsOf>) => JSON.stringify(ps.map((p) => JSON.stringify(p)).sort());
  try {
    await waitFor(() => key(placementsOf(c)) === key(expected), what, 15_000);
  } catch (err) {
    throw new Error(`${(err as Error).message}: ${c.name} holds ${JSON.stringify(placementsOf(c))}, expected ${JSON.stringify(expected)}`);
  }
}
const hasPlacement = (c: NodeClient, item: string, participant: string) => readBoard(c.doc).placements.some((p) => p.item === item && p.participant === participant);

describe("clients on different nodes", () => {
  it("see each other's changes, and a late joiner on a third node gets everything", async () => {
    const board = await createBoardOn(nodes[0]!, { title: "Spread" });
    const p1 = await seated(nodes[0]!, board, "p1@node-1");
    const p2 = await seated(nodes[1]!, board, "p2@node-2");
    const fac = await open(nodes[1]!, board, board.keys.facilitator, "facilitator@node-2");

    placeItem(p1.doc, { item: "rlhf", participant: p1.participant, col: 0.25, row: 2.5 }, gridOf(p1));
    placeItem(p2.doc, { item: "rlhf", participant: p2.participant, col: 2.75, row: 0.5 }, gridOf(p2));
    placeItem(p2.doc, { item: "scaling", participant: p2.participant, col: 1.5, row: 1.5 }, gridOf(p2));
    setMeta(fac.doc, "title", "Renamed on node 2");
    await waitConverged([p1, p2, fac], "three writers on two nodes", () => readBoard(p1.doc).placements.length === 3 && readBoard(p1.doc).meta.title === "Renamed on node 2");
    const expected = [
      { item: "rlhf", participant: p1.participant, col: 0.25, row: 2.5 },
      { item: "rlhf", participant: p2.participant, col: 2.75, row: 0.5 },
      { item: "scaling", participant: p2.participant, col: 1.5, row: 1.5 },
    ];
    expect(placementsOf(p1)).toEqual(expect.arrayContaining(expected));
    expect(placementsOf(p1)).toHaveLength(3);

    // Node 3 has never held this board: it loads it and the joiner is brought fully up to date.
    const late = await open(nodes[2]!, board, board.keys.viewer, "late@node-3");
    await waitConverged([p1, p2, fac, late], "late joiner on node 3");
    expect(placementsOf(late)).toEqual(expect.arrayContaining(expected));
    expect(placementsOf(late)).toHaveLength(3);
    expect(readBoard(late.doc).meta.title).toBe("Renamed on node 2");

    // And it keeps hearing live changes from the other two nodes.
    placeItem(p1.doc, { item: "rlhf", participant: p1.participant, col: 1.25, row: 1.75 }, gridOf(p1));
    placeItem(p2.doc, { item: "ai-control", participant: p2.participant, col: 2.5, row: 2.5 }, gridOf(p2));
    await waitConverged([p1, p2, fac, late], "live changes after the late join", () => readBoard(late.doc).placements.length === 4);
    expect(readBoard(late.doc).placements.find((p) => p.participant === p1.participant)).toMatchObject({ col: 1.25, row: 1.75 });

    for (const node of nodes) {
      const snapshot = await exportFrom(node, board);
      expect(snapshot.board.title).toBe("Renamed on node 2");
      expect(snapshot.items.flatMap((i) => i.placements.map((p) => `${i.id}:${p.participant}@${p.col},${p.row}`)).sort(), `export from ${node.name}`).toEqual(
        [
          `ai-control:${p2.participant}@2.5,2.5`,
          `rlhf:${p1.participant}@1.25,1.75`,
          `rlhf:${p2.participant}@2.75,0.5`,
          `scaling:${p2.participant}@1.5,1.5`,
        ].sort(),
      );
    }
  });
});

describe("roles across nodes", () => {
  it("closes a viewer on one node and its write reaches no other node", async () => {
    const board = await createBoardOn(nodes[0]!, { title: "Roles" });
    const fac = await open(nodes[0]!, board, board.keys.facilitator, "facilitator@node-1");
    const viewer = await open(nodes[1]!, board, board.keys.viewer, "viewer@node-2");
    const writer2 = await seated(nodes[1]!, board, "participant@node-2");
    const other = await seated(nodes[2]!, board, "participant@node-3");

    placeItem(viewer.doc, { item: "rlhf", participant: "v", col: 1.5, row: 1.5 }, gridOf(viewer));
    const close = await waitForClose(viewer, (c) => c.code === 4403, "viewer closed");
    expect(close.reason).toBe("viewers cannot change the board");
    expect(viewer.closes).toHaveLength(1);

    // A later write through the same node: whatever node 2 relays of the viewer would arrive before it.
    placeItem(writer2.doc, { item: "scaling", participant: writer2.participant, col: 0.5, row: 0.5 }, gridOf(writer2));
    await waitConverged([fac, writer2, other], "marker from node 2", () => hasPlacement(fac, "scaling", writer2.participant) && hasPlacement(other, "scaling", writer2.participant));
    for (const c of [fac, writer2, other]) expect(placementsOf(c), c.name).toEqual([{ item: "scaling", participant: writer2.participant, col: 0.5, row: 0.5 }]);
    const late = await open(nodes[2]!, board, board.keys.viewer, "late@node-3");
    await waitConverged([fac, late], "late viewer");
    expect(placementsOf(late)).toEqual([{ item: "scaling", participant: writer2.participant, col: 0.5, row: 0.5 }]);
    for (const node of nodes) expect((await exportFrom(node, board)).items.find((i) => i.id === "rlhf")!.placements, node.name).toEqual([]);
  });

  it("keeps a participant on one node out of meta on every node", async () => {
    const board = await createBoardOn(nodes[0]!, { title: "Meta" });
    const fac = await open(nodes[0]!, board, board.keys.facilitator, "facilitator@node-1");
    const participant = await seated(nodes[1]!, board, "participant@node-2");
    const other = await seated(nodes[2]!, board, "participant@node-3");

    setMeta(participant.doc, "title", "Hijacked");
    setMeta(participant.doc, "locked", true);
    await waitFor(() => readBoard(participant.doc).meta.title === "Meta" && !readBoard(participant.doc).meta.locked, "participant's copy restored", 15_000);
    placeItem(participant.doc, { item: "scaling", participant: participant.participant, col: 0.5, row: 0.5 }, gridOf(participant));
    await waitConverged([fac, participant, other], "marker after the refused meta write", () => hasPlacement(fac, "scaling", participant.participant) && hasPlacement(other, "scaling", participant.participant));
    for (const c of [fac, participant, other]) {
      expect(readBoard(c.doc).meta.title, c.name).toBe("Meta");
      expect(readBoard(c.doc).meta.locked, c.name).toBe(false);
    }

    setMeta(fac.doc, "title", "Renamed by the facilitator on node 1");
    await waitConverged([fac, participant, other], "facilitator's meta write", () => readBoard(other.doc).meta.title === "Renamed by the facilitator on node 1");
    expect(readBoard(participant.doc).meta.title).toBe("Renamed by the facilitator on node 1");
    for (const node of nodes) expect((await exportFrom(node, board)).board.title, node.name).toBe("Renamed by the facilitator on node 1");
  });

  it("binds participants on other nodes to a lock set on node 1, and frees them on unlock", async () => {
    const board = await createBoardOn(nodes[0]!, { title: "Lock" });
    const fac1 = await open(nodes[0]!, board, board.keys.facilitator, "facilitator@node-1");
    const fac2 = await open(nodes[1]!, board, board.keys.facilitator, "facilitator@node-2");
    const fac3 = await open(nodes[2]!, board, board.keys.facilitator, "facilitator@node-3");
    const p2 = await seated(nodes[1]!, board, "participant@node-2");
    const p3 = await seated(nodes[2]!, board, "participant@node-3");
    const all = [fac1, fac2, fac3, p2, p3];

    placeItem(p2.doc, { item: "rlhf", participant: p2.participant, col: 0.2, row: 0.2 }, gridOf(p2));
    await waitConverged(all, "placement before the lock", () => all.every((c) => hasPlacement(c, "rlhf", p2.participant)));
    const beforeLock = placementsOf(fac1);

    setMeta(fac1.doc, "locked", true);
    await waitConverged(all, "lock reaches every node", () => all.every((c) => readBoard(c.doc).meta.locked));

    // Both at once, as people drag while locked: nodes 2 and 3 each refuse and write their correction at the same moment.
    placeItem(p2.doc, { item: "rlhf", participant: p2.participant, col: 2.5, row: 2.5 }, gridOf(p2));
    placeItem(p2.doc, { item: "scaling", participant: p2.participant, col: 1.5, row: 1.5 }, gridOf(p2));
    placeItem(p3.doc, { item: "scaling", participant: p3.participant, col: 0.5, row: 2.5 }, gridOf(p3));
    await waitForPlacements(p2, beforeLock, "node 2 brings its participant back in step");
    await waitForPlacements(p3, beforeLock, "node 3 brings its participant back in step");

    // Facilitators still write while locked; their markers pass through the nodes that refused.
    placeItem(fac2.doc, { item: "ai-control", participant: "marker2", col: 1, row: 1 }, gridOf(fac2));
    placeItem(fac3.doc, { item: "ai-control", participant: "marker3", col: 2, row: 2 }, gridOf(fac3));
    await waitConverged(all, "markers after the refused writes", () => all.every((c) => hasPlacement(c, "ai-control", "marker2") && hasPlacement(c, "ai-control", "marker3")));
    const locked = [...beforeLock, { item: "ai-control", participant: "marker2", col: 1, row: 1 }, { item: "ai-control", participant: "marker3", col: 2, row: 2 }];
    for (const c of all) {
      expect(placementsOf(c), c.name).toEqual(expect.arrayContaining(locked));
      expect(placementsOf(c), c.name).toHaveLength(locked.length);
    }

    setMeta(fac1.doc, "locked", false);
    await waitConverged(all, "unlock reaches every node", () => all.every((c) => !readBoard(c.doc).meta.locked));
    placeItem(p2.doc, { item: "rlhf", participant: p2.participant, col: 2.5, row: 2.5 }, gridOf(p2));
    placeItem(p3.doc, { item: "scaling", participant: p3.participant, col: 0.5, row: 2.5 }, gridOf(p3));
    await waitConverged(all, "participants' writes after unlock", () => all.every((c) => hasPlacement(c, "scaling", p3.participant)) && readBoard(fac1.doc).placements.some((p) => p.participant === p2.participant && p.col === 2.5));
    const unlocked = await exportFrom(nodes[0]!, board);
    expect(unlocked.items.find((i) => i.id === "scaling")!.placements.map((p) => p.participant)).toEqual([p3.participant]);
    expect(unlocked.items.find((i) => i.id === "rlhf")!.placements).toEqual([expect.objectContaining({ participant: p2.participant, col: 2.5, row: 2.5 })]);
  });
});
