import { afterEach, describe, expect, it } from "vitest";
import { placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import * as Y from "yjs";
import { createServer } from "../../server/index";
import { silentLogger } from "../../server/log";
import { openSqliteStore } from "../../server/storage/sqlite";
import { connect, createBoardVia, synced, tempDir, waitFor, type Client } from "./harness";
import { killHard, spawnServer, type ServerProcess } from "./process";
import { presence, rawSocket, step1, type RawSocket } from "./raw-socket";
import { permissionDenials, seatedClient } from "./seats-helpers";
import { storeWithValve } from "./store-valve";

const clients: Client[] = [];
const procs: ServerProcess[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const p of procs.splice(0)) await killHard(p);
});

describe("durability", () => {
  it("keeps every write another client saw when the server is killed with SIGKILL", async () => {
    const dir = tempDir();
    const first = await spawnServer(dir);
    procs.push(first);
    const board = await createBoardVia(first.url);
    const writer = await seatedClient(first.url, first.wsUrl, board, "Writer");
    const watcher = connect(first.wsUrl, board.id, board.keys.viewer);
    clients.push(writer, watcher);
    await Promise.all([synced(writer), synced(watcher)]);
    const grid = readBoard(writer.doc).meta.grid;

    // A burst of moves; kill the moment the watcher has seen the last one.
    for (let i = 0; i < 50; i++) {
      placeItem(writer.doc, { item: "ai-control", participant: writer.participant, col: (i % 30) / 10, row: 1.25 }, grid);
    }
    placeItem(writer.doc, { item: "scaling", participant: writer.participant, col: 2.75, row: 0.5 }, grid);
    await waitFor(() => readBoard(watcher.doc).placements.some((p) => p.item === "scaling"), "watcher sees the write", 5000);
    await killHard(first);
    writer.provider.disconnect();
    watcher.provider.disconnect();

    const second = await spawnServer(dir);
    procs.push(second);
    const reader = connect(second.wsUrl, board.id, board.keys.viewer);
    clients.push(reader);
    await synced(reader);
    const placements = readBoard(reader.doc).placements;
    expect(placements.find((p) => p.item === "scaling")).toMatchObject({ col: 2.75, row: 0.5 });
    expect(placements.find((p) => p.item === "ai-control")).toMatchObject({ col: (49 % 30) / 10, row: 1.25 });
  });
});

const denied = permissionDenials();

describe("durability after a refusal", () => {
  it("stores the placeholders and corrections of a refusal, so after a restart the refused change stays gone and later writes stay", async () => {
    const dir = tempDir();
    const first = await spawnServer(dir);
    procs.push(first);
    const board = await createBoardVia(first.url);
    const ada = await seatedClient(first.url, first.wsUrl, board, "Ada");
    const bo = await seatedClient(first.url, first.wsUrl, board, "Bo");
    const watcher = connect(first.wsUrl, board.id, board.keys.viewer);
    clients.push(ada, bo, watcher);
    await Promise.all([synced(ada), synced(bo), synced(watcher)]);
    const grid = readBoard(ada.doc).meta.grid;
    const at = (doc: Y.Doc, item: string, who: string) => readBoard(doc).placements.find((p) => p.item === item && p.participant === who);

    placeItem(bo.doc, { item: "rlhf", participant: bo.participant, col: 1, row: 1 }, grid);
    placeItem(ada.doc, { item: "scaling", participant: ada.participant, col: 2, row: 2 }, grid);
    await waitFor(() => !!at(watcher.doc, "rlhf", bo.participant) && !!at(ada.doc, "rlhf", bo.participant) && !!at(watcher.doc, "scaling", ada.participant), "both writes are relayed");

    // Ada moves Bo's note: refused. The server fills her clock with placeholders and writes Bo's entry again.
    placeItem(ada.doc, { item: "rlhf", participant: bo.participant, col: 2.9, row: 2.9 }, grid);
    await waitFor(() => denied.length === 1, "Ada is told of the refusal");
    await waitFor(() => at(ada.doc, "rlhf", bo.participant)?.col === 1, "Ada's copy is brought back in step");
    // Her next write continues her clock after the placeholders: only stored placeholders let it load again.
    placeItem(ada.doc, { item: "ai-control", participant: ada.participant, col: 0.5, row: 0.5 }, grid);
    await waitFor(() => !!at(watcher.doc, "ai-control", ada.participant), "the watcher sees Ada's next write");
    await killHard(first);
    for (const c of [ada, bo, watcher]) c.provider.destroy();

    const second = await spawnServer(dir);
    procs.push(second);
    const reader = connect(second.wsUrl, board.id, board.keys.viewer);
    clients.push(reader);
    await synced(reader);
    expect(at(reader.doc, "rlhf", bo.participant)).toMatchObject({ col: 1, row: 1 });
    expect(at(reader.doc, "scaling", ada.participant)).toMatchObject({ col: 2, row: 2 });
    expect(at(reader.doc, "ai-control", ada.participant)).toMatchObject({ col: 0.5, row: 0.5 });
    expect(reader.doc.store.pendingStructs).toBeNull();

    // Ada comes back with the copy she kept: it and the board agree, Bo's note where Bo put it, and nothing was refused.
    const back = connect(second.wsUrl, board.id, board.keys.participant, ada.doc, ada.seat);
    clients.push(back);
    await synced(back);
    await waitFor(() => Y.encodeStateVector(reader.doc).toString() === Y.encodeStateVector(back.doc).toString(), "Ada and the reader converge");
    const placements = (doc: Y.Doc) => readBoard(doc).placements.map((p) => JSON.stringify(p)).sort();
    expect(placements(back.doc)).toEqual(placements(reader.doc));
    expect(at(reader.doc, "rlhf", bo.participant)).toMatchObject({ col: 1, row: 1 });
    expect(denied).toHaveLength(1);
  });
});

