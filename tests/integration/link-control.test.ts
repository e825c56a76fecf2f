import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { CLOSE_BOARD_DELETED, CLOSE_LINK_REPLACED } from "../../lib/api/close-codes";
import { ReplacedKeysSchema, type ReplacedKeys } from "../../lib/api/link-control";
import type { CreatedBoard } from "../../lib/api/schemas";
import { createLocalBus } from "../../server/bus/local";
import { createServer } from "../../server/index";
import { silentLogger } from "../../server/log";
import { openSqliteStore } from "../../server/storage/sqlite";
import type { DocStore } from "../../server/storage/types";
import { boardFixture, connect, createBoardVia, sleep, synced, takeSeatVia, tempDir, waitFor, type Client } from "./harness";
import { cluster, items, note } from "./in-process-nodes";

const replaceKey = (url: string, board: CreatedBoard, body: unknown, key: string | null = board.keys.facilitator) =>
  fetch(`${url}/api/boards/${board.id}/keys${key === null ? "" : `?key=${encodeURIComponent(key)}`}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

async function replaced(url: string, board: CreatedBoard, role: "participant" | "viewer"): Promise<ReplacedKeys> {
  const res = await replaceKey(url, board, { role });
  expect(res.status).toBe(200);
  return ReplacedKeysSchema.parse(await res.json());
}

const deleteBoard = (url: string, board: CreatedBoard, key: string | null = board.keys.facilitator) =>
  fetch(`${url}/api/boards/${board.id}${key === null ? "" : `?key=${encodeURIComponent(key)}`}`, { method: "DELETE" });

const statusOf = async (url: string, board: CreatedBoard, key: string, rest = "") =>
  (await fetch(`${url}/api/boards/${board.id}${rest}?key=${encodeURIComponent(key)}`)).status;

/** The HTTP status a websocket upgrade is refused with; 101 when it is accepted. */
function upgradeStatus(wsUrl: string, board: CreatedBoard, key: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsUrl}/sync/${board.id}?key=${encodeURIComponent(key)}`);
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("open", () => {
      resolve(101);
      ws.close();
    });
    ws.on("error", reject);
  });
}

/** Every close the server gave up on for good (4400–4499): y-websocket stops reconnecting after these. */
const finalCloses = (c: Client) => {
  const seen: Array<{ code: number; reason: string }> = [];
  c.provider.on("closed", ({ code, reason }) => void seen.push({ code, reason }));
  return seen;
};

