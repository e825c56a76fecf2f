import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { CLOSE_SEAT_REMOVED } from "../../lib/api/close-codes";
import { SeatSchema } from "../../lib/api/seats";
import { addItem, deleteItem, editItem, joinParticipant, placeItem, unplaceItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import type { CreatedBoard } from "../../lib/api/schemas";
import { connect, createBoardVia, sleep, startServer, synced, takeSeatVia, waitFor, type Client, type TestServer } from "./harness";

/*
 * Seats (contract v2): each person's notes are their own, enforced by the server with stock
 * y-websocket clients, as a script or a browser console would write.
 */

let srv: TestServer;
let board: CreatedBoard;
const clients: Client[] = [];
/** What the stock client logged for each "permission denied" the server sent it, by connection. */
let denied: string[] = [];

beforeEach(async () => {
  srv = await startServer();
  board = await createBoardVia(srv.url, { title: "Seats" });
  denied = [];
  // The stock client reports the server's reason for a refused update through console.warn.
  vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
    const text = args.map(String).join(" ");
    if (text.startsWith("Permission denied to access")) denied.push(text);
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of clients.splice(0)) c.destroy();
  await srv.close();
});

const open = async (key: string, seat?: string, on: CreatedBoard = board) => {
  const c = connect(srv.wsUrl, on.id, key, new Y.Doc(), seat);
  clients.push(c);
  await synced(c);
  return c;
};
const person = async (name: string) => {
  const seat = await takeSeatVia(srv.url, board, name);
  return { id: seat.participant.id, seat: seat.seat, client: await open(board.keys.participant, seat.seat) };
};
const serverState = () => srv.server.rooms.withSettledRoom(board.id, (room) => readBoard(room.doc));
const grid = (c: Client) => readBoard(c.doc).meta.grid;
const seatPost = (body: unknown, key = board.keys.participant) =>
  fetch(`${srv.url}/api/boards/${board.id}/seats?key=${encodeURIComponent(key)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const removeSeat = (participant: string, query = "") =>
  fetch(`${srv.url}/api/boards/${board.id}/seats/${participant}?key=${board.keys.facilitator}${query}`, { method: "DELETE" });
/** Closes the server gave up on for good (4400–4499): the stock client stops reconnecting after these. */
const finalCloses = (c: Client) => {
  const seen: Array<{ code: number; reason: string }> = [];
  c.provider.on("closed", ({ code, reason }) => void seen.push({ code, reason }));
  return seen;
};
/** Everything a client's copy of the board says, to compare with the server's. */
const contentOf = (c: Client | Y.Doc) => {
  const b = readBoard(c instanceof Y.Doc ? c : c.doc);
  return { items: b.items, placements: b.placements, participants: b.participants };
};

describe("taking a seat", () => {
  it("writes the person's entry itself and hands back a secret seat", async () => {
    const res = await seatPost({ name: "  Ada  " });
    expect(res.status).toBe(201);
    const seat = SeatSchema.parse(await res.json());
    expect(seat.participant).toMatchObject({ name: "Ada" });
    expect(seat.participant.id).toMatch(/^p-[A-Za-z0-9_-]{16}$/);
    expect(seat.participant.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(seat.seat).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const entry = (await serverState()).participants.find((p) => p.id === seat.participant.id);
    expect(entry).toMatchObject({ name: "Ada", color: seat.participant.color });
    // The store keeps only a hash of the secret.
    const db = new Database(path.join(srv.dir, "cruxboard.sqlite"), { readonly: true });
    const stored = db.prepare("SELECT * FROM seats WHERE board_id = ?").all(board.id);
    db.close();
    expect(JSON.stringify(stored)).not.toContain(seat.seat);
    expect(stored).toHaveLength(1);
  });

  it("gives each person a colour of their own and refuses a name already on the board, whatever its case", async () => {
    const ada = SeatSchema.parse(await (await seatPost({ name: "Ada" })).json());
    const grace = SeatSchema.parse(await (await seatPost({ name: "Grace" })).json());
    expect(grace.participant.color).not.toBe(ada.participant.color);
    const again = await seatPost({ name: "ADA " });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ path: "name" });
    expect((await serverState()).participants).toHaveLength(2);
  });

  it("answers bad input and the wrong key with a clear error, and seats nobody", async () => {
    expect((await seatPost({ name: "" })).status).toBe(400);
    const long = await seatPost({ name: "x".repeat(61) });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ path: "name" });
    expect((await seatPost({ name: "Ada", admin: true })).status).toBe(400);
    expect((await seatPost({ name: "Ada", participant: "not an id!" })).status).toBe(400);
    const viewer = await seatPost({ name: "Ada" }, board.keys.viewer);
    expect(viewer.status).toBe(403);
    expect((await seatPost({ name: "Ada" }, "wrong-key-wrong-key-wrong")).status).toBe(403);
    expect((await fetch(`${srv.url}/api/boards/${board.id}/seats`, { method: "POST", body: "{}" })).status).toBe(401);
    expect((await fetch(`${srv.url}/api/boards/nope-nope-nope/seats?key=x`, { method: "POST", body: "{}" })).status).toBe(404);
    expect((await serverState()).participants).toHaveLength(0);
  });

  it("stops at the board's number of people and at an address's number of seats", async () => {
    await srv.close();
    srv = await startServer({ seatsPerBoard: 2, seats: 3 });
    board = await createBoardVia(srv.url);
    expect((await seatPost({ name: "A" })).status).toBe(201);
    expect((await seatPost({ name: "B" })).status).toBe(201);
    const full = await seatPost({ name: "C" });
    expect(full.status).toBe(409);
    expect((await full.json()).error).toMatch(/already has its 2 people/);
    const limited = await seatPost({ name: "D" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ limit: "seats" });
  });
});

describe("a seated participant writes only what is theirs", () => {
  it("places, moves, takes back and gives reasons for their own notes, and adds, edits and deletes their own items", async () => {
    const ada = await person("Ada");
    const watcher = await open(board.keys.viewer);
    placeItem(ada.client.doc, { item: "rlhf", participant: ada.id, col: 2.5, row: 2.5 }, grid(ada.client));
    addItem(ada.client.doc, { id: "i-ada", text: "Debate", createdBy: ada.id, createdAt: 1 });
    await waitFor(() => readBoard(watcher.doc).placements.length === 1 && readBoard(watcher.doc).items.some((i) => i.id === "i-ada"), "own writes relayed");
    placeItem(ada.client.doc, { item: "rlhf", participant: ada.id, col: 0.5, row: 0.5 }, grid(ada.client));
    editItem(ada.client.doc, "i-ada", { text: "Debate, revised" });
    joinParticipant(ada.client.doc, { id: ada.id, name: "Ada L.", color: "#2563eb", joinedAt: 1 });
    await waitFor(() => readBoard(watcher.doc).participants.some((p) => p.name === "Ada L."), "own entry renamed");
    unplaceItem(ada.client.doc, "rlhf", ada.id);
    deleteItem(ada.client.doc, "i-ada");
    await waitFor(() => readBoard(watcher.doc).placements.length === 0 && !readBoard(watcher.doc).items.some((i) => i.id === "i-ada"), "own deletions relayed");
    expect(denied).toEqual([]);
    expect(srv.server.metrics.updatesRefused).toBe(0);
  });

  it.each([
    ["move another person's note", (doc: Y.Doc, grace: string) => placeItem(doc, { item: "agent-foundations", participant: grace, col: 0.1, row: 0.1 }, readBoard(doc).meta.grid)],
    ["take back another person's note", (doc: Y.Doc, grace: string) => unplaceItem(doc, "agent-foundations", grace)],
    ["delete a template item and every note of it", (doc: Y.Doc) => deleteItem(doc, "agent-foundations")],
    ["edit another person's item", (doc: Y.Doc) => editItem(doc, "i-grace", { text: "Rewritten" })],
    ["delete another person's item", (doc: Y.Doc) => doc.getMap("items").delete("i-grace")],
    ["add an item in another person's name", (doc: Y.Doc, grace: string) => addItem(doc, { id: "i-forged", text: "Forged", createdBy: grace, createdAt: 1 })],
    ["rename another person", (doc: Y.Doc, grace: string) => joinParticipant(doc, { id: grace, name: "Mallory was here", color: "#000000", joinedAt: 1 })],
    ["take another person off the board", (doc: Y.Doc, grace: string) => doc.getMap("participants").delete(grace)],
  ])("is refused when they %s: nothing relayed, the writer back in step and told why", async (_what, write) => {
    const grace = await person("Grace");
    placeItem(grace.client.doc, { item: "agent-foundations", participant: grace.id, col: 2.5, row: 2.5 }, grid(grace.client));
    addItem(grace.client.doc, { id: "i-grace", text: "Grace's item", createdBy: grace.id, createdAt: 1 });
    const mallory = await person("Mallory");
    const third = await open(board.keys.viewer);
    await waitFor(() => readBoard(mallory.client.doc).items.some((i) => i.id === "i-grace") && readBoard(mallory.client.doc).placements.length === 1, "Grace's work seen");
    const before = contentOf(await serverStateDoc());
    let relayed = 0;
    third.doc.on("update", () => relayed++);
    const refused = srv.server.metrics.updatesRefused;

    write(mallory.client.doc, grace.id);
    await waitFor(() => srv.server.metrics.updatesRefused > refused, "the refusal");
    // The writer's copy comes back to the board's, and the reason reaches it.
    await waitFor(() => JSON.stringify(contentOf(mallory.client)) === JSON.stringify(before), "the writer back in step");
    await waitFor(() => denied.length > 0, "the reason");
    expect(denied.join("\n")).toMatch(/a participant can|a placement must name|must be their own/);
    expect(contentOf(await serverStateDoc())).toEqual(before);
    expect(contentOf(third)).toEqual(before);
    // What reached the third client (the board's own rewrites of the touched entries) changed nothing there.
    expect(relayed).toBeLessThanOrEqual(1);

    // The refused writer is still connected and still writes what is theirs.
    placeItem(mallory.client.doc, { item: "rlhf", participant: mallory.id, col: 1.5, row: 1.5 }, grid(mallory.client));
    await waitFor(() => readBoard(third.doc).placements.some((p) => p.participant === mallory.id), "Mallory's own note relayed");
  });

  it("refuses a whole update that mixes their own note with another person's", async () => {
    const grace = await person("Grace");
    placeItem(grace.client.doc, { item: "rlhf", participant: grace.id, col: 2.5, row: 2.5 }, grid(grace.client));
    const mallory = await person("Mallory");
    await waitFor(() => readBoard(mallory.client.doc).placements.length === 1, "Grace's note seen");
    mallory.client.doc.transact(() => {
      placeItem(mallory.client.doc, { item: "rlhf", participant: mallory.id, col: 0.5, row: 0.5 }, grid(mallory.client));
      placeItem(mallory.client.doc, { item: "rlhf", participant: grace.id, col: 0.5, row: 0.5 }, grid(mallory.client));
    });
    await waitFor(() => denied.length > 0, "the reason");
    await waitFor(() => readBoard(mallory.client.doc).placements.length === 1, "the writer back in step");
    const placements = (await serverState()).placements;
    expect(placements).toHaveLength(1);
    expect(placements[0]).toMatchObject({ participant: grace.id, col: 2.5 });
  });

  it("cannot use a seat of another board, and a connection without a seat writes nothing, each told to take one", async () => {
    const other = await createBoardVia(srv.url);
    const elsewhere = await takeSeatVia(srv.url, other, "Ada");
    const borrowed = await open(board.keys.participant, elsewhere.seat);
    const seatless = await open(board.keys.participant);
    placeItem(borrowed.doc, { item: "rlhf", participant: elsewhere.participant.id, col: 1.5, row: 1.5 }, grid(borrowed));
    placeItem(seatless.doc, { item: "rlhf", participant: "p-seatless", col: 1.5, row: 1.5 }, grid(seatless));
    await waitFor(() => denied.length >= 2, "both reasons");
    expect(denied.some((d) => d.includes("this seat does not belong to this board: take a seat on it with POST"))).toBe(true);
    expect(denied.some((d) => d.includes("this connection has no seat: take one with POST"))).toBe(true);
    await waitFor(() => readBoard(borrowed.doc).placements.length === 0 && readBoard(seatless.doc).placements.length === 0, "both back in step");
    expect((await serverState()).placements).toHaveLength(0);
    expect(borrowed.provider.wsconnected && seatless.provider.wsconnected).toBe(true);
  });

  it("leaves the facilitator free to change anyone's notes, items and entries", async () => {
    const grace = await person("Grace");
    placeItem(grace.client.doc, { item: "rlhf", participant: grace.id, col: 2.5, row: 2.5 }, grid(grace.client));
    addItem(grace.client.doc, { id: "i-grace", text: "Grace's item", createdBy: grace.id, createdAt: 1 });
    const facilitator = await open(board.keys.facilitator);
    await waitFor(() => readBoard(facilitator.doc).items.some((i) => i.id === "i-grace") && readBoard(facilitator.doc).placements.length === 1, "Grace's work seen");
    placeItem(facilitator.doc, { item: "rlhf", participant: grace.id, col: 0.5, row: 0.5 }, grid(facilitator));
    editItem(facilitator.doc, "i-grace", { text: "Tidied" });
    joinParticipant(facilitator.doc, { id: grace.id, name: "Grace H.", color: "#2563eb", joinedAt: 1 });
    await waitFor(() => readBoard(grace.client.doc).participants.some((p) => p.name === "Grace H."), "the facilitator's changes relayed");
    const state = await serverState();
    expect(state.placements[0]).toMatchObject({ participant: grace.id, col: 0.5 });
    expect(state.items.find((i) => i.id === "i-grace")?.text).toBe("Tidied");
    expect(denied).toEqual([]);
  });
});

describe("removing a person", () => {
  it("closes their open connections with the reason, refuses their seat afterwards, and keeps their notes unless asked", async () => {
    const ada = await person("Ada");
    const grace = await person("Grace");
    placeItem(ada.client.doc, { item: "rlhf", participant: ada.id, col: 2.5, row: 2.5 }, grid(ada.client));
    await waitFor(() => readBoard(grace.client.doc).placements.length === 1, "Ada's note relayed");
    const adaCloses = finalCloses(ada.client);
    const graceCloses = finalCloses(grace.client);
    expect((await removeSeat(ada.id)).status).toBe(204);
    await waitFor(() => adaCloses.length > 0, "Ada's connection closed");
    expect(adaCloses[0]).toEqual({ code: CLOSE_SEAT_REMOVED, reason: "the facilitator removed you from this board" });
    expect(graceCloses).toEqual([]);
    // Their placements and entry stay.
    const state = await serverState();
    expect(state.placements.map((p) => p.participant)).toEqual([ada.id]);
    expect(state.participants.some((p) => p.id === ada.id)).toBe(true);

    // The seat never works again: the next connection with it is let in and closed with the reason.
    const again = connect(srv.wsUrl, board.id, board.keys.participant, new Y.Doc(), ada.seat);
    clients.push(again);
    const againCloses = finalCloses(again);
    await waitFor(() => againCloses.length > 0, "the removed seat closed");
    expect(againCloses[0]!.code).toBe(CLOSE_SEAT_REMOVED);
    // Nor can the id be claimed again.
    expect((await seatPost({ name: "Ada again", participant: ada.id }, board.keys.facilitator)).status).toBe(409);
    // The facilitator's list of who was removed; nobody else reads it.
    const list = await fetch(`${srv.url}/api/boards/${board.id}/seats?key=${board.keys.facilitator}`);
    expect(await list.json()).toEqual({ removed: [ada.id] });
    expect((await fetch(`${srv.url}/api/boards/${board.id}/seats?key=${board.keys.participant}`)).status).toBe(403);
  });

  it("takes their notes and entry off the board when the facilitator asks, and answers bad requests", async () => {
    const ada = await person("Ada");
    const grace = await person("Grace");
    placeItem(ada.client.doc, { item: "rlhf", participant: ada.id, col: 2.5, row: 2.5 }, grid(ada.client));
    placeItem(ada.client.doc, { item: "scaling", participant: ada.id, col: 0.5, row: 0.5 }, grid(ada.client));
    placeItem(grace.client.doc, { item: "rlhf", participant: grace.id, col: 1.5, row: 1.5 }, grid(grace.client));
    await waitFor(() => readBoard(grace.client.doc).placements.length === 3, "notes relayed");
    expect((await removeSeat(ada.id, "&placements=maybe")).status).toBe(400);
    expect((await fetch(`${srv.url}/api/boards/${board.id}/seats/${ada.id}?key=${board.keys.participant}`, { method: "DELETE" })).status).toBe(403);
    expect((await removeSeat("p-nobody-here")).status).toBe(404);
    expect((await removeSeat(ada.id, "&placements=delete")).status).toBe(204);
    await waitFor(() => readBoard(grace.client.doc).placements.length === 1, "Ada's notes gone from Grace's page");
    const state = await serverState();
    expect(state.placements.map((p) => p.participant)).toEqual([grace.id]);
    expect(state.participants.map((p) => p.id)).toEqual([grace.id]);
  });
});

describe("claiming an id from before seats", () => {
  /** A board from before seats: its entries joined before `seats_since`, as the store's migration leaves them. */
  async function boardFromBeforeSeats(): Promise<{ early: string; late: string }> {
    const facilitator = await open(board.keys.facilitator);
    joinParticipant(facilitator.doc, { id: "p-early", name: "Early", color: "#2563eb", joinedAt: 1_000 });
    placeItem(facilitator.doc, { item: "rlhf", participant: "p-early", col: 1.5, row: 1.5 }, grid(facilitator));
    joinParticipant(facilitator.doc, { id: "p-late", name: "Late", color: "#778800", joinedAt: 5_000 });
    for (const started = Date.now(); (await serverState()).participants.length < 2; await sleep(10)) {
      if (Date.now() - started > 5000) throw new Error("the earlier entries never reached the server");
    }
    const db = new Database(path.join(srv.dir, "cruxboard.sqlite"));
    db.prepare("UPDATE boards SET seats_since = 3000 WHERE id = ?").run(board.id);
    db.close();
    return { early: "p-early", late: "p-late" };
  }

  it("lets the device that placed under an earlier id take a seat for it once, and writes as that person", async () => {
    const { early, late } = await boardFromBeforeSeats();
    const claimed = await takeSeatVia(srv.url, board, "Early", { participant: early });
    expect(claimed.participant).toEqual({ id: early, name: "Early", color: "#2563eb" });
    const device = await open(board.keys.participant, claimed.seat);
    placeItem(device.doc, { item: "rlhf", participant: early, col: 0.5, row: 0.5 }, grid(device));
    await waitFor(() => readBoard(device.doc).placements[0]?.col === 0.5, "the local move");
    await sleep(100);
    expect((await serverState()).placements[0]).toMatchObject({ participant: early, col: 0.5 });
    // Once only, and only for entries from before seats; never an id nobody has.
    expect((await seatPost({ name: "Early", participant: early })).status).toBe(409);
    expect((await seatPost({ name: "Late", participant: late })).status).toBe(409);
    expect((await seatPost({ name: "Ghost", participant: "p-ghost" })).status).toBe(409);
    // The facilitator may seat any id without a seat (their own device's, when they place too).
    expect((await seatPost({ name: "Late", participant: late }, board.keys.facilitator)).status).toBe(201);
  });
});

/** The server's own document, once every accepted change is durable. */
function serverStateDoc(): Promise<Y.Doc> {
  return srv.server.rooms.withSettledRoom(board.id, (room) => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
    return copy;
  });
}

describe("README's bot", () => {
  it("takes a seat and places a note with the stock client, as README shows it", async () => {
    const readme = fs.readFileSync(path.join(process.cwd(), "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### Seats: each person's notes are their own"));
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code).toBeDefined();
    const script = code!
      .replace(`"http://localhost:3000"`, JSON.stringify(srv.url))
      .replace(`"<board id>"`, JSON.stringify(board.id))
      .replace(`"<participant key>"`, JSON.stringify(board.keys.participant));
    const dir = path.join(process.cwd(), ".tmp", "readme-bot");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `bot-${process.pid}-${Date.now()}.mts`);
    fs.writeFileSync(file, script);
    const child = spawn(process.execPath, ["--import", "tsx", file], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    try {
      for (const started = Date.now(); ; await sleep(50)) {
        const state = await serverState();
        const bot = state.participants.find((p) => p.name === "Survey bot");
        if (bot && state.placements.some((p) => p.participant === bot.id && p.reason === "From the survey")) break;
        if (child.exitCode !== null || Date.now() - started > 20_000) throw new Error(`the bot did not place its note:\n${output}`);
      }
    } finally {
      child.kill();
      fs.rmSync(file, { force: true });
    }
  });
});
