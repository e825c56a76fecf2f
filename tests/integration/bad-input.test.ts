import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import type { CreatedBoard } from "../../lib/api/schemas";
import { createBoardVia, startServer, synced, takeSeatVia, waitFor, type Client, type TestServer } from "./harness";
import { seatQuery, seatedClient } from "./seats-helpers";

let srv: TestServer;
let board: CreatedBoard;
const clients: Client[] = [];

beforeEach(async () => {
  srv = await startServer({ maxMessageBytes: 64 * 1024 });
  board = await createBoardVia(srv.url);
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await srv.close();
});

let raws = 0;
/** Opens a raw socket as a seated person, sends one frame and resolves with how the server closed it. */
async function sendRaw(frame: Buffer | string): Promise<{ code: number; reason: string }> {
  const { seat } = await takeSeatVia(srv.url, board, `Raw ${++raws}`);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${srv.wsUrl}/sync/${board.id}?${seatQuery(board, seat)}`);
    ws.on("open", () => ws.send(frame));
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on("error", () => undefined);
    setTimeout(() => reject(new Error("server did not close the connection")), 5000);
  });
}

function upgradeStatus(path: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${srv.wsUrl}${path}`);
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("open", () => {
      resolve(101);
      ws.close();
    });
    ws.on("error", () => resolve(-1));
  });
}

describe("bad input on the sync endpoint", () => {
  it("refuses unknown boards and missing or wrong keys before any websocket opens", async () => {
    expect(await upgradeStatus(`/sync/${board.id}`)).toBe(401);
    expect(await upgradeStatus(`/sync/${board.id}?key=not-the-key`)).toBe(403);
    expect(await upgradeStatus(`/sync/${board.id}?key=${board.keys.facilitator}x`)).toBe(403);
    expect(await upgradeStatus(`/sync/AAAAAAAAAAAAAAAAAAAAAA?key=${board.keys.facilitator}`)).toBe(404);
    expect(await upgradeStatus(`/sync/not%20an%20id?key=x`)).toBe(404);
    expect(await upgradeStatus(`/sync/${board.id}?key=${board.keys.viewer}`)).toBe(101);
  });

  it("closes only the connection that sends garbage or oversized frames", async () => {
    const a = await seatedClient(srv.url, srv.wsUrl, board, "A");
    const b = await seatedClient(srv.url, srv.wsUrl, board, "B");
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    const grid = readBoard(a.doc).meta.grid;

    const garbage = await sendRaw(Buffer.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    expect(garbage.code).toBe(1007);
    expect(garbage.reason).toMatch(/malformed/);
    const unknownType = await sendRaw(Buffer.from([42]));
    expect(unknownType.code).toBe(1007);
    const text = await sendRaw("hello");
    expect(text.code).toBe(1003);
    const huge = await sendRaw(Buffer.alloc(65 * 1024, 1));
    expect(huge.code).toBe(1009);

    placeItem(a.doc, { item: "rlhf", participant: a.participant, col: 1.2, row: 2.4 }, grid);
    await waitFor(() => readBoard(b.doc).placements.length === 1, "others unaffected");
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
    const state = await srv.server.rooms.withSettledRoom(board.id, (r) => readBoard(r.doc));
    expect(state.placements).toHaveLength(1);
    expect(state.items).toHaveLength(9);
  });

  it("stops a board from growing past its size limit with a clear close reason", async () => {
    await srv.close();
    srv = await startServer({ maxBoardBytes: 64 * 1024, maxMessageBytes: 256 * 1024 });
    board = await createBoardVia(srv.url);
    const a = await seatedClient(srv.url, srv.wsUrl, board, "A");
    clients.push(a);
    await synced(a);
    const closed = new Promise<string>((resolve) =>
      a.provider.on("connection-close", (event: CloseEvent | null) => resolve(event?.reason ?? "")),
    );
    a.doc.getMap("items").set("big", { id: "big", text: "x".repeat(100), note: "y".repeat(80_000), createdBy: a.participant, createdAt: 1 });
    expect(await closed).toMatch(/board is full/);
    a.provider.disconnect();
    const state = await srv.server.rooms.withSettledRoom(board.id, (r) => readBoard(r.doc));
    expect(state.items.find((i) => i.id === "big")).toBeUndefined();
  });
});
