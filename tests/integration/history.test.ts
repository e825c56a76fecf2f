import Database from "better-sqlite3";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BoardHistorySchema, type BoardHistoryJson } from "../../lib/api/schemas";
import * as Y from "yjs";
import { placeItem, unplaceItem } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
import { readBoard } from "../../lib/board/doc";
import { COALESCE_MS } from "../../lib/board/history";
import { createHistoryService } from "../../server/http/history";
import { openSqliteStore } from "../../server/storage/sqlite";
import { createBoardVia, sleep, startServer, synced, tempDir, waitFor, type Client, type TestServer } from "./harness";
import { seatedClient, type SeatedClient } from "./seats-helpers";

let srv: TestServer | null = null;
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await srv?.close();
  srv = null;
});

const rowCounts = (dir: string, id: string) => {
  const db = new Database(path.join(dir, "cruxboard.sqlite"), { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE board_id = ?`).get(id) as { n: number }).n;
    return { updates: count("updates"), history: count("history") };
  } finally {
    db.close();
  }
};

async function getHistory(url: string, id: string, key: string): Promise<BoardHistoryJson> {
  const res = await fetch(`${url}/api/boards/${id}/history?key=${key}`);
  expect(res.status).toBe(200);
  return BoardHistorySchema.parse(await res.json());
}

describe("GET /api/boards/<id>/history", () => {
  it("replays moves made before and after a compaction, in order, with the server's times", async () => {
    srv = await startServer({ compactEvery: 4 });
    const createdFrom = Date.now();
    const board = await createBoardVia(srv.url, { title: "Week 3" });
    const createdTo = Date.now();

    /**
     * Runs a change, waits until the server has stored it, and returns when that happened at the latest and earliest.
     * A change over the socket resolves once the server's board shows it; taking a seat, once the answer is in.
     */
    const step = async (change: () => void | Promise<void>) => {
      const from = Date.now();
      await change();
      await srv!.server.rooms.withSettledRoom(board.id, () => undefined);
      const to = Date.now();
      // Further apart than a drag's steps, so every move stays its own event.
      await sleep(300);
      return { from, to };
    };
    // Ann joins by taking a seat: the server writes her entry.
    let a!: SeatedClient;
    const joined = await step(async () => {
      a = await seatedClient(srv!.url, srv!.wsUrl, board, "Ann");
    });
    clients.push(a);
    await synced(a);
    const ann = a.participant;
    const grid = readBoard(a.doc).meta.grid;
    /** Resolves once the server's own copy shows Ann's note as `placed` says. */
    const onServer = async (placed: (note: { col: number; row: number } | undefined) => boolean) => {
      const shown = () => srv!.server.rooms.withSettledRoom(board.id, (room) => placed(room.doc.getMap<{ col: number; row: number }>("placements").get(`rlhf:${ann}`)));
      for (let tries = 0; !(await shown()); tries++) {
        if (tries > 500) throw new Error("the server never showed the change");
        await sleep(5);
      }
    };
    const place = (col: number, row: number) => async () => {
      placeItem(a.doc, { item: "rlhf", participant: ann, col, row }, grid);
      await onServer((note) => note?.col === col && note.row === row);
    };

    const times = [
      joined,
      await step(place(0.5, 0.5)),
      await step(place(1.5, 0.5)),
      await step(place(1.5, 1.25)),
    ];
    await waitFor(() => srv!.server.metrics.compactions >= 1, "a compaction");
    const compacted = rowCounts(srv.dir, board.id);
    expect(compacted.history).toBeGreaterThanOrEqual(4);
    expect(compacted.updates).toBeLessThanOrEqual(2);
    times.push(await step(place(2.5, 2.5)), await step(async () => {
        unplaceItem(a.doc, "rlhf", ann);
        await onServer((note) => note === undefined);
      }));

    const history = await getHistory(srv.url, board.id, board.keys.viewer);
    expect(history).toMatchObject({ boardId: board.id, title: "Week 3", grid, dropped: 0, skipped: 0 });
    expect(history.updates).toBeGreaterThanOrEqual(7);
    const starters = history.events.filter((e) => e.kind === "item");
    expect(starters).toHaveLength(9);
    for (const e of starters) {
      expect(e.at).toBeGreaterThanOrEqual(createdFrom);
      expect(e.at).toBeLessThanOrEqual(createdTo);
    }
    const mine = history.events.filter((e) => e.kind !== "item");
    expect(mine.map(({ at: _at, ...e }) => e)).toEqual([
      { kind: "participant", participant: expect.objectContaining({ id: ann, name: "Ann" }) },
      { kind: "place", item: "rlhf", participant: ann, col: 0.5, row: 0.5 },
      { kind: "place", item: "rlhf", participant: ann, col: 1.5, row: 0.5 },
      { kind: "place", item: "rlhf", participant: ann, col: 1.5, row: 1.25 },
      { kind: "place", item: "rlhf", participant: ann, col: 2.5, row: 2.5 },
      { kind: "unplace", item: "rlhf", participant: ann },
    ]);
    mine.forEach((e, i) => {
      expect(e.at, `event ${i}`).toBeGreaterThanOrEqual(times[i]!.from);
      expect(e.at, `event ${i}`).toBeLessThanOrEqual(times[i]!.to);
    });
    expect(history.final.placements).toEqual([]);
    expect(history.final.participants.map((p) => p.name)).toEqual(["Ann"]);

    // Any key reads it, and a restart (whose unload compacts again) changes nothing.
    const dir = srv.dir;
    expect(await getHistory(srv.url, board.id, board.keys.participant)).toEqual(history);
    a.destroy();
    clients.length = 0;
    await srv.close();
    expect(rowCounts(dir, board.id).updates).toBe(1);
    srv = await startServer({}, dir);
    expect(await getHistory(srv.url, board.id, board.keys.facilitator)).toEqual(history);
  });

  it("answers an unknown board with 404 and a missing or wrong key with 401 or 403", async () => {
    srv = await startServer();
    const board = await createBoardVia(srv.url);
    const status = async (p: string) => (await fetch(`${srv!.url}${p}`)).status;
    expect(await status(`/api/boards/NoSuchBoard0000000000000/history?key=${board.keys.viewer}`)).toBe(404);
    expect(await status(`/api/boards/${board.id}/history`)).toBe(401);
    expect(await status(`/api/boards/${board.id}/history?key=wrong`)).toBe(403);
    expect((await fetch(`${srv.url}/api/boards/${board.id}/history?key=${board.keys.viewer}`, { method: "POST" })).status).toBe(405);
  });
});

describe("the timeline as CSV", () => {
  it("has one row per change, oldest first, and refuses other formats", async () => {
    // The store's clock is this machine's plus an offset the test moves on: the server's times of the
    // two moves then lie as far apart as the test says, however the machine schedules it.
    let offset = 0;
    srv = await startServer({}, tempDir(), () => Date.now() + offset);
    const board = await createBoardVia(srv.url, { title: "Week 3" });
    // Ann's seat is taken under a name that looks like a spreadsheet formula.
    const a = await seatedClient(srv.url, srv.wsUrl, board, "=Ann");
    clients.push(a);
    await synced(a);
    const ann = a.participant;
    const grid = readBoard(a.doc).meta.grid;
    placeItem(a.doc, { item: "rlhf", participant: ann, col: 0.5, row: 0.5 }, grid);
    // A separate change, not the same drag: once the store holds the first move, its clock moves on
    // by a hundred merge windows before the second is sent.
    for (let tries = 0; (await getHistory(srv.url, board.id, board.keys.viewer)).events.every((e) => e.kind !== "place"); tries++) {
      if (tries > 200) throw new Error("the first move never reached the store");
      await sleep(25);
    }
    offset = 100 * COALESCE_MS;
    const accepted = srv.server.metrics.updatesAccepted;
    placeItem(a.doc, { item: "rlhf", participant: ann, col: 2.5, row: 1.5 }, grid);
    await waitFor(() => srv!.server.metrics.updatesAccepted > accepted, "the moves on the server");
    await srv.server.rooms.withSettledRoom(board.id, () => undefined);
    const res = await fetch(`${srv.url}/api/boards/${board.id}/history?format=csv&key=${board.keys.viewer}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/week-3-timeline\.csv/);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("at,change,item_id,item_text,participant_id,participant_name,col,row,row_label,column_label");
    const places = lines.filter((l) => l.includes(",place,"));
    expect(places).toHaveLength(2);
    // The name is neutralised against spreadsheet formulas; the cells are named by their labels.
    expect(places[0]).toMatch(new RegExp(`,place,rlhf,RLHF,${ann},'=Ann,0\\.5,0\\.5,Engineering,Average-case$`));
    expect(places[1]).toMatch(new RegExp(`,place,rlhf,RLHF,${ann},'=Ann,2\\.5,1\\.5,Behaviorist science,Worst-case$`));
    // The server's times of the two moves lie as far apart as the store's clock was moved on.
    expect(Date.parse(places[1]!.split(",")[0]!) - Date.parse(places[0]!.split(",")[0]!)).toBeGreaterThanOrEqual(100 * COALESCE_MS);
    expect((await fetch(`${srv.url}/api/boards/${board.id}/history?format=xml&key=${board.keys.viewer}`)).status).toBe(400);
  });
});

