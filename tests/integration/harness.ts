import { takeSeatOverHttp } from "../seat-over-http";
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { CreatedBoard } from "../../lib/api/schemas";
import type { Seat } from "../../lib/api/seats";
import { createServer, type CruxServer, type ServerLimits } from "../../server/index";
import { silentLogger } from "../../server/log";
import { openSqliteStore } from "../../server/storage/sqlite";
import { docFromLog } from "../../server/sync/replica";

export const tempDir = (prefix = "cruxboard-test-") => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

export interface TestServer {
  server: CruxServer;
  url: string;
  wsUrl: string;
  dir: string;
  close(): Promise<void>;
}

/**
 * Per-address limits out of the way: every test client comes from 127.0.0.1, and a suite creates more
 * boards from it than one person would. tests/integration/limits.test.ts sets its own.
 */
export const OPEN_ADDRESS_LIMITS: Partial<ServerLimits> = { boardCreates: 1_000_000, imports: 1_000_000, seats: 1_000_000, wsConnects: 1_000_000 };

/** A real server on port 0 with a real SQLite store in a fresh directory; `storeNow` is the clock that stamps stored updates. */
export async function startServer(limits: Partial<ServerLimits> = {}, dir = tempDir(), storeNow?: () => number): Promise<TestServer> {
  const server = createServer({
    store: openSqliteStore({ dir, ...(storeNow ? { now: storeNow } : {}) }),
    logger: silentLogger,
    limits: { roomIdleMs: 60_000, ...OPEN_ADDRESS_LIMITS, ...limits },
  });
  const { port } = await server.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}`;
  return { server, url, wsUrl: `ws://127.0.0.1:${port}`, dir, close: () => server.close() };
}

/**
 * A board's stored rows (its log, and with "history" what compaction moved there), read from the
 * SQLite file under `dir` by a connection of its own, as they are on disk whatever the server holds.
 */
export function storedBlobs(dir: string, boardId: string, tables: ReadonlyArray<"updates" | "history"> = ["updates"]): Buffer[] {
  const db = new Database(path.join(dir, "cruxboard.sqlite"));
  try {
    return tables.flatMap((table) =>
      db.prepare<[string], { data: Buffer }>(`SELECT data FROM ${table} WHERE board_id = ? ORDER BY seq`).all(boardId).map((r) => r.data),
    );
  } finally {
    db.close();
  }
}

/** The board a server started on `dir` would load: its stored log, applied. */
export const storedBoardDoc = (dir: string, boardId: string): Y.Doc => docFromLog(storedBlobs(dir, boardId));

export async function createBoardVia(url: string, body: object = {}): Promise<CreatedBoard> {
  const res = await fetch(`${url}/api/boards`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedBoard;
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/**
 * Takes a seat on a board (contract v2, "Seats"), as a person joining does: with the participant key
 * unless another is given. Throws with the server's answer when it refuses.
 */
export async function takeSeatVia(url: string, board: CreatedBoard, name: string, options: { key?: string; participant?: string } = {}): Promise<Seat> {
  return takeSeatOverHttp(url, board.id, options.key ?? board.keys.participant, { name, ...(options.participant ? { participant: options.participant } : {}) });
}

/** A stock y-websocket client; BroadcastChannel off so only the server can sync it. With a seat, it writes as that person. */
export function connect(wsUrl: string, id: string, key: string, doc = new Y.Doc(), seat?: string): Client {
  const provider = new WebsocketProvider(`${wsUrl}/sync`, id, doc, {
    params: seat === undefined ? { key } : { key, seat },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export interface CloseRecord {
  code: number;
  reason: string;
  at: number;
}

/** A client that remembers every close of its websocket (its provider reconnects by itself). */
export interface TrackedClient extends Client {
  readonly name: string;
  readonly closes: CloseRecord[];
}

/** Records every close the server gives `client`'s websocket, under `name`. */
export function trackCloses<C extends Client>(client: C, name: string): C & TrackedClient {
  const closes: CloseRecord[] = [];
  client.provider.on("connection-close", (event: CloseEvent | null) => {
    // null: the provider closed the socket itself (destroy, or its silence watchdog).
    if (event) closes.push({ code: event.code, reason: event.reason, at: Date.now() });
  });
  return Object.assign(client, { name, closes });
}

export async function waitForClose(
  client: TrackedClient,
  matches: (close: CloseRecord) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<CloseRecord> {
  await waitFor(() => client.closes.some(matches), `${client.name}: ${what}`, timeoutMs);
  return client.closes.find(matches)!;
}

/** Connected and through the initial sync exchange. */
export const inStep = (c: Client): boolean => c.provider.wsconnected && c.provider.synced;

export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function synced(client: Client): Promise<void> {
  await waitFor(() => client.provider.synced, "initial sync");
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface BoardFixture {
  readonly srv: TestServer;
  readonly board: CreatedBoard;
  /** A stock client on the board, destroyed after the test; with a seat, it writes as that person. */
  connect(key: string, seat?: string): Client;
  /** A seat on the board with the participant key (or `key`). */
  seat(name: string, options?: { key?: string; participant?: string }): Promise<Seat>;
  /** A participant who took a seat, connected with it: what a person joining is. */
  seated(name: string): Promise<Client & { participant: string; seat: string }>;
}

/**
 * Per test: a fresh server with one new board; clients opened through the
 * fixture are destroyed and the server closed afterwards.
 */
export function boardFixture(limits: Partial<ServerLimits> = {}): BoardFixture {
  let srv: TestServer | null = null;
  let board: CreatedBoard | null = null;
  const clients: Client[] = [];
  beforeEach(async () => {
    srv = await startServer(limits);
    board = await createBoardVia(srv.url);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await srv?.close();
  });
  return {
    get srv() {
      return srv!;
    },
    get board() {
      return board!;
    },
    connect(key, seat) {
      const c = connect(srv!.wsUrl, board!.id, key, new Y.Doc(), seat);
      clients.push(c);
      return c;
    },
    seat(name, options) {
      return takeSeatVia(srv!.url, board!, name, options);
    },
    async seated(name) {
      const { participant, seat } = await takeSeatVia(srv!.url, board!, name);
      const c = connect(srv!.wsUrl, board!.id, board!.keys.participant, new Y.Doc(), seat);
      clients.push(c);
      return Object.assign(c, { participant: participant.id, seat });
    },
  };
}