describe("replacing a link", () => {
  const fx = boardFixture();

  it("retires the old participant key at once: HTTP 403, upgrade refused, open connections closed with the reason", async () => {
    const { srv, board } = fx;
    const oldClient = await fx.seated("Old");
    const facilitator = fx.connect(board.keys.facilitator);
    const viewer = fx.connect(board.keys.viewer);
    await Promise.all([synced(oldClient), synced(facilitator), synced(viewer)]);
    const oldCloses = finalCloses(oldClient);
    const keptCloses = [finalCloses(facilitator), finalCloses(viewer)];

    const answer = await replaced(srv.url, board, "participant");
    expect(answer.keys.facilitator).toBe(board.keys.facilitator);
    expect(answer.keys.viewer).toBe(board.keys.viewer);
    expect(answer.keys.participant).not.toBe(board.keys.participant);
    expect(answer.keys.participant).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(answer.links).toEqual({
      facilitate: board.links.facilitate,
      join: `/b/${board.id}?key=${answer.keys.participant}`,
      view: board.links.view,
    });

    await waitFor(() => oldCloses.length > 0, "the old participant connection to be closed");
    expect(oldCloses[0]).toEqual({ code: CLOSE_LINK_REPLACED, reason: expect.stringMatching(/replaced by the facilitator/) });
    expect(await statusOf(srv.url, board, board.keys.participant)).toBe(403);
    expect(await statusOf(srv.url, board, board.keys.participant, "/export")).toBe(403);
    expect(await statusOf(srv.url, board, board.keys.participant, "/snapshots")).toBe(403);
    expect(await upgradeStatus(srv.wsUrl, board, board.keys.participant)).toBe(403);

    // The new key works (a seat is taken with it, and writes), the others were never touched.
    const { participant, seat } = await takeSeatVia(srv.url, board, "Fresh", { key: answer.keys.participant! });
    const fresh = Object.assign(fx.connect(answer.keys.participant!, seat), { participant: participant.id });
    await synced(fresh);
    note(fresh, "after", "written with the new link");
    await waitFor(() => items(facilitator).has("after"), "the new participant's note at the facilitator");
    expect(items(facilitator).get("after")?.createdBy).toBe(participant.id);
    const access = await fetch(`${srv.url}/api/boards/${board.id}?key=${answer.keys.participant}`);
    expect(await access.json()).toMatchObject({ role: "participant" });
    expect(await statusOf(srv.url, board, board.keys.facilitator)).toBe(200);
    expect(await statusOf(srv.url, board, board.keys.viewer)).toBe(200);
    expect(facilitator.provider.wsconnected && viewer.provider.wsconnected).toBe(true);
    expect(keptCloses).toEqual([[], []]);
  });

  it("replaces the viewer key the same way and leaves the participant key alone", async () => {
    const { srv, board } = fx;
    const oldViewer = fx.connect(board.keys.viewer);
    const participant = await fx.seated("Pat");
    await Promise.all([synced(oldViewer), synced(participant)]);
    const closes = finalCloses(oldViewer);
    const answer = await replaced(srv.url, board, "viewer");
    expect(answer.keys).toEqual({ facilitator: board.keys.facilitator, participant: board.keys.participant, viewer: expect.any(String) });
    expect(answer.keys.viewer).not.toBe(board.keys.viewer);
    await waitFor(() => closes.length > 0, "the old viewer connection to be closed");
    expect(closes[0]!.code).toBe(CLOSE_LINK_REPLACED);
    expect(await upgradeStatus(srv.wsUrl, board, board.keys.viewer)).toBe(403);
    expect(await upgradeStatus(srv.wsUrl, board, answer.keys.viewer!)).toBe(101);
    expect(await statusOf(srv.url, board, board.keys.participant)).toBe(200);
    expect(participant.provider.wsconnected).toBe(true);
  });

  it("retires the board's join codes with the participant link, and a new code hands out the new link", async () => {
    const { srv, board } = fx;
    const issue = () => fetch(`${srv.url}/api/boards/${board.id}/codes?key=${board.keys.facilitator}`, { method: "POST" });
    const { code } = (await (await issue()).json()) as { code: string };
    expect((await fetch(`${srv.url}/api/join/${code}`)).status).toBe(200);
    const answer = await replaced(srv.url, board, "participant");
    expect((await fetch(`${srv.url}/api/join/${code}`)).status).toBe(404);
    const next = (await (await issue()).json()) as { code: string };
    expect(await (await fetch(`${srv.url}/api/join/${next.code}`)).json()).toEqual({ id: board.id, link: answer.links.join });
  });

  it("takes only the facilitator key, and never replaces the facilitator key", async () => {
    const { srv, board } = fx;
    expect((await replaceKey(srv.url, board, { role: "participant" }, null)).status).toBe(401);
    expect((await replaceKey(srv.url, board, { role: "participant" }, "not-a-key-of-this-board")).status).toBe(403);
    expect((await replaceKey(srv.url, board, { role: "viewer" }, board.keys.participant)).status).toBe(403);
    expect((await replaceKey(srv.url, board, { role: "viewer" }, board.keys.viewer)).status).toBe(403);
    const facilitatorAsked = await replaceKey(srv.url, board, { role: "facilitator" });
    expect(facilitatorAsked.status).toBe(400);
    expect(await facilitatorAsked.json()).toMatchObject({ path: "role", error: expect.stringMatching(/facilitator key cannot be replaced/) });
    const empty = await replaceKey(srv.url, board, {});
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ path: "role" });
    expect((await replaceKey(srv.url, { ...board, id: "no-such-board-here" }, { role: "viewer" })).status).toBe(404);
    // Nothing was replaced by any of these.
    for (const key of Object.values(board.keys)) expect(await statusOf(srv.url, board, key)).toBe(200);
  });
});

