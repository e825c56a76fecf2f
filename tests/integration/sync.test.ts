import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import WebSocket from "ws";
import { encodeSyncStep2, encodeSyncUpdate } from "../../server/sync/protocol";
import { connect, createBoardVia, synced, startServer, takeSeatVia, waitFor, type Client, type TestServer } from "./harness";
import { seatQuery, seatedClient } from "./seats-helpers";

let srv: TestServer;
const clients: Client[] = [];
const open = (id: string, key: string) => {
  const c = connect(srv.wsUrl, id, key);
  clients.push(c);
  return c;
};

beforeEach(async () => {
  srv = await startServer();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await srv.close();
});

describe("sync between real clients", () => {
  it("converges several clients and brings a late joiner up to date", async () => {
    const board = await createBoardVia(srv.url);
    const peers = await Promise.all([0, 1, 2, 3].map((i) => seatedClient(srv.url, srv.wsUrl, board, `Person ${i}`)));
    clients.push(...peers);
    await Promise.all(peers.map(synced));
    const grid = readBoard(peers[0]!.doc).meta.grid;
    expect(grid.rows).toHaveLength(3);

    peers.forEach((p, i) => placeItem(p.doc, { item: "rlhf", participant: p.participant, col: i * 0.7, row: 1.5 }, grid));
    await waitFor(() => peers.every((p) => readBoard(p.doc).placements.length === 4), "all placements everywhere");
    const states = peers.map((p) => Y.encodeStateVector(p.doc));
    for (const s of states) expect(s).toEqual(states[0]);

    const late = open(board.id, board.keys.viewer);
    await synced(late);
    await waitFor(() => readBoard(late.doc).placements.length === 4, "late joiner catch-up");
    expect(readBoard(late.doc).placements.map((p) => p.participant).sort()).toEqual(peers.map((p) => p.participant).sort());
  });

  it("keeps an edit a reconnecting client sends before its sync answer, and what it builds on", async () => {
    const board = await createBoardVia(srv.url);
    const { participant, seat } = await takeSeatVia(srv.url, board, "Returning");
    const watcher = open(board.id, board.keys.viewer);
    await synced(watcher);
    const grid = readBoard(watcher.doc).meta.grid;
    // A client holding a change the server never stored (made while it was away)…
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(watcher.doc));
    placeItem(offline, { item: "rlhf", participant: participant.id, col: 0.5, row: 0.5 }, grid);
    const before = Y.encodeStateVector(offline);
    // …moves again the instant its socket opens: that edit goes out before its answer to the server's step 1.
    placeItem(offline, { item: "scaling", participant: participant.id, col: 1.5, row: 2.5 }, grid);
    const ws = new WebSocket(`${srv.wsUrl}/sync/${board.id}?${seatQuery(board, seat)}`);
    const closes: number[] = [];
    ws.on("close", (code) => closes.push(code));
    await new Promise((r) => ws.once("open", r));
    ws.send(encodeSyncUpdate(Y.encodeStateAsUpdate(offline, before)));
    ws.send(encodeSyncStep2(Y.encodeStateAsUpdate(offline)));
    await waitFor(() => readBoard(watcher.doc).placements.length === 2, "both placements at another client");
    expect(readBoard(watcher.doc).placements.map((p) => p.item).sort()).toEqual(["rlhf", "scaling"]);
    expect(closes).toEqual([]);
    ws.close();
  });
});
