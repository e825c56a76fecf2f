import * as encoding from "lib0/encoding";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { addItem, joinParticipant, placeItem, setMeta } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import type { CreatedBoard } from "../../lib/api/schemas";
import { connect, createBoardVia, sleep, startServer, synced, takeSeatVia, waitFor, type Client, type TestServer } from "./harness";
import { permissionDenials, seatQuery, seatedClient } from "./seats-helpers";

/*
 * Seats against a writer in the room who reads the whole document and writes raw y-protocols
 * frames: whatever the frame says, nothing of somebody else's may change.
 */

let srv: TestServer;
let board: CreatedBoard;
const clients: Client[] = [];
permissionDenials();

beforeEach(async () => {
  srv = await startServer();
  board = await createBoardVia(srv.url, { title: "Forgery" });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await srv.close();
});

const serverBoard = () => srv.server.rooms.withSettledRoom(board.id, (room) => readBoard(room.doc));
const serverState = (client: number) => srv.server.rooms.withSettledRoom(board.id, (room) => Y.getState(room.doc.store, client));

/**
 * One map value as a raw update: a struct of `client` from `clock` on, holding `values` (the entry's
 * value is the last), declared as entry `key` of root `root` — the parent a frame may claim.
 */
function rawMapWrite(client: number, clock: number, root: string, key: string, values: unknown[]): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoding.writeVarUint(encoder.restEncoder, values.length > 0 ? 1 : 0);
  encoder.writeClient(client);
  encoding.writeVarUint(encoder.restEncoder, clock);
  new Y.Item(Y.createID(client, clock), null, null, null, null, root as unknown as Y.AbstractType<unknown>, key, new Y.ContentAny(values)).write(encoder, 0);
  encoding.writeVarUint(encoder.restEncoder, 0); // no deletions
  return encoder.toUint8Array();
}

/** Sends one update over a raw socket as the seated person, and waits until the server has dealt with it. */
async function sendAs(seat: string, update: Uint8Array): Promise<void> {
  const ws = new WebSocket(`${srv.wsUrl}/sync/${board.id}?${seatQuery(board, seat)}`);
  await new Promise<void>((resolve, reject) => {
    ws.on("open", () => resolve());
    ws.on("error", reject);
  });
  const m = srv.server.metrics;
  const dealtBefore = m.updatesRefused + m.updatesAccepted;
  let closed = false;
  ws.on("close", () => (closed = true));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // a sync message
  syncProtocol.writeUpdate(e, update);
  ws.send(encoding.toUint8Array(e));
  // Refused, applied, or the connection closed over it: either way the server has been through it.
  await waitFor(() => closed || m.updatesRefused + m.updatesAccepted > dealtBefore, "the server to deal with the frame");
  ws.close();
}

describe("a raw frame that restates content the board has", () => {
  it("cannot land on another person's placement by reusing their client id", async () => {
    const ada = await seatedClient(srv.url, srv.wsUrl, board, "Ada");
    clients.push(ada);
    await synced(ada);
    placeItem(ada.doc, { item: "rlhf", participant: ada.participant, col: 2.5, row: 2.5 }, readBoard(ada.doc).meta.grid);
    const adaId = ada.doc.clientID;
    for (let i = 0; i < 100 && (await serverBoard()).placements.length === 0; i++) await sleep(20);
    const before = await serverBoard();
    expect(before.placements.map((p) => p.participant)).toEqual([ada.participant]);
    // Ada goes home; her client id is in the document for everyone to read.
    ada.destroy();
    clients.splice(0);
    await sleep(100);

    const { participant: mallory, seat } = await takeSeatVia(srv.url, board, "Mallory");
    const known = await serverState(adaId);
    // Declares Mallory's own entry, but starts one clock inside what the board has of Ada's:
    // Yjs places the rest right after Ada's last value, in Ada's entry.
    const mine = { item: "scaling", participant: mallory.id, col: 0.5, row: 0.5, at: 1 };
    await sendAs(seat, rawMapWrite(adaId, known - 1, "placements", `scaling:${mallory.id}`, [mine, mine]));

    const after = await serverBoard();
    expect(after.placements.filter((p) => p.participant === ada.participant)).toEqual(before.placements);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, await srv.server.rooms.withSettledRoom(board.id, (room) => Y.encodeStateAsUpdate(room.doc)));
    expect(readBoard(fresh).placements.filter((p) => p.participant === ada.participant)).toEqual(before.placements);
  });

  it("cannot take back a facilitator's meta change by reusing the facilitator's client id", async () => {
    const fac = connect(srv.wsUrl, board.id, board.keys.facilitator, new Y.Doc());
    clients.push(fac);
    await synced(fac);
    setMeta(fac.doc, "title", "Agreed title");
    const facId = fac.doc.clientID;
    for (let i = 0; i < 100 && (await serverBoard()).meta.title !== "Agreed title"; i++) await sleep(20);
    expect((await serverBoard()).meta.title).toBe("Agreed title");
    fac.destroy();
    clients.splice(0);
    await sleep(100);

    const { participant: mallory, seat } = await takeSeatVia(srv.url, board, "Mallory");
    const known = await serverState(facId);
    const entry = { id: mallory.id, name: "Mallory", color: "#123456", joinedAt: 1 };
    await sendAs(seat, rawMapWrite(facId, known - 1, "participants", mallory.id, [entry, entry]));
    expect((await serverBoard()).meta.title).toBe("Agreed title");
  });
});