describe("deleting a board", () => {
  // Compacting often, so the board has history as well as a log.
  const fx = boardFixture({ compactEvery: 2 });

  it("answers 204, closes every connection with the reason, and every request for it is 404 afterwards", async () => {
    const { srv, board } = fx;
    const clients = [fx.connect(board.keys.facilitator), await fx.seated("Pat"), fx.connect(board.keys.viewer)];
    await Promise.all(clients.map(synced));
    const closes = clients.map(finalCloses);
    note(clients[1]!, "n1", "a note that goes with the board");
    await waitFor(() => items(clients[0]!).has("n1"), "the note at the facilitator");

    expect((await deleteBoard(srv.url, board)).status).toBe(204);
    await waitFor(() => closes.every((c) => c.length > 0), "every connection to be closed");
    for (const c of closes) expect(c[0]).toEqual({ code: CLOSE_BOARD_DELETED, reason: "this board was deleted" });
    for (const key of Object.values(board.keys)) {
      for (const rest of ["", "/export", "/snapshots", "/history"]) expect(await statusOf(srv.url, board, key, rest), rest).toBe(404);
      expect(await upgradeStatus(srv.wsUrl, board, key)).toBe(404);
    }
    expect((await deleteBoard(srv.url, board)).status).toBe(404);
    expect(srv.server.rooms.loadedCount).toBe(0);
  });

  it("leaves nothing of the board in the store, and other boards as they were", async () => {
    const { srv, board } = fx;
    const other = await createBoardVia(srv.url);
    const c = await fx.seated("Pat");
    await synced(c);
    // One at a time, each stored before the next, so they make several updates in the log.
    const storedOnServer = (id: string) => srv.server.rooms.withSettledRoom(board.id, (room) => room.doc.getMap("items").has(id));
    for (let i = 0; i < 5; i++) {
      note(c, `n${i}`, `note ${i}`);
      while (!(await storedOnServer(`n${i}`))) await sleep(10);
    }
    const snap = await fetch(`${srv.url}/api/boards/${board.id}/snapshots?key=${board.keys.facilitator}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(snap.status).toBe(201);
    expect((await fetch(`${srv.url}/api/boards/${board.id}/codes?key=${board.keys.facilitator}`, { method: "POST" })).status).toBe(201);

    const db = new Database(path.join(srv.dir, "cruxboard.sqlite"), { readonly: true });
    type Table = "boards" | "updates" | "history" | "snapshots" | "join_codes" | "seats";
    const rowsOf = (id: string): Record<Table, number> =>
      Object.fromEntries(
        (["boards", "updates", "history", "snapshots", "join_codes", "seats"] as const).map((table) => [
          table,
          (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${table === "boards" ? "id" : "board_id"} = ?`).get(id) as { n: number }).n,
        ]),
      ) as Record<Table, number>;
    try {
      await waitFor(() => rowsOf(board.id).history > 0, "a compaction to move updates into history");
      const before = rowsOf(board.id);
      expect(before.boards).toBe(1);
      expect(before.updates).toBeGreaterThan(0);
      expect(before.history).toBeGreaterThan(0);
      expect(before.snapshots).toBe(1);
      expect(before.join_codes).toBe(1);
      expect(before.seats).toBe(1);
      const otherBefore = rowsOf(other.id);

      expect((await deleteBoard(srv.url, board)).status).toBe(204);
      expect(rowsOf(board.id)).toEqual({ boards: 0, updates: 0, history: 0, snapshots: 0, join_codes: 0, seats: 0 });
      // Nothing mentions its id anywhere else either.
      const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
      for (const { name } of tables) {
        const columns = db.prepare<[string], { name: string }>("SELECT name FROM pragma_table_info(?)").all(name).map((col) => col.name);
        for (const column of columns.filter((col) => col === "id" || col === "board_id")) {
          expect(db.prepare(`SELECT COUNT(*) AS n FROM ${name} WHERE ${column} = ?`).get(board.id), `${name}.${column}`).toEqual({ n: 0 });
        }
      }
      expect(rowsOf(other.id)).toEqual(otherBefore);
      expect(await statusOf(srv.url, other, other.keys.participant, "/export")).toBe(200);
    } finally {
      db.close();
    }
  });

  it("tells nobody the board was deleted when the store could not delete it", async () => {
    const { srv, board } = fx;
    const c = await fx.seated("Pat");
    await synced(c);
    const closes = finalCloses(c);
    // The store refuses the deletion (as a full disk or a lost database would), through its own file.
    const db = new Database(path.join(srv.dir, "cruxboard.sqlite"));
    db.exec("CREATE TRIGGER refuse_delete BEFORE DELETE ON boards BEGIN SELECT RAISE(ABORT, 'the store refused'); END;");
    db.close();
    expect((await deleteBoard(srv.url, board)).status).toBe(500);
    // The board is still there, and its connections were not told otherwise.
    expect(await statusOf(srv.url, board, board.keys.participant)).toBe(200);
    note(c, "n1", "written after the failed deletion");
    const stored = () => srv.server.rooms.withSettledRoom(board.id, (room) => room.doc.getMap("items").has("n1"));
    for (const start = Date.now(); !(await stored()) && Date.now() - start < 5000; ) await sleep(10);
    expect(closes).toEqual([]);
    expect(await stored()).toBe(true);
  });

  it("takes only the facilitator key", async () => {
    const { srv, board } = fx;
    expect((await deleteBoard(srv.url, board, null)).status).toBe(401);
    expect((await deleteBoard(srv.url, board, board.keys.participant)).status).toBe(403);
    expect((await deleteBoard(srv.url, board, board.keys.viewer)).status).toBe(403);
    expect((await deleteBoard(srv.url, board, "not-a-key-of-this-board")).status).toBe(403);
    expect(await statusOf(srv.url, board, board.keys.viewer)).toBe(200);
  });
});