describe("the history service", () => {
  async function storeWithMoves(moves: number) {
    const store = openSqliteStore({ dir: tempDir("cruxboard-history-") });
    const doc = new Y.Doc();
    createBoard(doc, { title: "Long session", template: "alignment" });
    const id = "historyServiceBoard01";
    await store.createBoard({ id, createdAt: Date.now(), keyHashes: { facilitator: "a".repeat(64), participant: "b".repeat(64), viewer: "c".repeat(64) } }, Y.encodeStateAsUpdate(doc));
    const grid = readBoard(doc).meta.grid;
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < moves; i++) placeItem(doc, { item: "rlhf", participant: `p-${i % 7}`, col: (i % 30) / 10, row: 1.5 }, grid);
    await store.appendUpdates(id, updates);
    return { store, id, doc, grid };
  }

  it("builds a board's timeline once for any number of requests until the board changes", async () => {
    const { store, id, doc, grid } = await storeWithMoves(50);
    const history = createHistoryService(store);
    const [a, b, c] = await Promise.all([history.timeline(id), history.timeline(id), history.timeline(id)]);
    expect(history.replays).toBe(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
    const before = a.replay.final.placements.find((p) => p.participant === "p-0")!;

    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    placeItem(doc, { item: "rlhf", participant: "p-0", col: 2.9, row: 2.9 }, grid);
    await store.appendUpdates(id, updates);
    const after = await history.timeline(id);
    expect(history.replays).toBe(2);
    expect(after.replay.final.placements.find((p) => p.participant === "p-0")).toMatchObject({ col: 2.9, row: 2.9 });
    expect(before).not.toMatchObject({ col: 2.9, row: 2.9 });
    await store.close();
  });

  it("lets the event loop run while it replays a long session", async () => {
    const { store, id } = await storeWithMoves(3_000);
    const history = createHistoryService(store);
    let turns = 0;
    let done = false;
    const ticker = setInterval(() => !done && turns++, 0);
    const { replay, updates } = await history.timeline(id);
    done = true;
    clearInterval(ticker);
    expect(updates).toBe(3_001);
    // Timers ran between the chunks of the replay: a server doing this keeps relaying moves meanwhile.
    expect(turns).toBeGreaterThan(3);
    expect(replay.events.filter((e) => e.kind === "place").length).toBeGreaterThan(0);
    await store.close();
  });
});
