/**
 * Several servers in one process on one store, joined by a bus as nodes are: the replica logic
 * (relaying what another stored, catching up what never arrived, compacting one shared log)
 * tested without separate processes.
 */
import { afterEach } from "vitest";
import type * as Y from "yjs";
import type { Bus } from "../../server/bus/types";
import { createServer, type CruxServer } from "../../server/index";
import { silentLogger } from "../../server/log";
import { openSqliteStore } from "../../server/storage/sqlite";
import type { DocStore } from "../../server/storage/types";
import { connect, createBoardVia, tempDir, type Client } from "./harness";
import { seatedClient, type SeatedClient } from "./seats-helpers";

interface Node {
  server: CruxServer;
  url: string;
  wsUrl: string;
}

const opened: Array<{ nodes: Node[]; store: DocStore; clients: Client[] }> = [];

afterEach(async () => {
  for (const { nodes, store, clients } of opened.splice(0)) {
    for (const c of clients) c.destroy();
    for (const n of nodes) await n.server.close();
    await store.close();
  }
});

/** Nodes on one shared store; closed after each test. */
export async function cluster(buses: Bus[], limits: Record<string, number> = {}) {
  const store = openSqliteStore({ dir: tempDir() });
  // Each server closes the store it is given; the shared one is closed once, after both.
  const shared: DocStore = { ...store, close: async () => undefined };
  const nodes: Node[] = [];
  for (const bus of buses) {
    const server = createServer({ store: shared, bus, logger: silentLogger, limits: { roomIdleMs: 60_000, ...limits } });
    const { port } = await server.listen(0, "127.0.0.1");
    nodes.push({ server, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}` });
  }
  const clients: Client[] = [];
  opened.push({ nodes, store, clients });
  const board = await createBoardVia(nodes[0]!.url, { template: "blank" });
  const join = (node: number, key = board.keys.participant, doc?: Y.Doc) => {
    const c = connect(nodes[node]!.wsUrl, board.id, key, doc);
    clients.push(c);
    return c;
  };
  let people = 0;
  /** A person who takes a seat through node `seatNode` (by default the one they connect to) and writes on node `node`. */
  const seated = async (node: number, options: { doc?: Y.Doc; seatNode?: number } = {}): Promise<SeatedClient> => {
    const c = await seatedClient(nodes[options.seatNode ?? node]!.url, nodes[node]!.wsUrl, board, `Person ${++people}`, options.doc);
    clients.push(c);
    return c;
  };
  return { nodes, store, board, join, seated };
}

/** Items written straight into the document, as a client does. */
export const items = (c: Client) => c.doc.getMap<{ id: string; text: string; createdBy: string; createdAt: number }>("items");
/**
 * A note written as a client does: a seated person's is their own; the facilitator may write one in
 * anyone's name (`createdBy`). A connection without a seat, whose notes the server refuses, writes as "p1".
 */
export const note = (c: Client | SeatedClient, id: string, text: string, createdBy = "participant" in c ? c.participant : "p1") =>
  items(c).set(id, { id, text, createdBy, createdAt: 1 });
export const textOf = (c: Client, id: string) => items(c).get(id)?.text;
