import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { CreatedBoard } from "../../lib/api/schemas";
import { createServer, type CruxServer, type ServerLimits } from "../../server/index";
import { silentLogger } from "../../server/log";
import { openSqliteStore } from "../../server/storage/sqlite";

export const tempDir = (prefix = "cruxboard-test-") => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

export interface TestServer {
  server: CruxServer;
  url: string;
  wsUrl: string;
  dir: string;
  close(): Promise<void>;
}

/** A real server on port 0 with a real SQLite store in a fresh directory. */
export async function startServer(limits: Partial<ServerLimits> = {}, dir = tempDir()): Promise<TestServer> {
  const server = createServer({ store: openSqliteStore({ dir }), logger: silentLogger, limits: { roomIdleMs: 60_000, ...limits } });
  const { port } = await server.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}`;
  return { server, url, wsUrl: `ws://127.0.0.1:${port}`, dir, close: () => server.close() };
}

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

/** A stock y-websocket client; BroadcastChannel off so only the server can sync it. */
export function connect(wsUrl: string, id: string, key: string, doc = new Y.Doc()): Client {
  const provider = new WebsocketProvider(`${wsUrl}/sync`, id, doc, {
    params: { key },
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
  /** A stock client on the board, destroyed after the test. */
  connect(key: string): Client;
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
    connect(key) {
      const c = connect(srv!.wsUrl, board!.id, key);
      clients.push(c);
      return c;
    },
  };
}
