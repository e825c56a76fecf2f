import http from "node:http";
import net from "node:net";
import { setupWSConnection } from "@y/websocket-server/utils";
import { describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import * as syncProtocol from "y-protocols/sync";
import { HEARTBEAT, MESSAGE_HEARTBEAT, keepAlive } from "../../lib/board/heartbeat";
import { MESSAGE_SYNC, encodeSyncStep1 } from "../../server/sync/protocol";
import { boardFixture, waitFor } from "./harness";

const fx = boardFixture();

/** A raw socket on the board that records every message the server sends it. */
async function rawClient(url: string) {
  const ws = new WebSocket(url);
  const received: Uint8Array[] = [];
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  ws.on("message", (data: Buffer) => received.push(new Uint8Array(data)));
  await new Promise((resolve) => ws.once("open", resolve));
  return { ws, received, closed, heartbeats: () => received.filter((m) => m.length === 1 && m[0] === MESSAGE_HEARTBEAT).length };
}

/**
 * Asks the server for the document (sync step 1 with an empty state vector) and waits for its answer,
 * sync step 2. The server answers in order on each socket, so everything it sent this socket before,
 * heartbeats included, has arrived by then.
 */
async function roundTrip(client: Awaited<ReturnType<typeof rawClient>>) {
  const from = client.received.length;
  client.ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
  const isStep2 = (m: Uint8Array) => m[0] === MESSAGE_SYNC && m[1] === syncProtocol.messageYjsSyncStep2;
  await waitFor(() => client.received.slice(from).some(isStep2), "the server's answer to a sync request");
}

/**
 * A TCP proxy in front of a server whose cut() stops carrying bytes either way
 * while keeping both sockets open, as a network that drops without saying so;
 * what was sent meanwhile arrives once it is back, as TCP's retransmissions would bring it.
 */
async function silentableProxy(target: number) {
  let cut = false;
  const held: Array<() => void> = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target, "127.0.0.1");
    const carry = (from: net.Socket, to: net.Socket) =>
      from.on("data", (chunk) => {
        if (cut) held.push(() => to.write(chunk));
        else to.write(chunk);
      });
    carry(client, upstream);
    carry(upstream, client);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(s);
      });
      s.on("error", () => s.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut(value: boolean) {
      cut = value;
      if (!value) for (const send of held.splice(0)) send();
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

describe("heartbeat", () => {
  it("is answered to the connection that asked, never relayed to the others", async () => {
    const url = `${fx.srv.wsUrl}/sync/${fx.board.id}?key=${fx.board.keys.participant}`;
    const ana = await rawClient(url);
    const ben = await rawClient(url);
    // Never asks: any heartbeat it gets was someone else's.
    const cy = await rawClient(url);
    try {
      ana.ws.send(HEARTBEAT);
      await waitFor(() => ana.heartbeats() >= 1, "the answer to ana");
      ben.ws.send(HEARTBEAT);
      await waitFor(() => ben.heartbeats() >= 1, "the answer to ben");
      ana.ws.send(HEARTBEAT);
      await waitFor(() => ana.heartbeats() >= 2, "the second answer to ana");
      ben.ws.send(HEARTBEAT);
      await waitFor(() => ben.heartbeats() >= 2, "the second answer to ben");
      // Whatever the server sent any of them before answering a later question of each is in by now.
      await Promise.all([ana, ben, cy].map(roundTrip));
      expect(ana.heartbeats()).toBe(2);
      expect(ben.heartbeats()).toBe(2);
      expect(cy.heartbeats()).toBe(0);
      for (const client of [ana, ben, cy]) expect(client.ws.readyState).toBe(WebSocket.OPEN);
    } finally {
      for (const client of [ana, ben, cy]) client.ws.close();
    }
  });

  it("with a body, or any other unknown message type, still closes that connection as malformed", async () => {
    const url = `${fx.srv.wsUrl}/sync/${fx.board.id}?key=${fx.board.keys.viewer}`;
    const long = await rawClient(url);
    long.ws.send(Uint8Array.of(MESSAGE_HEARTBEAT, 1, 2));
    expect(await long.closed).toBe(1007);
    const unknown = await rawClient(url);
    unknown.ws.send(Uint8Array.of(99));
    expect(await unknown.closed).toBe(1007);
  });

  it("lets a client notice a silent network within seconds and come back when it returns", async () => {
    const proxy = await silentableProxy(Number(new URL(fx.srv.url).port));
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${proxy.port}/sync`, fx.board.id, doc, {
      params: { key: fx.board.keys.participant },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 500,
    });
    const heartbeat = keepAlive(provider);
    const closes: number[] = [];
    provider.on("connection-close", () => closes.push(Date.now()));
    try {
      await waitFor(() => provider.synced, "first sync");
      proxy.cut(true);
      const cutAt = Date.now();
      await waitFor(() => closes.length > 0, "the silent connection dropped", 5000);
      expect(closes[0]! - cutAt).toBeLessThan(5000);
      expect(provider.wsconnected).toBe(false);
      proxy.cut(false);
      await waitFor(() => provider.synced && provider.wsconnected, "back in sync", 15_000);
    } finally {
      heartbeat.stop();
      provider.destroy();
      doc.destroy();
      await proxy.close();
    }
  });

  it("leaves a connection to the stock y-websocket server, which never answers, to y-websocket's own rule", async () => {
    const asked: number[] = [];
    const httpServer = http.createServer();
    const wss = new WebSocketServer({ server: httpServer });
    let connections = 0;
    wss.on("connection", (conn, req) => {
      connections++;
      // The stock server sets binaryType "arraybuffer" on its sockets.
      conn.on("message", (data: ArrayBuffer) => {
        const bytes = new Uint8Array(data);
        if (bytes.length === 1 && bytes[0] === MESSAGE_HEARTBEAT) asked.push(Date.now());
      });
      setupWSConnection(conn, req);
    });
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${(httpServer.address() as net.AddressInfo).port}`, "stock-room", doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    // Fast enough that the wait for an answer runs out several times during the test.
    const heartbeat = keepAlive(provider, { quietMs: 100, replyMs: 100, connectMs: 10_000, tickMs: 20 });
    try {
      await waitFor(() => provider.synced, "sync with the stock server");
      // Awareness renewals make the stock server speak now and then; each time the client asks again.
      provider.awareness.setLocalStateField("user", { name: "Stock" });
      await waitFor(() => asked.length >= 1 && Date.now() - asked[0]! > 1000, "a second of unanswered questions", 5000);
      expect(provider.wsconnected).toBe(true);
      expect(connections).toBe(1);
    } finally {
      heartbeat.stop();
      provider.destroy();
      doc.destroy();
      for (const c of wss.clients) c.terminate();
      wss.close();
      await new Promise((resolve) => httpServer.close(resolve));
    }
  });
});
