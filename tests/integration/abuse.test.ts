import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import { encodeSyncUpdate } from "../../server/sync/protocol";
import { craftUpdate } from "../unit/crafted-updates";
import { synced, boardFixture, waitFor } from "./harness";
import { rawSocket, step1 } from "./raw-socket";

const fx = boardFixture();

const raw = (key: string, seat?: string) => rawSocket(fx.srv.wsUrl, fx.board.id, key, seat);

/** The structs under a client id that carry content (not the placeholder Yjs calls GC). */
const contentOf = (structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>, client: number) => structs.filter((s) => s.id.client === client && !(s instanceof Y.GC));

describe("hostile clients", () => {
  it("answers a flood of sync requests once per turn and then lets the client go", async () => {
    const r = await raw(fx.board.keys.viewer);
    for (let i = 0; i < 30; i++) r.send(step1());
    expect(await r.closed).toEqual({ code: 1008, reason: "too many sync requests" });
  });

  it("refuses a self-anchored item from a viewer and from a participant: it reaches nobody and the board holds none of it", async () => {
    const marker = await fx.seated("Marker");
    await synced(marker);
    const watcher = await raw(fx.board.keys.viewer);
    watcher.send(step1());
    const cyc = encodeSyncUpdate(craftUpdate([{ client: 77, clock: 0, origin: [77, 0], values: [1] }]));
    const v = await raw(fx.board.keys.viewer);
    v.send(cyc);
    expect(await v.closed).toEqual({ code: 4403, reason: "viewers cannot change the board" });
    const refused = fx.srv.server.metrics.refusedBy.format;
    const p = await raw(fx.board.keys.participant, (await fx.seat("Poser")).seat);
    p.send(cyc);
    await waitFor(() => fx.srv.server.metrics.refusedBy.format === refused + 1, "the participant's update is refused");
    p.ws.close();

    // A write made after the refusal reaches the watcher after anything the refused turn sent it.
    placeItem(marker.doc, { item: "rlhf", participant: marker.participant, col: 1, row: 1 }, readBoard(marker.doc).meta.grid);
    await waitFor(() => readBoard(watcher.received()).placements.length === 1, "the watcher receives the later write");
    // At most the placeholder the server writes over a refused range.
    expect(contentOf(watcher.updates.flatMap((u) => Y.decodeUpdate(u).structs), 77)).toEqual([]);
    const server = await fx.srv.server.rooms.withSettledRoom(fx.board.id, (room) => ({
      content: contentOf(room.doc.store.clients.get(77) ?? [], 77),
      pending: room.doc.store.pendingStructs,
      placements: readBoard(room.doc).placements.length,
    }));
    expect(server).toEqual({ content: [], pending: null, placements: 1 });
    watcher.ws.close();
  });

  it("never lets a connection write under a client id another live connection writes with", async () => {
    const victim = await fx.seated("Victim");
    await synced(victim);
    const grid = readBoard(victim.doc).meta.grid;
    placeItem(victim.doc, { item: "rlhf", participant: victim.participant, col: 1, row: 1 }, grid);
    await waitFor(() => fx.srv.server.metrics.updatesAccepted >= 1, "victim's first write");
    const clock = (await fx.srv.server.rooms.withSettledRoom(fx.board.id, (room) => room.doc.store.clients.get(victim.doc.clientID)))!.length;
    const attacker = await raw(fx.board.keys.participant, (await fx.seat("Attacker")).seat);
    // A placeholder that would swallow the victim's next million edits.
    attacker.send(encodeSyncUpdate(craftUpdate([], [{ client: victim.doc.clientID, clock, len: 1_000_000 }])));
    expect((await attacker.closed).code).toBe(4409);
    placeItem(victim.doc, { item: "scaling", participant: victim.participant, col: 2, row: 2 }, grid);
    await waitFor(() => fx.srv.server.metrics.updatesAccepted >= 2, "victim's next write");
    const state = await fx.srv.server.rooms.withSettledRoom(fx.board.id, (room) => readBoard(room.doc));
    expect(state.placements.map((p) => p.item).sort()).toEqual(["rlhf", "scaling"]);
  });

  it("closes a client that writes under a client id reserved for the server", async () => {
    const { participant, seat } = await fx.seat("Forger");
    const forger = new Y.Doc();
    forger.clientID = 2 ** 32 + 7;
    forger.getMap("items").set("x", { id: "x", text: "posing as the server", createdBy: participant.id, createdAt: 1 });
    const r = await raw(fx.board.keys.participant, seat);
    r.send(encodeSyncUpdate(Y.encodeStateAsUpdate(forger)));
    expect(await r.closed).toEqual({ code: 1008, reason: "client ids from 2^32 up are the server's" });
  });
});
