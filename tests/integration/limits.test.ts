import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import type { LimitName } from "../../server/http/address-limits";
import { createServer, type ServerLimits, type ServerOptions, type WebHandler } from "../../server/index";
import { silentLogger } from "../../server/log";
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS } from "../../server/sync/protocol";
import { openSqliteStore } from "../../server/storage/sqlite";
import { connect, createBoardVia, synced, tempDir, waitFor, type Client } from "./harness";
import { seatedClient } from "./seats-helpers";

type Extra = Omit<ServerOptions, "store" | "limits" | "logger">;

const servers: Array<{ close(): Promise<void> }> = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.close();
});

/** A real server on port 0 with small limits; `limited` lists what its limits refused, in order. */
async function start(limits: Partial<ServerLimits> = {}, extra: Extra = {}) {
  const limited: LimitName[] = [];
  const server = createServer({
    store: openSqliteStore({ dir: tempDir() }),
    logger: silentLogger,
    limits: { roomIdleMs: 60_000, ...limits },
    onLimited: (limit) => limited.push(limit),
    ...extra,
  });
  servers.push(server);
  const { port } = await server.listen(0, "127.0.0.1");
  return { server, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}`, limited };
}

const post = (url: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

async function expect429(res: Response, limit: LimitName, maxWait: number) {
  expect(res.status).toBe(429);
  const wait = Number(res.headers.get("retry-after"));
  expect(Number.isInteger(wait)).toBe(true);
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(maxWait);
  const body = (await res.json()) as { error: string; limit?: string };
  expect(body.limit).toBe(limit);
  expect(body.error).toMatch(/too many/);
}

/** Opens a raw websocket; resolves with the open socket or with the HTTP answer that refused the upgrade. */
function upgrade(wsUrl: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ ws: WebSocket } | { status: number; retryAfter: string | undefined; body: string }>((resolve, reject) => {
    const ws = new WebSocket(`${wsUrl}${path}`, { headers });
    ws.once("open", () => resolve({ ws }));
    ws.once("unexpected-response", (_req, res: http.IncomingMessage) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, retryAfter: res.headers["retry-after"] as string | undefined, body }));
    });
    ws.once("error", (err) => reject(err));
  });
}

const closedWith = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));

const queryAwareness = () => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS);
  return encoding.toUint8Array(e);
};

describe("per-address HTTP limits", () => {
  it("refuse board creation past the limit with 429, Retry-After and the limit's name", async () => {
    const { url, limited } = await start({ boardCreates: 2, boardCreateWindowMs: 60_000 });
    for (let i = 0; i < 2; i++) expect((await post(url, "/api/boards", {})).status).toBe(201);
    await expect429(await post(url, "/api/boards", {}), "board-creation", 60);
    expect(limited).toEqual(["board-creation"]);
  });

  it("refuse imports past the limit, counted apart from creation", async () => {
    const { url, limited } = await start({ imports: 1, importWindowMs: 30_000, boardCreates: 1 });
    const board = await createBoardVia(url);
    const snapshot = await (await fetch(`${url}/api/boards/${board.id}/export?key=${board.keys.viewer}`)).json();
    expect((await post(url, "/api/boards/import", snapshot)).status).toBe(201);
    await expect429(await post(url, "/api/boards/import", snapshot), "import", 30);
    expect(limited).toEqual(["import"]);
  });

  it("name the join-guess limit in its 429", async () => {
    const { url, limited } = await start({ joinGuesses: 1, joinGuessWindowMs: 60_000 });
    expect((await fetch(`${url}/api/join/XXXXXX`)).status).toBe(404);
    await expect429(await fetch(`${url}/api/join/XXXXXX`), "join-guesses", 60);
    expect(limited).toEqual(["join-guesses"]);
  });

  it("ignore X-Forwarded-For with TRUST_PROXY 0: a client cannot pose as many addresses", async () => {
    const { url } = await start({ boardCreates: 1, trustProxyHops: 0 });
    expect((await post(url, "/api/boards", {}, { "x-forwarded-for": "198.51.100.1" })).status).toBe(201);
    await expect429(await post(url, "/api/boards", {}, { "x-forwarded-for": "198.51.100.2" }), "board-creation", 600);
  });

  it("count by the proxy's X-Forwarded-For entry with TRUST_PROXY 1", async () => {
    const { url } = await start({ boardCreates: 1, trustProxyHops: 1 });
    expect((await post(url, "/api/boards", {}, { "x-forwarded-for": "198.51.100.1" })).status).toBe(201);
    expect((await post(url, "/api/boards", {}, { "x-forwarded-for": "198.51.100.2" })).status).toBe(201);
    // Only the entry our proxy appended counts: what the client put before it changes nothing.
    await expect429(await post(url, "/api/boards", {}, { "x-forwarded-for": "203.0.113.9, 198.51.100.1" }), "board-creation", 600);
  });

  it("count an X-Forwarded-For entry that carries the client's port by its address alone", async () => {
    // Some balancers append "address:port"; a client that changes its source port is still one address.
    const { url } = await start({ boardCreates: 1, trustProxyHops: 1 });
    expect((await post(url, "/api/boards", {}, { "x-forwarded-for": "198.51.100.1:40001" })).status).toBe(201);
    await expect429(await post(url, "/api/boards", {}, { "x-forwarded-for": "198.51.100.1:40002" }), "board-creation", 600);
    expect((await post(url, "/api/boards", {}, { "x-forwarded-for": "[2001:db8:1:2::5]:40003" })).status).toBe(201);
    await expect429(await post(url, "/api/boards", {}, { "x-forwarded-for": "[2001:db8:1:2::6]:40004" }), "board-creation", 600);
  });
});

describe("websocket limits", () => {
  it("refuse new upgrades from one address past the window's limit with 429 and Retry-After", async () => {
    const { url, wsUrl, limited } = await start({ wsConnects: 2, wsConnectWindowMs: 60_000 });
    const board = await createBoardVia(url);
    const path = `/sync/${board.id}?key=${board.keys.viewer}`;
    for (let i = 0; i < 2; i++) {
      const opened = await upgrade(wsUrl, path);
      if (!("ws" in opened)) throw new Error(`refused: ${opened.status}`);
      opened.ws.close();
    }
    const refused = await upgrade(wsUrl, path);
    if ("ws" in refused) throw new Error("the third upgrade was let through");
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(JSON.parse(refused.body)).toMatchObject({ limit: "ws-connects" });
    expect(limited).toEqual(["ws-connects"]);
  });

  it("refuse more open connections from one address than allowed, and let one in once another closes", async () => {
    const { url, wsUrl, limited } = await start({ wsConnectionsPerAddress: 2 });
    const board = await createBoardVia(url);
    const path = `/sync/${board.id}?key=${board.keys.viewer}`;
    const first = await upgrade(wsUrl, path);
    const second = await upgrade(wsUrl, path);
    if (!("ws" in first) || !("ws" in second)) throw new Error("the first two upgrades were refused");
    const third = await upgrade(wsUrl, path);
    if ("ws" in third) throw new Error("a third open connection was let through");
    expect(third.status).toBe(429);
    expect(Number(third.retryAfter)).toBeGreaterThan(0);
    expect(JSON.parse(third.body)).toMatchObject({ limit: "ws-connections" });
    const closed = closedWith(first.ws);
    first.ws.close();
    await closed;
    const fourth = await upgrade(wsUrl, path);
    if (!("ws" in fourth)) throw new Error(`refused after a connection closed: ${fourth.status}`);
    fourth.ws.close();
    second.ws.close();
    expect(limited).toEqual(["ws-connections"]);
  });

  it("close a flooding connection with 4429 and leave an honest client on the same board untouched", async () => {
    const { server, url, wsUrl, limited } = await start({ messagesPerSecond: 20, messageBurst: 20 });
    const board = await createBoardVia(url);
    const honest = await seatedClient(url, wsUrl, board, "Honest");
    const watcher = connect(wsUrl, board.id, board.keys.viewer);
    clients.push(honest, watcher);
    await Promise.all([synced(honest), synced(watcher)]);
    let honestClosed = false;
    honest.provider.on("connection-close", () => (honestClosed = true));

    const opened = await upgrade(wsUrl, `/sync/${board.id}?key=${board.keys.participant}`);
    if (!("ws" in opened)) throw new Error(`flooder refused: ${opened.status}`);
    const closed = closedWith(opened.ws);
    for (let i = 0; i < 200; i++) opened.ws.send(queryAwareness());
    const { code, reason } = await closed;
    expect(code).toBe(4429);
    expect(reason).toMatch(/too many messages/);
    expect(limited).toEqual(["ws-messages"]);

    placeItem(honest.doc, { item: "rlhf", participant: honest.participant, col: 2.5, row: 0.5 }, readBoard(honest.doc).meta.grid);
    await waitFor(() => readBoard(watcher.doc).placements.length === 1, "the honest client's placement reaching another client");
    expect(honestClosed).toBe(false);
    expect(honest.provider.wsconnected).toBe(true);
    const stored = await server.rooms.withSettledRoom(board.id, (room) => readBoard(room.doc).placements);
    expect(stored).toHaveLength(1);
  });

  it("do not give a flooder a fresh allowance each time it reconnects: each flood counts against its new connections", async () => {
    const wsConnects = 20;
    const { url, wsUrl } = await start({ wsConnects, messagesPerSecond: 20, messageBurst: 20 });
    const board = await createBoardVia(url);
    const path = `/sync/${board.id}?key=${board.keys.viewer}`;
    let floods = 0;
    for (;;) {
      const opened = await upgrade(wsUrl, path);
      if (!("ws" in opened)) {
        expect(opened.status).toBe(429);
        expect(JSON.parse(opened.body)).toMatchObject({ limit: "ws-connects" });
        break;
      }
      const closed = closedWith(opened.ws);
      for (let i = 0; i < 100; i++) opened.ws.send(queryAwareness());
      expect((await closed).code).toBe(4429);
      floods++;
      if (floods > wsConnects) throw new Error("the flooder reconnected more often than the connection limit allows");
    }
    // Each flood costs its own connection and a tenth of the limit (2): the seventh is the last let in.
    expect(floods).toBe(7);
  });

  it("close a connection that floods presence with 4429, while presence at a human rate passes", async () => {
    const { url, wsUrl, limited } = await start({ awarenessPerSecond: 5, awarenessBurst: 5 });
    const board = await createBoardVia(url);
    const honest = await seatedClient(url, wsUrl, board, "Ada");
    clients.push(honest);
    await synced(honest);
    honest.provider.awareness.setLocalState({ user: { name: "Ada" } });

    const opened = await upgrade(wsUrl, `/sync/${board.id}?key=${board.keys.viewer}`);
    if (!("ws" in opened)) throw new Error(`flooder refused: ${opened.status}`);
    const closed = closedWith(opened.ws);
    const flooder = new awarenessProtocol.Awareness(new Y.Doc());
    for (let i = 0; i < 50; i++) {
      flooder.setLocalState({ user: { name: `bot ${i}` } });
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(flooder, [flooder.clientID]));
      opened.ws.send(encoding.toUint8Array(e));
    }
    const { code, reason } = await closed;
    expect(code).toBe(4429);
    expect(reason).toMatch(/presence/);
    expect(limited).toEqual(["ws-awareness"]);
    expect(honest.provider.wsconnected).toBe(true);
  });
});

describe("the presence limit", () => {
  it("counts presence written with a longer encoding of its message type, which the server reads as presence all the same", async () => {
    const { url, wsUrl, limited } = await start({ awarenessPerSecond: 5, awarenessBurst: 5 });
    const board = await createBoardVia(url);
    const watcher = connect(wsUrl, board.id, board.keys.participant);
    clients.push(watcher);
    await synced(watcher);
    const opened = await upgrade(wsUrl, `/sync/${board.id}?key=${board.keys.viewer}`);
    if (!("ws" in opened)) throw new Error(`flooder refused: ${opened.status}`);
    const closed = closedWith(opened.ws);
    const flooder = new awarenessProtocol.Awareness(new Y.Doc());
    for (let i = 0; i < 50; i++) {
      flooder.setLocalState({ user: { name: `bot ${i}` } });
      const e = encoding.createEncoder();
      // 1 as a longer varint (0x81, then 0x80s, then 0x00): lib0 reads it as 1, the presence message type.
      encoding.writeUint8(e, 0x80 | MESSAGE_AWARENESS);
      for (let pad = 0; pad < i % 12; pad++) encoding.writeUint8(e, 0x80);
      encoding.writeUint8(e, 0);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(flooder, [flooder.clientID]));
      opened.ws.send(encoding.toUint8Array(e));
    }
    const { code, reason } = await closed;
    expect(code).toBe(4429);
    expect(reason).toMatch(/presence/);
    expect(limited).toEqual(["ws-awareness"]);
  });
});

describe("websocket origins", () => {
  it("refuse a browser's upgrade from another origin with 403, and let the public origin and non-browsers in", async () => {
    const { url, wsUrl } = await start({}, { publicOrigins: ["https://board.example.org"] });
    const board = await createBoardVia(url);
    const path = `/sync/${board.id}?key=${board.keys.viewer}`;
    const foreign = await upgrade(wsUrl, path, { origin: "https://elsewhere.example" });
    if ("ws" in foreign) throw new Error("an upgrade from another origin was let through");
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error).toMatch(/https:\/\/elsewhere\.example.*not allowed/);
    for (const headers of [{ origin: "https://board.example.org" }, {}] as Array<Record<string, string>>) {
      const opened = await upgrade(wsUrl, path, headers);
      if (!("ws" in opened)) throw new Error(`refused: ${opened.status} ${opened.body}`);
      opened.ws.close();
    }
  });

  it("let any origin in when no public origin is configured", async () => {
    const { url, wsUrl } = await start();
    const board = await createBoardVia(url);
    const opened = await upgrade(wsUrl, `/sync/${board.id}?key=${board.keys.viewer}`, { origin: "https://elsewhere.example" });
    if (!("ws" in opened)) throw new Error(`refused: ${opened.status}`);
    opened.ws.close();
  });
});

describe("security headers", () => {
  /** Stands in for Next.js: answers every page with the CSP header the request carried. */
  const echoWeb: WebHandler = {
    handle(req, res) {
      res.writeHead(200, { "content-type": "text/plain" }).end(String(req.headers["content-security-policy"] ?? ""));
    },
  };

  it("give API answers a policy that runs and frames nothing, and the common headers", async () => {
    const { url } = await start();
    for (const res of [await fetch(`${url}/healthz`), await fetch(`${url}/api/boards/nope`), await post(url, "/api/boards", {})]) {
      expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(res.headers.get("permissions-policy")).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
      expect(res.headers.get("permissions-policy")).not.toMatch(/clipboard/);
    }
  });

  it("give every page a fresh nonce, in the response's policy and in the request Next.js reads", async () => {
    const { url } = await start({}, { web: echoWeb });
    const nonces: string[] = [];
    for (const path of ["/", "/b/abc?key=secret", "/"]) {
      const res = await fetch(`${url}${path}`, { headers: { "content-security-policy": "script-src 'nonce-forged'" } });
      const policy = res.headers.get("content-security-policy")!;
      expect(await res.text()).toBe(policy);
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]{22,})'(;|$)/.exec(policy)?.[1];
      expect(nonce).toBeDefined();
      nonces.push(nonce!);
      expect(policy).not.toMatch(/unsafe-eval/);
      expect(policy).toMatch(/default-src 'self'/);
      expect(policy).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
      expect(policy).toMatch(/object-src 'none'/);
      expect(policy).toMatch(/base-uri 'none'/);
      expect(policy).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    }
    expect(new Set(nonces).size).toBe(3);
  });

  it("let the configured origins frame the pages, without X-Frame-Options, and allow eval only in development", async () => {
    const { url } = await start({}, { web: echoWeb, frameAncestors: ["https://lms.example.edu"], dev: true });
    const res = await fetch(`${url}/`);
    const policy = res.headers.get("content-security-policy")!;
    expect(policy).toMatch(/frame-ancestors https:\/\/lms\.example\.edu(;|$)/);
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'unsafe-eval'/);
    expect(res.headers.get("x-frame-options")).toBeNull();
    expect((await fetch(`${url}/healthz`)).headers.get("content-security-policy")).toMatch(/frame-ancestors https:\/\/lms\.example\.edu/);
  });
});
