import Database from "better-sqlite3";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import { connect, createBoardVia, startServer, synced, waitFor, type Client, type TestServer } from "./harness";

let srv: TestServer | null = null;
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await srv?.close();
});

const rowCount = (dir: string, id: string) => {
  const db = new Database(path.join(dir, "cruxboard.sqlite"), { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM updates WHERE board_id = ?").get(id) as { n: number }).n;
  } finally {
    db.close();
  }
};

describe("compaction", () => {
  it("shrinks the update log and keeps the content identical", async () => {
    srv = await startServer({ compactEvery: 5, roomIdleMs: 0 });
    const board = await createBoardVia(srv.url);
    const a = connect(srv.wsUrl, board.id, board.keys.participant);
    clients.push(a);
    await synced(a);
    const grid = readBoard(a.doc).meta.grid;
    for (let i = 0; i < 120; i++) {
      placeItem(a.doc, { item: "rlhf", participant: `p${i % 7}`, col: (i % 29) / 10, row: (i % 17) / 6 }, grid);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await srv.server.rooms.withSettledRoom(board.id, () => undefined);
    expect(srv.server.metrics.compactions).toBeGreaterThan(0);
    expect(rowCount(srv.dir, board.id)).toBeLessThan(40);
    const before = readBoard(a.doc);
    const beforeJson = a.doc.getMap("placements").toJSON();

    // Shut down while the last writes may still be in flight: the server drains them first.
    const dir = srv.dir;
    await srv.close(); // unload compacts what is left
    a.destroy();
    clients.length = 0;
    expect(rowCount(dir, board.id)).toBe(1);

    srv = await startServer({}, dir);
    const b = connect(srv.wsUrl, board.id, board.keys.viewer);
    clients.push(b);
    await synced(b);
    await waitFor(() => readBoard(b.doc).placements.length === before.placements.length, "reloaded content");
    expect(readBoard(b.doc)).toEqual(before);
    expect(b.doc.getMap("placements").toJSON()).toEqual(beforeJson);
  });
});