describe("a client id someone else writes with", () => {
  /** Ada places a note, goes away and places another; meanwhile Mallory writes under Ada's client id. */
  async function awayWhileSquatted(between: () => Promise<void>) {
    const doc = new Y.Doc();
    const ada = await seatedClient(srv.url, srv.wsUrl, board, "Ada", doc);
    clients.push(ada);
    await synced(ada);
    const grid = readBoard(doc).meta.grid;
    placeItem(doc, { item: "rlhf", participant: ada.participant, col: 2.5, row: 2.5 }, grid);
    for (let i = 0; i < 100 && (await serverBoard()).placements.length === 0; i++) await sleep(20);
    ada.provider.disconnect();
    await sleep(100);
    placeItem(doc, { item: "scaling", participant: ada.participant, col: 0.5, row: 0.5 }, grid);
    await between();

    const { participant: mallory, seat } = await takeSeatVia(srv.url, board, "Mallory");
    const known = await serverState(doc.clientID);
    const mine = { item: "rlhf", participant: mallory.id, col: 0.5, row: 0.5, at: 1 };
    await sendAs(seat, rawMapWrite(doc.clientID, known, "placements", `rlhf:${mallory.id}`, [mine]));

    ada.provider.connect();
    await synced(ada);
    await sleep(300);
    return (await serverBoard()).placements.filter((p) => p.participant === ada.participant).map((p) => p.item).sort();
  }

  it("cannot be taken over while its person is away, so their offline work still arrives", async () => {
    expect(await awayWhileSquatted(async () => undefined)).toEqual(["rlhf", "scaling"]);
  });

  it("stays its person's after the board was read afresh from the store", async () => {
    await srv.close();
    srv = await startServer({ roomIdleMs: 50 });
    board = await createBoardVia(srv.url, { title: "Forgery" });
    const unloaded = async () => {
      await waitFor(() => srv.server.metrics.roomsLoaded === 0, "the room to go idle");
    };
    expect(await awayWhileSquatted(unloaded)).toEqual(["rlhf", "scaling"]);
  });
});

describe("a refused deletion of other people's entries", () => {
  it("does not make the server write the whole board again for every small frame", async () => {
    const ada = await seatedClient(srv.url, srv.wsUrl, board, "Ada");
    clients.push(ada);
    await synced(ada);
    const items = 300;
    ada.doc.transact(() => {
      for (let i = 0; i < items; i++) addItem(ada.doc, { id: `i-ada-${i}`, text: `Ada's note number ${i}`, createdBy: ada.participant, createdAt: i });
    });
    for (let i = 0; i < 200 && (await serverBoard()).items.length < items + 9; i++) await sleep(20);

    const observer = connect(srv.wsUrl, board.id, board.keys.viewer, new Y.Doc());
    clients.push(observer);
    await synced(observer);
    let rewritten = 0;
    observer.doc.getMap("items").observe((e) => (rewritten += e.keysChanged.size));

    /** A few bytes: delete everything the board holds (what a synced copy shows anyone). */
    const deleteEverything = async () => {
      const sv = await srv.server.rooms.withSettledRoom(board.id, (room) => Y.decodeStateVector(Y.encodeStateVector(room.doc)));
      const encoder = new Y.UpdateEncoderV1();
      encoding.writeVarUint(encoder.restEncoder, 0);
      encoding.writeVarUint(encoder.restEncoder, sv.size);
      for (const [client, clock] of sv) {
        encoding.writeVarUint(encoder.restEncoder, client);
        encoding.writeVarUint(encoder.restEncoder, 1);
        encoding.writeVarUint(encoder.restEncoder, 0);
        encoding.writeVarUint(encoder.restEncoder, clock);
      }
      const frame = encoding.createEncoder();
      encoding.writeVarUint(frame, 0);
      syncProtocol.writeUpdate(frame, encoder.toUint8Array());
      return encoding.toUint8Array(frame);
    };

    const { seat } = await takeSeatVia(srv.url, board, "Mallory");
    const ws = new WebSocket(`${srv.wsUrl}/sync/${board.id}?${seatQuery(board, seat)}`);
    await new Promise<void>((resolve, reject) => {
      ws.on("open", () => resolve());
      ws.on("error", reject);
    });
    const m = srv.server.metrics;
    const dealtBefore = m.updatesRefused + m.updatesAccepted;
    let sent = 0;
    let closed = false;
    ws.on("close", () => (closed = true));
    for (let i = 0; i < 40 && ws.readyState === WebSocket.OPEN; i++) {
      ws.send(await deleteEverything());
      sent++;
      await sleep(20);
    }
    // Every frame sent was refused or applied, or the server closed the connection over them.
    await waitFor(() => closed || m.updatesRefused + m.updatesAccepted - dealtBefore >= sent, "the server to deal with every frame");
    ws.close();
    expect((await serverBoard()).items.filter((i) => i.createdBy === ada.participant)).toHaveLength(items);
    // An honest writer's refused change touches a few entries; this one touches hundreds each time.
    expect(rewritten).toBeLessThanOrEqual(1_000);
  });
});