describe("link control on two nodes", () => {
  const twoNodes = () => {
    const bus = createLocalBus({ single: false });
    return cluster([bus, bus]);
  };

  it("closes a connection on the other node whose key was replaced, and lets the new key in there", async () => {
    const { nodes, board, join } = await twoNodes();
    const there = join(1);
    const stays = join(1, board.keys.facilitator);
    await Promise.all([synced(there), synced(stays)]);
    const closes = finalCloses(there);
    const answer = await replaced(nodes[0]!.url, board, "participant");
    await waitFor(() => closes.length > 0, "the connection on the other node to be closed");
    expect(closes[0]!.code).toBe(CLOSE_LINK_REPLACED);
    expect(await upgradeStatus(nodes[1]!.wsUrl, board, board.keys.participant)).toBe(403);
    const fresh = join(1, answer.keys.participant!);
    await synced(fresh);
    expect(stays.provider.wsconnected).toBe(true);
  });

  it("closes connections on every node when the board is deleted, and unloads its rooms", async () => {
    const { nodes, board, join } = await twoNodes();
    const clients = [join(0), join(1), join(1, board.keys.viewer)];
    await Promise.all(clients.map(synced));
    const closes = clients.map(finalCloses);
    expect((await deleteBoard(nodes[0]!.url, board)).status).toBe(204);
    await waitFor(() => closes.every((c) => c.length > 0), "every connection on both nodes to be closed");
    for (const c of closes) expect(c[0]!.code).toBe(CLOSE_BOARD_DELETED);
    await waitFor(() => nodes.every((n) => n.server.rooms.loadedCount === 0), "the rooms to be unloaded on both nodes");
    expect(await upgradeStatus(nodes[1]!.wsUrl, board, board.keys.participant)).toBe(404);
  });
});

