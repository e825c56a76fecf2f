import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import { createServer } from "../../server/index";
import { silentLogger } from "../../server/log";
import { openSqliteStore } from "../../server/storage/sqlite";
import type { DocStore } from "../../server/storage/types";
import { docFromLog } from "../../server/sync/replica";
import {
  OPEN_ADDRESS_LIMITS,
  connect,
  createBoardVia,
  storedBlobs,
  storedBoardDoc,
  synced,
  tempDir,
  trackCloses,
  waitFor,
  waitForClose,
  type Client,
} from "./harness";
import { killHard, spawnServer, type ServerProcess } from "./process";
import { seatedClient } from "./seats-helpers";

/**
 * The default SQLite store failing while a turn is stored: nothing of that turn reaches anyone,
 * the board's clients are closed with 1011 and a reason, the store holds nothing of it, and once
 * writes work again the writer's reconnect sends its change again and it lands.
 */
const clients: Client[] = [];
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const f of cleanup.splice(0).reverse()) await f();
});

const placementOf = (doc: Y.Doc, item: string) => readBoard(doc).placements.find((p) => p.item === item);

/** What `when()` said the first time `client`'s document held a placement of `item` (undefined: not yet). */
function firstSight<T>(client: Client, item: string, when: () => T): { at: T | undefined } {
  const sight: { at: T | undefined } = { at: undefined };
  client.doc.on("update", () => {
    if (sight.at === undefined && placementOf(client.doc, item)) sight.at = when();
  });
  return sight;
}