describe("presence", () => {
  it("does not let one person appear as another, or as the facilitator", async () => {
    const ada = await seatedClient(srv.url, srv.wsUrl, board, "Ada");
    const mallory = await seatedClient(srv.url, srv.wsUrl, board, "Mallory");
    const bob = await seatedClient(srv.url, srv.wsUrl, board, "Bob");
    clients.push(ada, mallory, bob);
    await Promise.all([synced(ada), synced(mallory), synced(bob)]);
    const user = (participant: string, name: string, role: string) => ({ participant, name, color: "#123456", role });
    const seenAtBob = (c: Client) => bob.provider.awareness.getStates().get(c.doc.clientID) as { user?: { name?: string } } | undefined;

    // Everything Bob is ever shown for Mallory's client id.
    const shown: unknown[] = [];
    bob.provider.awareness.on("change", ({ added, updated }: { added: number[]; updated: number[] }) => {
      if ([...added, ...updated].includes(mallory.doc.clientID)) shown.push(seenAtBob(mallory));
    });
    // After each forged presence Mallory moves a note of her own on the same connection: once Bob has
    // that move, the server has handled the presence sent before it. Ada then changes her presence, so
    // the server relays it after anything it relayed of Mallory's, on the same path; once Bob shows
    // Ada's, whatever he was sent of Mallory's has reached him.
    const grid = readBoard(mallory.doc).meta.grid;
    const forge = async (state: object, col: number) => {
      mallory.provider.awareness.setLocalState(state);
      placeItem(mallory.doc, { item: "rlhf", participant: mallory.participant, col, row: 0.5 }, grid);
      await waitFor(() => readBoard(bob.doc).placements.some((p) => p.participant === mallory.participant && p.col === col), "mallory's move at bob");
      ada.provider.awareness.setLocalStateField("marker", col);
      await waitFor(() => (bob.provider.awareness.getStates().get(ada.doc.clientID) as { marker?: number } | undefined)?.marker === col, "ada's presence at bob");
    };
    await forge({ user: user(ada.participant, "Ada", "participant"), drag: { item: "rlhf", col: 0.5, row: 0.5 } }, 0.5);
    await forge({ user: user(mallory.participant, "Facilitator", "facilitator"), drag: null }, 1.5);
    expect(seenAtBob(mallory)).toBeUndefined();
    expect(shown).toEqual([]);
    // Her own, as herself, is relayed.
    mallory.provider.awareness.setLocalState({ user: user(mallory.participant, "Mallory", "participant"), drag: null });
    await waitFor(() => seenAtBob(mallory)?.user?.name === "Mallory", "mallory's own presence at bob");
  });
});

describe("a person's own entry", () => {
  it("cannot take another person's name, while a colour change under a name already shared still goes through", async () => {
    const ada = await seatedClient(srv.url, srv.wsUrl, board, "Ada");
    const mallory = await seatedClient(srv.url, srv.wsUrl, board, "Mallory");
    clients.push(ada, mallory);
    await Promise.all([synced(ada), synced(mallory)]);
    await waitFor(() => readBoard(mallory.doc).participants.length === 2, "both entries at mallory");
    const own = () => readBoard(mallory.doc).participants.find((p) => p.id === mallory.participant)!;
    const refused = srv.server.metrics.updatesRefused;
    joinParticipant(mallory.doc, { ...own(), name: "ADÁ " });
    await waitFor(() => srv.server.metrics.updatesRefused > refused, "the rename refused");
    expect((await serverBoard()).participants.find((p) => p.id === mallory.participant)?.name).toBe("Mallory");
    await waitFor(() => own().name === "Mallory", "the refused rename taken back at mallory");

    // An entry from before seats may share a name; the page's colour fix writes it with that name again.
    await srv.server.rooms.withSettledRoom(board.id, async (room) => {
      room.transact((doc) => joinParticipant(doc, { id: mallory.participant, name: "Ada", color: "#123456", joinedAt: 1 }, "seat"), "seat");
      await room.settle();
    });
    await waitFor(() => own().name === "Ada", "the shared name at mallory");
    const accepted = srv.server.metrics.updatesAccepted;
    joinParticipant(mallory.doc, { ...own(), color: "#654321" });
    await waitFor(() => srv.server.metrics.updatesAccepted > accepted, "the colour change applied");
    expect((await serverBoard()).participants.find((p) => p.id === mallory.participant)?.color).toBe("#654321");
  });
});
