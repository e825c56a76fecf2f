import Database from "better-sqlite3";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BoardHistorySchema, type BoardHistoryJson, type CreatedBoard } from "../../lib/api/schemas";
import { joinParticipant, placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import { Timeline } from "../../lib/board/timeline";
import { createServer, type CruxServer } from "../../server/index";
import type { HistoryRetention } from "../../server/retention";
import { silentLogger } from "../../server/log";
import { openSqliteStore } from "../../server/storage/sqlite";
import { connect, createBoardVia, sleep, synced, tempDir, waitFor, type Client } from "./harness";

const DAY = 86_400_000;

/** Servers on one data directory, one after another, all on a clock the test sets. */
function sessionsOn(dir: string) {
  let time = Date.now();
  const clock = () => time;
  let server: CruxServer | null = null;
  const clients: Client[] = [];
  return {
    clock,
    set(at: number) {
      time = at;
    },
    async start(historyRetention?: HistoryRetention) {
      server = createServer({
        store: openSqliteStore({ dir, now: clock }),
        logger: silentLogger,
        limits: { roomIdleMs: 60_000 },
        now: clock,
        ...(historyRetention ? { historyRetention } : {}),
      });
      const { port } = await server.listen(0, "127.0.0.1");
      return { server, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}` };
    },
    async connect(wsUrl: string, board: CreatedBoard) {
      const client = connect(wsUrl, board.id, board.keys.facilitator);
      clients.push(client);
      await synced(client);
      return client;
    },
    /** Closes the clients and the server; closing unloads every board, which moves its log into history. */
    async stop() {
      for (const c of clients.splice(0)) c.destroy();
      await server?.close();
      server = null;
    },
  };
}

let stopAll: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stopAll?.();
  stopAll = null;
});

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return res.json();
}
const historyOf = async (url: string, board: CreatedBoard): Promise<BoardHistoryJson> =>
  BoardHistorySchema.parse(await getJson(`${url}/api/boards/${board.id}/history?key=${board.keys.viewer}`));
/** The board's content as its export gives it, without the export's own time. */
const contentOf = async (url: string, board: CreatedBoard) => {
  const { exportedAt: _, ...rest } = (await getJson(`${url}/api/boards/${board.id}/export?format=json&key=${board.keys.viewer}`)) as Record<string, unknown>;
  return rest;
};
/** Placements as positions, in a fixed order. */
const positions = (xs: ReadonlyArray<{ item: string; participant: string; col: number; row: number }>) =>
  xs.map((p) => [p.item, p.participant, p.col, p.row]).sort((a, b) => `${a[0]}:${a[1]}`.localeCompare(`${b[0]}:${b[1]}`));

describe("history retention", () => {
  it("folds history older than the horizon into one state: the board is unchanged and the replay starts at the horizon", async () => {
    const dir = tempDir();
    const sessions = sessionsOn(dir);
    stopAll = sessions.stop;
    const now = Date.now();

    // Forty days ago: a session with two people.
    sessions.set(now - 40 * DAY);
    let srv = await sessions.start();
    const board = await createBoardVia(srv.url, { title: "Old session" });
    let client = await sessions.connect(srv.wsUrl, board);
    const grid = readBoard(client.doc).meta.grid;
    const step = async (change: () => void) => {
      const accepted = srv.server.metrics.updatesAccepted;
      change();
      await waitFor(() => srv.server.metrics.updatesAccepted > accepted, "the server accepts the change");
      await srv.server.rooms.withSettledRoom(board.id, () => undefined);
      // Apart by more than a drag's steps, so that each change is its own event.
      sessions.set(sessions.clock() + 1000);
    };
    await step(() => joinParticipant(client.doc, { id: "ann", name: "Ann", color: "#2563eb", joinedAt: sessions.clock() }));
    await step(() => joinParticipant(client.doc, { id: "bo", name: "Bo", color: "#dc2626", joinedAt: sessions.clock() }));
    await step(() => placeItem(client.doc, { item: "rlhf", participant: "ann", col: 0.5, row: 0.5 }, grid));
    await step(() => placeItem(client.doc, { item: "rlhf", participant: "bo", col: 2.5, row: 2.5 }, grid));
    await step(() => placeItem(client.doc, { item: "scaling", participant: "ann", col: 0.25, row: 0.75 }, grid));
    const snapshot = await fetch(`${srv.url}/api/boards/${board.id}/snapshots?key=${board.keys.facilitator}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Kick-off" }),
    });
    expect(snapshot.status).toBe(201);
    await sessions.stop();

    // Ten days ago: the same board again.
    sessions.set(now - 10 * DAY);
    srv = await sessions.start();
    client = await sessions.connect(srv.wsUrl, board);
    await step(() => placeItem(client.doc, { item: "rlhf", participant: "ann", col: 1.5, row: 1.5 }, grid));
    await step(() => placeItem(client.doc, { item: "ai-control", participant: "bo", col: 2.5, row: 1.5 }, grid));
    const recent = sessions.clock();
    const before = await contentOf(srv.url, board);
    const whole = await historyOf(srv.url, board);
    expect(whole.prunedBefore).toBeNull();
    expect(whole.events.filter((e) => e.kind === "place")).toHaveLength(5);
    await sessions.stop();

    // Now, keeping 30 days: pruning runs as the server starts.
    sessions.set(now);
    const horizon = now - 30 * DAY;
    srv = await sessions.start({ keepMs: 30 * DAY });
    let pruned = await historyOf(srv.url, board);
    for (const started = Date.now(); pruned.prunedBefore === null; ) {
      if (Date.now() - started > 10_000) throw new Error("timed out waiting for the history to be pruned");
      await sleep(50);
      pruned = await historyOf(srv.url, board);
    }
    expect(pruned.prunedBefore).toBe(horizon);

    // The board itself is as it was, for export and for a client that opens it.
    expect(await contentOf(srv.url, board)).toEqual(before);
    client = await sessions.connect(srv.wsUrl, board);
    expect(positions(readBoard(client.doc).placements)).toEqual(positions(whole.final.placements));
    expect(pruned.final).toEqual(whole.final);

    // The replay starts at the horizon, from the board as the old session left it, with only the later changes.
    expect(pruned.events.every((e) => e.at >= horizon)).toBe(true);
    expect(pruned.events.map((e) => (e.kind === "place" ? [e.item, e.participant, e.col, e.row, e.at] : e.kind))).toEqual([
      ["rlhf", "ann", 1.5, 1.5, recent - 2000],
      ["ai-control", "bo", 2.5, 1.5, recent - 1000],
    ]);
    expect(positions(pruned.start.placements)).toEqual([
      ["rlhf", "ann", 0.5, 0.5],
      ["rlhf", "bo", 2.5, 2.5],
      ["scaling", "ann", 0.25, 0.75],
    ]);
    expect(pruned.start.participants.map((p) => p.name).sort()).toEqual(["Ann", "Bo"]);
    const timeline = new Timeline(pruned.start, pruned.events, pruned.final.meta);
    expect(positions(timeline.at(pruned.events.length).placements)).toEqual(positions(pruned.final.placements));

    // The snapshot, the facilitator's own copy, is kept whole.
    const snapshots = (await getJson(`${srv.url}/api/boards/${board.id}/snapshots?key=${board.keys.viewer}`)) as Array<{ name: string }>;
    expect(snapshots.map((s) => s.name)).toEqual(["Kick-off"]);
    await sessions.stop();

    // On disk: one folded state at the horizon, then the later entries.
    const db = new Database(path.join(dir, "cruxboard.sqlite"), { readonly: true });
    const rows = db.prepare("SELECT at, folded FROM history WHERE board_id = ? ORDER BY seq").all(board.id) as Array<{ at: number; folded: number }>;
    db.close();
    expect(rows[0]).toEqual({ at: horizon, folded: 1 });
    expect(rows.slice(1).every((r) => r.folded === 0 && r.at >= horizon)).toBe(true);
  });
});
