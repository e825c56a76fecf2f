import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import { encodeSyncUpdate } from "../../server/sync/protocol";
import { craftUpdate } from "../unit/crafted-updates";
import { synced, boardFixture, waitFor } from "./harness";

const fx = boardFixture();

/** A raw socket that sends frames and reports how the server closed it. */
async function raw(key: string) {
  const ws = new WebSocket(`${fx.srv.wsUrl}/sync/${fx.board.id}?key=${key}`);
  await new Promise((r) => ws.once("open", r));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { ws, closed, send: (data: Uint8Array) => ws.send(data) };
}

const step1 = () => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, new Uint8Array([0]));
  return encoding.toUint8Array(e);
};

describe("hostile clients", () => {
  it("answers a flood of sync requests once per turn and then lets the client go", async () => {
    const r = await raw(fx.board.keys.viewer);
    for (let i = 0; i < 30; i++) r.send(step1());
    expect(await r.closed).toEqual({ code: 1008, reason: "too many sync requests" });
  });

  it("survives a self-anchored item from a viewer and from a participant", async () => {
    const watcher = fx.connect(fx.board.keys.participant);
    await synced(watcher);
    const cyc = encodeSyncUpdate(craftUpdate([{ client: 77, clock: 0, origin: [77, 0], values: [1] }]));
    const v = await raw(fx.board.keys.viewer);
    v.send(cyc);
    expect((await v.closed).code).toBe(4403);
    const p = await raw(fx.board.keys.participant);
    p.send(cyc);
    p.ws.close();
    placeItem(watcher.doc, { item: "rlhf", participant: "w", col: 1, row: 1 }, readBoard(watcher.doc).meta.grid);
    await waitFor(() => fx.srv.server.metrics.updatesAccepted >= 1, "server still applies honest writes");
    const state = await fx.srv.server.rooms.withSettledRoom(fx.board.id, (room) => readBoard(room.doc));
    expect(state.placements).toHaveLength(1);
  });

  it("never lets a connection write under a client id another live connection writes with", async () => {
    const victim = fx.connect(fx.board.keys.participant);
    await synced(victim);
    const grid = readBoard(victim.doc).meta.grid;
    placeItem(victim.doc, { item: "rlhf", participant: "v", col: 1, row: 1 }, grid);
    await waitFor(() => fx.srv.server.metrics.updatesAccepted >= 1, "victim's first write");
    const clock = (await fx.srv.server.rooms.withSettledRoom(fx.board.id, (room) => room.doc.store.clients.get(victim.doc.clientID)))!.length;
    const attacker = await raw(fx.board.keys.participant);
    // A placeholder that would swallow the victim's next million edits.
    attacker.send(encodeSyncUpdate(craftUpdate([], [{ client: victim.doc.clientID, clock, len: 1_000_000 }])));
    expect((await attacker.closed).code).toBe(4409);
    placeItem(victim.doc, { item: "scaling", participant: "v", col: 2, row: 2 }, grid);
    await waitFor(() => fx.srv.server.metrics.updatesAccepted >= 2, "victim's next write");
    const state = await fx.srv.server.rooms.withSettledRoom(fx.board.id, (room) => readBoard(room.doc));
    expect(state.placements.map((p) => p.item).sort()).toEqual(["rlhf", "scaling"]);
  });

  it("closes a client that writes under a client id reserved for the server", async () => {
    const forger = new Y.Doc();
    forger.clientID = 2 ** 32 + 7;
    forger.getMap("items").set("x", { id: "x", text: "posing as the server", createdBy: "p1", createdAt: 1 });
    const r = await raw(fx.board.keys.participant);
    r.send(encodeSyncUpdate(Y.encodeStateAsUpdate(forger)));
    expect(await r.closed).toEqual({ code: 1008, reason: "client ids from 2^32 up are the server's" });
  });
});
