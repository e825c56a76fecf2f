import Database from "better-sqlite3";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import { connect, createBoardVia, startServer, synced, waitFor, type Client, type TestServer } from "./harness";
import { seatedClient } from "./seats-helpers";

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

/**
 * The board as read, with its placements in a fixed order: several people's notes come out of a map
 * in the order its copy first learnt of them, which a reload from the compacted state need not keep.
 */
const content = (doc: Y.Doc) => {
  const board = readBoard(doc);
  return { ...board, placements: [...board.placements].sort((x, y) => `${x.item}:${x.participant}`.localeCompare(`${y.item}:${y.participant}`)) };
};

describe("compaction", () => {
  it("shrinks the update log and keeps the content identical", async () => {
    srv = await startServer({ compactEvery: 5, roomIdleMs: 0 });
    const board = await createBoardVia(srv.url);
    const people = await Promise.all([0, 1, 2, 3, 4, 5, 6].map((i) => seatedClient(srv!.url, srv!.wsUrl, board, `Person ${i}`)));
    clients.push(...people);
    await Promise.all(people.map(synced));
    const a = people[0]!;
    const grid = readBoard(a.doc).meta.grid;
    for (let i = 0; i < 120; i++) {
      const p = people[i % 7]!;
      placeItem(p.doc, { item: "rlhf", participant: p.participant, col: (i % 29) / 10, row: (i % 17) / 6 }, grid);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await srv.server.rooms.withSettledRoom(board.id, () => undefined);
    // Everyone's notes have reached the client the content is read from.
    await waitFor(() => people.every((p) => Y.encodeStateVector(p.doc).toString() === Y.encodeStateVector(a.doc).toString()) && readBoard(a.doc).placements.length === 7, "everyone in step");
    expect(srv.server.metrics.compactions).toBeGreaterThan(0);
    expect(rowCount(srv.dir, board.id)).toBeLessThan(40);
    const before = content(a.doc);
    const beforeJson = a.doc.getMap("placements").toJSON();

    // Shut down while the last writes may still be in flight: the server drains them first.
    const dir = srv.dir;
    await srv.close(); // unload compacts what is left
    for (const c of clients.splice(0)) c.destroy();
    expect(rowCount(dir, board.id)).toBe(1);

    srv = await startServer({}, dir);
    const b = connect(srv.wsUrl, board.id, board.keys.viewer);
    clients.push(b);
    await synced(b);
    await waitFor(() => readBoard(b.doc).placements.length === before.placements.length, "reloaded content");
    expect(content(b.doc)).toEqual(before);
    expect(b.doc.getMap("placements").toJSON()).toEqual(beforeJson);
  });
});
