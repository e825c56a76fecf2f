import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Socket } from "node:net";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import type { Logger } from "../log";
import type { DocStore } from "../storage/types";
import { ID_PATTERN, roleForKey } from "./auth";
import { CLOSE, type SyncSocket } from "./room";
import type { RoomManager } from "./rooms";

export interface WsTransportOptions {
  store: DocStore;
  rooms: RoomManager;
  logger: Logger;
  maxMessageBytes: number;
  /** Interval of keep-alive pings; a client that misses one is dropped. */
  pingMs?: number;
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 503: "Service Unavailable" };

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

const toBytes = (data: RawData): Uint8Array => {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
};

/** An unmasked, final, binary websocket frame (RFC 6455 §5.2) holding `data`. */
export function binaryFrame(data: Uint8Array): Buffer {
  const n = data.byteLength;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x82;
  if (n < 126) {
    frame[1] = n;
  } else if (n < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    frame.writeUInt32BE(n >>> 0, 6);
  }
  frame.set(data, head);
  return frame;
}

/**
 * Rooms hand the same message object to every receiver; it is framed once
 * and the frame's bytes are written to each socket as they are.
 */
const frames = new WeakMap<Uint8Array, Buffer>();
function frameFor(data: Uint8Array): Buffer {
  let frame = frames.get(data);
  if (!frame) {
    frame = binaryFrame(data);
    frames.set(data, frame);
  }
  return frame;
}

/** Handles `/sync/<id>?key=…` upgrades: checks the key before any websocket exists, then hands the socket to its room. */
export function createWsTransport(options: WsTransportOptions) {
  const { store, rooms, logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();
  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.pingMs ?? 15_000);
  pinger.unref();

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on("error", () => socket.destroy());
    const url = new URL(req.url ?? "/", "http://localhost");
    const id = url.pathname.slice("/sync/".length);
    const key = url.searchParams.get("key");
    if (!ID_PATTERN.test(id)) return refuseUpgrade(socket, 404, "unknown board");
    /** What the upgrade waits for; when it fails, the upgrade is refused with 503 and the failure logged. */
    const orUnavailable = async <T>(pending: Promise<T>, failure: string, reason: string): Promise<{ value: T } | null> => {
      try {
        return { value: await pending };
      } catch (err) {
        logger.error(failure, { room: id, error: String(err) });
        refuseUpgrade(socket, 503, reason);
        return null;
      }
    };
    const lookup = await orUnavailable(store.getBoard(id), "board lookup failed", "storage unavailable");
    if (!lookup) return;
    const board = lookup.value;
    if (!board) return refuseUpgrade(socket, 404, "unknown board");
    if (!key) return refuseUpgrade(socket, 401, "missing key");
    const role = roleForKey(board, key);
    if (!role) return refuseUpgrade(socket, 403, "wrong key for this board");
    const loaded = await orUnavailable(rooms.acquire(id), "room load failed", "board could not be loaded");
    if (!loaded) return;
    const room = loaded.value;
    if (socket.destroyed) return;

    wss.handleUpgrade(req, socket, head, (ws) => {
      const opened = Date.now();
      let closeReason = "";
      // ws keeps its socket private; with compression off a frame written straight to it is exactly what ws.send would write.
      const raw = (ws as unknown as { _socket?: Socket })._socket;
      const adapter: SyncSocket = {
        send: (data) => {
          if (ws.readyState !== WebSocket.OPEN) return;
          if (raw && !raw.destroyed) raw.write(frameFor(data));
          else ws.send(data);
        },
        close: (code, reason) => {
          closeReason = reason;
          ws.close(code, reason);
        },
        get bufferedAmount() {
          return raw ? raw.writableLength : ws.bufferedAmount;
        },
      };
      alive.set(ws, true);
      ws.on("pong", () => alive.set(ws, true));
      logger.info("connection open", { room: id, role });
      room.join(adapter, role);
      ws.on("message", (data, isBinary) => {
        if (!isBinary) {
          adapter.close(1003, "binary messages only");
          return;
        }
        room.receive(adapter, toBytes(data));
      });
      ws.on("error", (err) => {
        closeReason ||= err.message;
      });
      ws.on("close", (code, reason) => {
        room.leave(adapter);
        logger.info("connection close", {
          room: id,
          role,
          code,
          reason: closeReason || reason.toString() || (code === CLOSE.tooBig ? "message too large" : "closed by client"),
          seconds: Math.round((Date.now() - opened) / 100) / 10,
        });
      });
    });
  }

  return {
    handleUpgrade,
    close() {
      clearInterval(pinger);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