// A stock client is what third parties use: this one must stop for good, not retry a link that is gone.
describe("a stock client whose link was replaced", () => {
  const fx = boardFixture();
  it("does not reconnect", async () => {
    const { srv, board } = fx;
    const c = connect(srv.wsUrl, board.id, board.keys.participant);
    try {
      await synced(c);
      let opens = 0;
      c.provider.on("status", ({ status }) => void (status === "connected" && opens++));
      const closes = finalCloses(c);
      await replaced(srv.url, board, "participant");
      await waitFor(() => closes.length > 0, "the close");
      expect(c.provider.shouldConnect).toBe(false);
      expect(opens).toBe(0);
    } finally {
      c.destroy();
    }
  });
});

describe("an upgrade that raced a replacement", () => {
  it("is closed as it joins when its key was checked just before the key was replaced", async () => {
    const store = openSqliteStore({ dir: tempDir() });
    // The next board lookup reads the record, then waits: as an upgrade does when a replacement lands in between.
    let gate: { reached(): void; opened: Promise<void> } | null = null;
    const gated: DocStore = {
      ...store,
      async getBoard(id) {
        const record = await store.getBoard(id);
        const held = gate;
        gate = null;
        if (held) {
          held.reached();
          await held.opened;
        }
        return record;
      },
    };
    const server = createServer({ store: gated, logger: silentLogger, limits: { roomIdleMs: 60_000 } });
    const { port } = await server.listen(0, "127.0.0.1");
    const url = `http://127.0.0.1:${port}`;
    const clients: Client[] = [];
    try {
      const board = await createBoardVia(url);
      const facilitator = connect(`ws://127.0.0.1:${port}`, board.id, board.keys.facilitator);
      clients.push(facilitator);
      await synced(facilitator);

      let open = () => {};
      const opened = new Promise<void>((resolve) => (open = resolve));
      const reached = new Promise<void>((resolve) => (gate = { reached: resolve, opened }));
      const late = connect(`ws://127.0.0.1:${port}`, board.id, board.keys.participant);
      clients.push(late);
      const closes = finalCloses(late);
      await reached;
      await replaced(url, board, "participant");
      open();
      await waitFor(() => closes.length > 0, "the late connection to be closed");
      expect(closes[0]!.code).toBe(CLOSE_LINK_REPLACED);
      expect(late.provider.synced).toBe(false);
    } finally {
      for (const c of clients) c.destroy();
      await server.close();
    }
  });
});

describe("a snapshot taken as the board is deleted", () => {
  it("answers 404 and leaves nothing of the board behind", async () => {
    const dir = tempDir();
    const store = openSqliteStore({ dir });
    // The board is deleted after the snapshot was built from the room and before it is stored.
    const racing: DocStore = {
      ...store,
      async addSnapshot(snapshot) {
        await store.deleteBoard(snapshot.boardId);
        return store.addSnapshot(snapshot);
      },
    };
    const server = createServer({ store: racing, logger: silentLogger, limits: { roomIdleMs: 60_000 } });
    const { port } = await server.listen(0, "127.0.0.1");
    const url = `http://127.0.0.1:${port}`;
    try {
      const board = await createBoardVia(url);
      const res = await fetch(`${url}/api/boards/${board.id}/snapshots?key=${board.keys.facilitator}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: "unknown board" });
      const db = new Database(path.join(dir, "cruxboard.sqlite"), { readonly: true });
      try {
        for (const table of ["snapshots", "updates", "history", "join_codes", "seats"]) {
          expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE board_id = ?`).get(board.id), table).toEqual({ n: 0 });
        }
      } finally {
        db.close();
      }
    } finally {
      await server.close();
    }
  });
});