describe("a store that cannot write", () => {
  it("drops the turn while another connection holds the database's write lock, and takes the change once it is released", async () => {
    const dir = tempDir();
    const proc: ServerProcess = await spawnServer(dir);
    cleanup.push(() => killHard(proc));
    const board = await createBoardVia(proc.url);
    const writer = trackCloses(await seatedClient(proc.url, proc.wsUrl, board, "Writer"), "writer");
    const watcher = trackCloses(connect(proc.wsUrl, board.id, board.keys.viewer), "watcher");
    clients.push(writer, watcher);
    await Promise.all([synced(writer), synced(watcher)]);
    const grid = readBoard(writer.doc).meta.grid;

    // Another process's connection takes the write lock, as a backup tool or a stuck writer would.
    const lock = new Database(path.join(dir, "cruxboard.sqlite"));
    cleanup.push(() => lock.close());
    lock.exec("BEGIN EXCLUSIVE");
    let locked = true;
    cleanup.push(() => locked && lock.exec("ROLLBACK"));
    const seen = firstSight(watcher, "rlhf", () => (locked ? "while locked" : "after release"));
    const rowsBefore = storedBlobs(dir, board.id).length;

    placeItem(writer.doc, { item: "rlhf", participant: writer.participant, col: 2.25, row: 1.75 }, grid);
    // The server waits out its busy timeout (5 s) before it gives the turn up.
    const closed = await waitForClose(writer, (c) => c.code === 1011, "closed as its turn could not be stored", 20_000);
    expect(closed.reason).toMatch(/storage is unavailable/);
    await waitForClose(watcher, (c) => c.code === 1011, "closed with the dropped board", 20_000);
    expect(seen.at).toBeUndefined();
    expect(placementOf(watcher.doc, "rlhf")).toBeUndefined();
    // Read while the lock is still held: the failed turn left nothing in the file.
    expect(storedBlobs(dir, board.id)).toHaveLength(rowsBefore);
    expect(placementOf(storedBoardDoc(dir, board.id), "rlhf")).toBeUndefined();
    // The writer keeps its change.
    expect(placementOf(writer.doc, "rlhf")).toMatchObject({ col: 2.25, row: 1.75 });

    lock.exec("COMMIT");
    locked = false;
    await waitFor(() => seen.at !== undefined, "the change reaches the watcher once it can be stored", 20_000);
    expect(seen.at).toBe("after release");
    expect(placementOf(storedBoardDoc(dir, board.id), "rlhf")).toMatchObject({ col: 2.25, row: 1.75 });
    placeItem(writer.doc, { item: "scaling", participant: writer.participant, col: 0.5, row: 0.5 }, grid);
    await waitFor(() => placementOf(watcher.doc, "scaling") !== undefined, "the board works on", 10_000);
  });

  it("drops only the failing board's turn, keeps the other boards of the server working, and recovers", async () => {
    const dir = tempDir();
    const inner = openSqliteStore({ dir });
    // The real store, whose writes for one board fail while it is named, as a full disk would fail them.
    const fault = { board: null as string | null, batches: [] as string[][] };
    const store: DocStore = {
      ...inner,
      async appendBatch(entries) {
        fault.batches.push(entries.map((e) => e.boardId));
        if (entries.some((e) => e.boardId === fault.board)) throw new Database.SqliteError("database or disk is full", "SQLITE_FULL");
        return inner.appendBatch(entries);
      },
    };
    const stored = async (id: string) => docFromLog((await inner.loadDoc(id)).updates);
    const server = createServer({ store, logger: silentLogger, limits: { roomIdleMs: 60_000, ...OPEN_ADDRESS_LIMITS } });
    cleanup.push(() => server.close());
    const { port } = await server.listen(0, "127.0.0.1");
    const url = `http://127.0.0.1:${port}`;
    const wsUrl = `ws://127.0.0.1:${port}`;
    const [a, b] = [await createBoardVia(url), await createBoardVia(url)];
    const open = async (board: typeof a, name: string) => {
      const writer = trackCloses(await seatedClient(url, wsUrl, board, `${name} writer`), `${name} writer`);
      const watcher = trackCloses(connect(wsUrl, board.id, board.keys.viewer), `${name} watcher`);
      clients.push(writer, watcher);
      await Promise.all([synced(writer), synced(watcher)]);
      return { writer, watcher, grid: readBoard(writer.doc).meta.grid };
    };
    const onA = await open(a, "a");
    const onB = await open(b, "b");
    const seenOnA = firstSight(onA.watcher, "rlhf", () => (fault.board === null ? "after recovery" : "while failing"));

    fault.board = a.id;
    fault.batches.length = 0;
    placeItem(onA.writer.doc, { item: "rlhf", participant: onA.writer.participant, col: 2.25, row: 1.75 }, onA.grid);
    placeItem(onB.writer.doc, { item: "rlhf", participant: onB.writer.participant, col: 0.25, row: 0.75 }, onB.grid);
    // Both messages are in the server's sockets before its event loop looks again: they share a turn.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);

    const closed = await waitForClose(onA.writer, (c) => c.code === 1011, "closed as its board's turn could not be stored");
    expect(closed.reason).toMatch(/storage is unavailable/);
    await waitFor(() => placementOf(onB.watcher.doc, "rlhf") !== undefined, "the other board's change is stored and relayed");
    expect(fault.batches[0]?.slice().sort()).toEqual([a.id, b.id].sort());
    expect(placementOf(await stored(a.id), "rlhf")).toBeUndefined();
    expect(placementOf(await stored(b.id), "rlhf")).toMatchObject({ col: 0.25, row: 0.75 });

    // While board a still cannot be written, board b goes on as if nothing happened.
    placeItem(onB.writer.doc, { item: "scaling", participant: onB.writer.participant, col: 1.5, row: 2.5 }, onB.grid);
    await waitFor(() => placementOf(onB.watcher.doc, "scaling") !== undefined, "board b keeps working");
    expect(seenOnA.at).toBeUndefined();
    expect(placementOf(onA.watcher.doc, "rlhf")).toBeUndefined();
    expect(placementOf(await stored(a.id), "rlhf")).toBeUndefined();
    expect([...onB.writer.closes, ...onB.watcher.closes]).toEqual([]);

    fault.board = null;
    await waitFor(() => seenOnA.at !== undefined, "board a's change lands once its writes work again", 10_000);
    expect(seenOnA.at).toBe("after recovery");
    expect(placementOf(await stored(a.id), "rlhf")).toMatchObject({ col: 2.25, row: 1.75 });
    expect([...onB.writer.closes, ...onB.watcher.closes]).toEqual([]);
  });
});
