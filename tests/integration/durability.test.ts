import { afterEach, describe, expect, it } from "vitest";
import { placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import { connect, createBoardVia, synced, tempDir, waitFor, type Client } from "./harness";
import { killHard, spawnServer, type ServerProcess } from "./process";

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
    const writer = connect(first.wsUrl, board.id, board.keys.participant);
    const watcher = connect(first.wsUrl, board.id, board.keys.viewer);
    clients.push(writer, watcher);
    await Promise.all([synced(writer), synced(watcher)]);
    const grid = readBoard(writer.doc).meta.grid;

    // A burst of moves; kill the moment the watcher has seen the last one.
    for (let i = 0; i < 50; i++) {
      placeItem(writer.doc, { item: "ai-control", participant: "w", col: (i % 30) / 10, row: 1.25 }, grid);
    }
    placeItem(writer.doc, { item: "scaling", participant: "w", col: 2.75, row: 0.5 }, grid);
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

describe("ordering of persistence and relay", () => {
  it("relays nothing to anyone before the store has made it durable", async () => {
    const { createServer } = await import("../../server/index");
    const { openSqliteStore } = await import("../../server/storage/sqlite");
    const { silentLogger } = await import("../../server/log");
    const inner = openSqliteStore({ dir: tempDir() });
    const durableAt: number[] = [];
    const slowStore = {
      ...inner,
      async appendBatch(entries: ReadonlyArray<{ boardId: string; updates: readonly Uint8Array[] }>) {
        await new Promise((r) => setTimeout(r, 150));
        const seqs = await inner.appendBatch(entries);
        durableAt.push(Date.now());
        return seqs;
      },
    };
    const server = createServer({ store: slowStore, logger: silentLogger });
    const { port } = await server.listen(0);
    try {
      const board = await createBoardVia(`http://127.0.0.1:${port}`);
      const writer = connect(`ws://127.0.0.1:${port}`, board.id, board.keys.participant);
      const watcher = connect(`ws://127.0.0.1:${port}`, board.id, board.keys.participant);
      clients.push(writer, watcher);
      await Promise.all([synced(writer), synced(watcher)]);
      let seenAt = 0;
      watcher.doc.on("update", () => (seenAt ||= Date.now()));
      placeItem(writer.doc, { item: "rlhf", participant: "w", col: 1, row: 1 }, readBoard(writer.doc).meta.grid);
      await waitFor(() => seenAt > 0, "watcher sees the write");
      expect(durableAt.length).toBeGreaterThan(0);
      expect(seenAt).toBeGreaterThanOrEqual(durableAt[0]!);

      // A client joining mid-write gets the state only once it is durable too.
      durableAt.length = 0;
      placeItem(writer.doc, { item: "scaling", participant: "w", col: 2, row: 2 }, readBoard(writer.doc).meta.grid);
      await new Promise((r) => setTimeout(r, 20));
      const late = connect(`ws://127.0.0.1:${port}`, board.id, board.keys.viewer);
      clients.push(late);
      let lateSawAt = 0;
      late.doc.on("update", () => {
        if (readBoard(late.doc).placements.some((p) => p.item === "scaling")) lateSawAt ||= Date.now();
      });
      await waitFor(() => lateSawAt > 0, "late joiner sees the write");
      expect(lateSawAt).toBeGreaterThanOrEqual(durableAt[0]!);
    } finally {
      for (const c of clients.splice(0)) c.destroy();
      await server.close();
    }
  });
});
