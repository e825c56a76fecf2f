import Database from "better-sqlite3";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import type { CreatedBoard } from "../../lib/api/schemas";
import { addItem, deleteItem, editItem, joinParticipant, placeItem, removeParticipant, setMeta, unplaceItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import type { Grid } from "../../lib/board/schema";
import { connect, createBoardVia, sleep, startServer, synced, takeSeatVia, waitFor, type Client, type TestServer } from "./harness";
import { permissionDenials } from "./seats-helpers";

/**
 * Every credential against every write path, as a table: each path lists the credentials that may
 * write through it, and every other credential must be refused. Each cell tries the write for real
 * and reads its effect from the server (the stored board, the store's rows), so an escalation shows
 * as a write that took effect where the table says it must not.
 *
 * A new credential is one line in CREDENTIALS (refused everywhere unless a path allows it); one that
 * needs the board prepared first does that in its line, which may be async (a key replaced by
 * rotation: rotate it through the facilitator, then return the old key). A new write path is one line
 * in HTTP_WRITES or SYNC_WRITES, with what shows its effect: a row count for what adds rows, the
 * board's own row for what deletes a board or replaces its keys (`boardRow`).
 */

interface Target {
  srv: TestServer;
  /** The board written to, fresh for each cell. */
  board: CreatedBoard;
  /** Another board, whose keys must open nothing on `board`. */
  other: CreatedBoard;
  /** A facilitator client of `board`, for setting the board up before the attempt. */
  facilitator(): Promise<Client>;
}

/**
 * Who knocks: a key (null: none at all), the seat its connections come with (if any), and the
 * participant id whose entries are "its own" in the rows below — the seat's person, or for a
 * credential without a seat the id it would claim to be.
 */
interface Credential {
  key: string | null;
  seat?: string;
  me: string;
}

const INTRUDER = "intruder";
const asIs = (key: string | null): Credential => ({ key, me: INTRUDER });

const CREDENTIALS: Record<string, (t: Target) => Credential | Promise<Credential>> = {
  facilitator: (t) => ({ key: t.board.keys.facilitator, me: "host" }),
  "participant with a seat": async (t) => seated(t, t.board),
  "participant without a seat": (t) => asIs(t.board.keys.participant),
  "participant with another board's seat": async (t) => ({ ...(await seated(t, t.other)), key: t.board.keys.participant }),
  "participant with a made-up seat": (t) => ({ key: t.board.keys.participant, seat: "S".repeat(24), me: INTRUDER }),
  "participant whose seat was removed": async (t) => {
    const credential = await seated(t, t.board);
    const res = await fetch(`${t.srv.url}/api/boards/${t.board.id}/seats/${credential.me}?key=${t.board.keys.facilitator}`, { method: "DELETE" });
    expect(res.status).toBe(204);
    return credential;
  },
  viewer: (t) => asIs(t.board.keys.viewer),
  "viewer with a seat": async (t) => ({ ...(await seated(t, t.board)), key: t.board.keys.viewer }),
  "no key": () => asIs(null),
  "another board's facilitator key": (t) => asIs(t.other.keys.facilitator),
  "another board's participant key": (t) => asIs(t.other.keys.participant),
  "garbage key": () => asIs(`${"A".repeat(24)}%00<script>${"x".repeat(200)}`),
  "a replaced participant key": async (t) => asIs(await replaced(t, "participant")),
  "a replaced participant key with its seat": async (t) => {
    const credential = await seated(t, t.board);
    return { ...credential, key: await replaced(t, "participant") };
  },
  "a replaced viewer key": async (t) => asIs(await replaced(t, "viewer")),
};

/** A seat on `board`, taken with its participant key as a person joining does. */
async function seated(t: Target, board: CreatedBoard): Promise<Credential> {
  const { participant, seat } = await takeSeatVia(t.srv.url, board, `Person ${Math.random().toString(36).slice(2, 8)}`);
  return { key: board.keys.participant, seat, me: participant.id };
}

/** The role's key as it was before the facilitator replaced it. */
async function replaced(t: Target, role: "participant" | "viewer"): Promise<string> {
  const res = await fetch(`${t.srv.url}/api/boards/${t.board.id}/keys?key=${t.board.keys.facilitator}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ role }),
  });
  expect(res.status).toBe(200);
  return t.board.keys[role];
}
type CredentialName = string;

type Outcome = "allowed" | "refused";

interface WritePath {
  path: string;
  /** The credentials whose write takes effect; every other one is refused. */
  allowed: readonly CredentialName[];
  attempt(t: Target, who: Credential): Promise<Outcome>;
}

const withKey = (pathname: string, key: string | null) => (key === null ? pathname : `${pathname}?key=${encodeURIComponent(key)}`);

/** Reads the store's file on a connection of the test's own. */
function inStore<T>(t: Target, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(t.srv.dir, "cruxboard.sqlite"), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
/** How many rows of `table` the board has. */
const rowsOf = (table: "snapshots" | "join_codes" | "seats") => (t: Target) =>
  inStore(t, (db) => db.prepare<[string], number>(`SELECT COUNT(*) FROM ${table} WHERE board_id = ?`).pluck().get(t.board.id));
/** Who has been removed from the board. */
const removedRows = (t: Target) =>
  inStore(t, (db) => db.prepare<[string], string>("SELECT participant_id FROM seats WHERE board_id = ? AND removed_at IS NOT NULL").pluck().all(t.board.id));
/** The board's own row (its key hashes among it); undefined once it is gone. */
const boardRow = (t: Target) => inStore(t, (db) => db.prepare<[string], unknown>("SELECT * FROM boards WHERE id = ?").get(t.board.id));

/** How many boards the store holds. */
const boardCount = (t: Target) => inStore(t, (db) => db.prepare<[], number>("SELECT COUNT(*) FROM boards").pluck().get());

/** An HTTP write: allowed means a 2xx and a change in what `observe` reads; refused means 401/403 and none. */
const httpWrite =
  (method: string, route: (t: Target) => string, body: (t: Target) => unknown, observe: (t: Target) => unknown, prepare?: (t: Target) => Promise<void>): WritePath["attempt"] =>
  async (t, { key }) => {
    await prepare?.(t);
    const sent = await body(t);
    const before = observe(t);
    const board = boardRow(t);
    const res = await fetch(`${t.srv.url}${withKey(route(t), key)}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(sent === undefined ? {} : { body: JSON.stringify(sent) }),
    });
    const after = observe(t);
    if (res.ok) {
      expect(after).not.toEqual(before);
      return "allowed";
    }
    expect([401, 403]).toContain(res.status);
    expect(after).toEqual(before);
    // Nor did it touch the board's record (its keys).
    expect(boardRow(t)).toEqual(board);
    return "refused";
  };