describe("ordering of persistence and relay", () => {
  it("sends a write to nobody, neither clients on the board nor one joining, before the store has made it durable", async () => {
    const inner = openSqliteStore({ dir: tempDir() });
    const valve = storeWithValve(inner);
    const server = createServer({ store: valve.store, logger: silentLogger });
    const { port } = await server.listen(0);
    const url = `http://127.0.0.1:${port}`;
    const wsUrl = `ws://127.0.0.1:${port}`;
    const sockets: RawSocket[] = [];
    try {
      const board = await createBoardVia(url);
      const writer = await seatedClient(url, wsUrl, board, "Writer");
      clients.push(writer);
      const watcher = await rawSocket(wsUrl, board.id, board.keys.viewer);
      sockets.push(watcher);
      watcher.send(step1());
      await synced(writer);
      await waitFor(() => readBoard(watcher.received()).items.length > 0, "the watcher has the board");
      const grid = readBoard(writer.doc).meta.grid;
      const has = (doc: Y.Doc, item: string) => readBoard(doc).placements.some((p) => p.item === item);

      // The write waits in the store. Whatever the server sent the watcher before it began writing has arrived after a round trip.
      const durableBefore = valve.durableWrites;
      const waiting = valve.hold();
      placeItem(writer.doc, { item: "rlhf", participant: writer.participant, col: 1, row: 1 }, grid);
      await waiting;
      await watcher.roundTrip();
      expect(has(watcher.received(), "rlhf")).toBe(false);

      // Someone joins while it waits. Once the writer sees the newcomer's presence, the turn that read its request for the
      // board is over, and an answer that did not wait for the store would be on its way; a round trip brings it in.
      const late = await rawSocket(wsUrl, board.id, board.keys.viewer);
      sockets.push(late);
      late.send(step1());
      late.send(presence({ name: "Late" }));
      await waitFor(() => [...writer.provider.awareness.getStates().values()].some((s) => s.name === "Late"), "the writer sees the newcomer");
      await late.roundTrip();
      expect(late.updates).toEqual([]);
      expect(valve.durableWrites).toBe(durableBefore);

      valve.release();
      await waitFor(() => has(watcher.received(), "rlhf") && has(late.received(), "rlhf"), "both receive the write once it is durable");
      expect(valve.durableWrites).toBeGreaterThan(durableBefore);
    } finally {
      for (const s of sockets) s.ws.close();
      for (const c of clients.splice(0)) c.destroy();
      valve.release();
      await server.close();
    }
  });
});