/** The board's export, as a body to import. */
const exported = async (t: Target) => (await fetch(`${t.srv.url}/api/boards/${t.board.id}/export?format=json&key=${t.board.keys.facilitator}`)).json();

// Creating and importing a board need no key by design: whoever calls gets a new board of their own.
const ANYONE = Object.keys(CREDENTIALS);
/** The participant link is the whole room's: whoever holds it may take a seat, as every newcomer does. */
const SEAT_TAKERS = [
  "facilitator",
  "participant with a seat",
  "participant without a seat",
  "participant with another board's seat",
  "participant with a made-up seat",
  "participant whose seat was removed",
];

/** Whether the upgrade is accepted; the status it is refused with otherwise. */
function tryUpgrade(t: Target, { key, seat }: Credential): Promise<{ open: true } | { open: false; status: number }> {
  return new Promise((resolve, reject) => {
    const url = `${t.srv.wsUrl}${withKey(`/sync/${t.board.id}`, key)}${seat === undefined ? "" : `&seat=${seat}`}`;
    const ws = new WebSocket(url);
    ws.on("open", () => {
      ws.close();
      resolve({ open: true });
    });
    ws.on("unexpected-response", (_req, res) => {
      resolve({ open: false, status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.on("error", reject);
  });
}

const settled = <T>(t: Target, read: (doc: Y.Doc) => T) => t.srv.server.rooms.withSettledRoom(t.board.id, (room) => read(room.doc));

/**
 * A write over the sync socket with a stock client. Allowed: the server's board comes to show it.
 * Refused: the upgrade is refused (401/403), or the server refuses the update (counted, or the
 * connection closed) and its board never shows it.
 */
const syncWrite =
  (write: Write, shows: Shows, prepare?: (t: Target, me: string) => Promise<void>): WritePath["attempt"] =>
  async (t, who) => {
    await prepare?.(t, who.me);
    const seen = (doc: Y.Doc) => shows(doc, who.me);
    expect(await settled(t, seen)).toBe(false);
    const upgrade = await tryUpgrade(t, who);
    if (!upgrade.open) {
      expect([401, 403]).toContain(upgrade.status);
      expect(await settled(t, seen)).toBe(false);
      return "refused";
    }
    const client = connect(t.srv.wsUrl, t.board.id, who.key!, new Y.Doc(), who.seat);
    try {
      let closed = false;
      client.provider.on("connection-close", () => (closed = true));
      // A removed person's connection is let in and closed at once, with the reason.
      await waitFor(() => client.provider.synced || closed, "sync or a close");
      if (!client.provider.synced) {
        expect(await settled(t, seen)).toBe(false);
        return "refused";
      }
      const refusedBefore = t.srv.server.metrics.updatesRefused;
      write(client.doc, readBoard(client.doc).meta.grid, who.me);
      for (const started = Date.now(); ; await sleep(10)) {
        if (await settled(t, seen)) return "allowed";
        if (closed || t.srv.server.metrics.updatesRefused > refusedBefore) {
          // Whatever the server does after a refusal (bringing the writer back in step) must not let it in.
          await sleep(50);
          expect(await settled(t, seen)).toBe(false);
          return "refused";
        }
        if (Date.now() - started > 5000) throw new Error("the write was neither applied nor refused");
      }
    } finally {
      client.destroy();
    }
  };

/** Prepares the board through its facilitator, and waits until the server holds the result. */
const prepared = (change: Write, holds: Shows) => async (t: Target, me = INTRUDER) => {
  const facilitator = await t.facilitator();
  change(facilitator.doc, readBoard(facilitator.doc).meta.grid, me);
  for (const started = Date.now(); !(await settled(t, (doc) => holds(doc, me))); await sleep(10)) {
    if (Date.now() - started > 5000) throw new Error("the board was not prepared");
  }
};
const lock = prepared((doc) => setMeta(doc, "locked", true), (doc) => doc.getMap("meta").get("locked") === true);


/** A write made as `me` (the credential's own participant id), and how the server's board shows it took effect. */
type Write = (doc: Y.Doc, grid: Grid, me: string) => void;
type Shows = (doc: Y.Doc, me: string) => boolean;

const item = (id: string, createdBy: string) => ({ id, text: `Added by ${createdBy}`, createdBy, createdAt: 1_700_000_000_000 });
const has = (root: string, key: string | ((me: string) => string)): Shows => (doc, me) => doc.getMap(root).has(typeof key === "string" ? key : key(me));
const lacks = (root: string, key: string | ((me: string) => string)): Shows => (doc, me) => !has(root, key)(doc, me);
const place = (participant: string | null, col = 1.5): Write => (doc, grid, me) => placeItem(doc, { item: "rlhf", participant: participant ?? me, col, row: 1.5 }, grid);
const person = (id: string, name = `Person ${id}`) => ({ id, name, color: "#2563eb", joinedAt: 1_700_000_000_000 });
const join = (id: string | null): Write => (doc, _grid, me) => joinParticipant(doc, person(id ?? me));
const own = (root: string) => (me: string) => (root === "placements" ? `rlhf:${me}` : root === "items" ? `own-${me}` : me);
const placedAt = (participant: string, col: number): Shows => (doc) => (doc.getMap("placements").get(`rlhf:${participant}`) as { col?: number } | undefined)?.col === col;
const itemText = (id: string | ((me: string) => string), text: string): Shows => (doc, me) =>
  (doc.getMap("items").get(typeof id === "string" ? id : id(me)) as { text?: string } | undefined)?.text === text;
const named = (id: string, name: string): Shows => (doc) => (doc.getMap("participants").get(id) as { name?: string } | undefined)?.name === name;

const EVERY_WRITER: readonly CredentialName[] = ["facilitator", "participant with a seat"];
const ownItem = prepared((doc, _grid, me) => addItem(doc, item(`own-${me}`, me)), has("items", own("items")));
const annPlaced = prepared(place("ann"), has("placements", "rlhf:ann"));
const annJoined = prepared(join("ann"), has("participants", "ann"));

// A seated participant writes only their own entries (contract v2, "Seats"); the facilitator writes anything.
const SYNC_WRITES: WritePath[] = [
  { path: "sync: rename the board (meta)", allowed: ["facilitator"], attempt: syncWrite((doc) => setMeta(doc, "title", "Escalated"), (doc) => doc.getMap("meta").get("title") === "Escalated") },
  { path: "sync: delete a meta field", allowed: ["facilitator"], attempt: syncWrite((doc) => doc.getMap("meta").delete("blind"), lacks("meta", "blind")) },
  { path: "sync: lock the board", allowed: ["facilitator"], attempt: syncWrite((doc) => setMeta(doc, "locked", true), (doc) => doc.getMap("meta").get("locked") === true) },
  { path: "sync: add an item as one's own", allowed: EVERY_WRITER, attempt: syncWrite((doc, _g, me) => addItem(doc, item(`own-${me}`, me)), has("items", own("items"))) },
  { path: "sync: add an item in another person's name", allowed: ["facilitator"], attempt: syncWrite((doc) => addItem(doc, item("forged", "ann")), has("items", "forged")) },
  { path: "sync: edit one's own item", allowed: EVERY_WRITER, attempt: syncWrite((doc, _g, me) => editItem(doc, `own-${me}`, { text: "Edited" }), itemText(own("items"), "Edited"), ownItem) },
  { path: "sync: edit another person's item", allowed: ["facilitator"], attempt: syncWrite((doc) => editItem(doc, "rlhf", { text: "Edited" }), itemText("rlhf", "Edited")) },
  { path: "sync: delete one's own item", allowed: EVERY_WRITER, attempt: syncWrite((doc, _g, me) => deleteItem(doc, `own-${me}`), lacks("items", own("items")), ownItem) },
  { path: "sync: delete another person's item", allowed: ["facilitator"], attempt: syncWrite((doc) => deleteItem(doc, "rlhf"), lacks("items", "rlhf")) },
  { path: "sync: place one's own note", allowed: EVERY_WRITER, attempt: syncWrite(place(null), has("placements", own("placements"))) },
  { path: "sync: place a note for another person", allowed: ["facilitator"], attempt: syncWrite(place("ann"), has("placements", "rlhf:ann")) },
  { path: "sync: move another person's note", allowed: ["facilitator"], attempt: syncWrite(place("ann", 0.25), placedAt("ann", 0.25), annPlaced) },
  {
    path: "sync: write one's own note naming another person",
    allowed: ["facilitator"],
    attempt: syncWrite((doc, _g, me) => doc.getMap("placements").set(`rlhf:${me}`, { item: "rlhf", participant: "ann", col: 1.5, row: 1.5, at: 1 }), has("placements", own("placements"))),
  },
  { path: "sync: take back one's own note", allowed: EVERY_WRITER, attempt: syncWrite((doc, _g, me) => unplaceItem(doc, "rlhf", me), lacks("placements", own("placements")), prepared(place(null), has("placements", own("placements")))) },
  { path: "sync: take back another person's note", allowed: ["facilitator"], attempt: syncWrite((doc) => unplaceItem(doc, "rlhf", "ann"), lacks("placements", "rlhf:ann"), annPlaced) },
  { path: "sync: write one's own entry", allowed: EVERY_WRITER, attempt: syncWrite(join(null), (doc, me) => named(me, `Person ${me}`)(doc, me)) },
  { path: "sync: add another participant", allowed: ["facilitator"], attempt: syncWrite(join("someone-else"), has("participants", "someone-else")) },
  { path: "sync: rename another participant", allowed: ["facilitator"], attempt: syncWrite((doc) => joinParticipant(doc, person("ann", "Mallory was here")), named("ann", "Mallory was here"), annJoined) },
  { path: "sync: remove another participant", allowed: ["facilitator"], attempt: syncWrite((doc) => removeParticipant(doc, "ann"), lacks("participants", "ann"), annJoined) },
  { path: "sync: create a new root map", allowed: [], attempt: syncWrite((doc) => doc.getMap("extra").set("x", 1), has("extra", "x")) },
  { path: "sync: create a new root array", allowed: [], attempt: syncWrite((doc) => doc.getArray("extra").insert(0, [1]), (doc) => doc.getArray("extra").length > 0) },
  { path: "sync: place one's own note while locked", allowed: ["facilitator"], attempt: syncWrite(place(null), has("placements", own("placements")), lock) },
  { path: "sync: add an item while locked", allowed: ["facilitator"], attempt: syncWrite((doc, _g, me) => addItem(doc, item(`own-${me}`, me)), has("items", own("items")), lock) },
  { path: "sync: unlock the board", allowed: ["facilitator"], attempt: syncWrite((doc) => setMeta(doc, "locked", false), (doc) => doc.getMap("meta").get("locked") === false, lock) },
];

const HTTP_WRITES: WritePath[] = [
  { path: "POST /api/boards/<id>/snapshots", allowed: ["facilitator"], attempt: httpWrite("POST", (t) => `/api/boards/${t.board.id}/snapshots`, () => ({ name: "Taken" }), rowsOf("snapshots")) },
  { path: "POST /api/boards/<id>/codes", allowed: ["facilitator"], attempt: httpWrite("POST", (t) => `/api/boards/${t.board.id}/codes`, () => ({}), rowsOf("join_codes")) },
  { path: "POST /api/boards/<id>/keys (replace the participant link)", allowed: ["facilitator"], attempt: httpWrite("POST", (t) => `/api/boards/${t.board.id}/keys`, () => ({ role: "participant" }), boardRow) },
  { path: "POST /api/boards/<id>/keys (replace the viewer link)", allowed: ["facilitator"], attempt: httpWrite("POST", (t) => `/api/boards/${t.board.id}/keys`, () => ({ role: "viewer" }), boardRow) },
  { path: "DELETE /api/boards/<id>", allowed: ["facilitator"], attempt: httpWrite("DELETE", (t) => `/api/boards/${t.board.id}`, () => undefined, boardRow) },
  { path: "POST /api/boards/<id>/seats (take a seat)", allowed: SEAT_TAKERS, attempt: httpWrite("POST", (t) => `/api/boards/${t.board.id}/seats`, () => ({ name: "Newcomer" }), rowsOf("seats")) },
  {
    path: "DELETE /api/boards/<id>/seats/<participant> (remove a person)",
    allowed: ["facilitator"],
    attempt: httpWrite("DELETE", (t) => `/api/boards/${t.board.id}/seats/ann`, () => undefined, removedRows, prepared(join("ann"), has("participants", "ann"))),
  },
  { path: "POST /api/boards (a new board)", allowed: ANYONE, attempt: httpWrite("POST", () => "/api/boards", () => ({ title: "New" }), boardCount) },
  { path: "POST /api/boards/import (a new board)", allowed: ANYONE, attempt: httpWrite("POST", () => "/api/boards/import", exported, boardCount) },
];

const TABLE = [...HTTP_WRITES, ...SYNC_WRITES];

// Refused writers are told why; the table judges by effect, so those lines stay out of the output.
permissionDenials();
let srv: TestServer;
let target: Target;
const clients: Client[] = [];
beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  await srv.close();
});
beforeEach(async () => {
  const [board, other] = await Promise.all([createBoardVia(srv.url, { title: "Privileges" }), createBoardVia(srv.url, { title: "Another" })]);
  target = {
    srv,
    board,
    other,
    async facilitator() {
      const client = connect(srv.wsUrl, board.id, board.keys.facilitator);
      clients.push(client);
      await synced(client);
      return client;
    },
  };
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

describe("who may write what", () => {
  it("lists every credential and every path once", () => {
    expect(new Set(TABLE.map((row) => row.path)).size).toBe(TABLE.length);
    for (const row of TABLE) for (const credential of row.allowed) expect(Object.keys(CREDENTIALS)).toContain(credential);
  });

  describe.each(TABLE)("$path", (row) => {
    it.each(Object.keys(CREDENTIALS))("%s", async (credential) => {
      const expected: Outcome = row.allowed.includes(credential) ? "allowed" : "refused";
      expect(await row.attempt(target, await CREDENTIALS[credential]!(target))).toBe(expected);
    });
  });
});
