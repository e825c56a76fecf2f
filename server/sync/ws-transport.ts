import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Socket } from "node:net";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import type { AddressLimiter, OnLimited } from "../http/address-limits";
import { clientAddress } from "../http/client-address";
import type { Logger } from "../log";
import type { Metrics } from "../metrics";
import type { DocStore } from "../storage/types";
import { guesserOf } from "../http/join-codes";
import { SEAT_PATTERN } from "../../lib/api/seats";
import { ID_PATTERN, hashKey, roleForKey } from "./auth";
import type { SeatAtJoin } from "./connection";
import { MessageRate, type MessageRateLimits } from "./message-rate";
import { BoardGoneError, CLOSE, type SyncSocket } from "./room";
import type { Room } from "./room";
import type { RoomManager } from "./rooms";

export interface WsTransportOptions {
  store: DocStore;
  rooms: RoomManager;
  logger: Logger;
  metrics: Metrics;
  maxMessageBytes: number;
  /** Interval of keep-alive pings; a client that misses one is dropped. */
  pingMs?: number;
  messageRate: MessageRateLimits;
  /** New connections per address per window, shared by every node. */
  addressLimits: AddressLimiter;
  /** Connections one address may hold open on this node. */
  maxConnectionsPerAddress: number;
  /** Proxies in front whose X-Forwarded-For entries are believed (../http/client-address.ts). */
  trustProxyHops: number;
  /** Origins a browser may open a connection from; empty: any. Requests without an Origin (not browsers) are let in. */
  allowedOrigins: readonly string[];
  onLimited: OnLimited;
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  503: "Service Unavailable",
};

/** How long a client refused for holding too many connections is asked to wait. */
const CONNECTIONS_RETRY_SECONDS = 30;

function refuseUpgrade(socket: Duplex, status: number, message: string, extra: { limit?: string; retryAfterSeconds?: number } = {}): void {
  const body = JSON.stringify({ error: message, ...(extra.limit ? { limit: extra.limit } : {}) });
  const retry = extra.retryAfterSeconds !== undefined ? `Retry-After: ${extra.retryAfterSeconds}\r\n` : "";
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\nConnection: close\r\n${retry}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

const toBytes = (data: RawData): Uint8Array => {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
};

/** A close frame's reason may hold at most 123 bytes (RFC 6455 §5.5); a longer one makes ws throw. */
const MAX_CLOSE_REASON_BYTES = 123;

/** The reason cut to what a close frame holds, at a character boundary, with an ellipsis when cut. */
export function fitCloseReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_CLOSE_REASON_BYTES) return reason;
  let cut = "";
  for (const ch of reason) {
    if (Buffer.byteLength(cut + ch + "…") > MAX_CLOSE_REASON_BYTES) break;
    cut += ch;
  }
  return cut + "…";
}

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
  const { store, rooms, logger, metrics, onLimited } = options;
  /** Open connections per address on this node (an IPv6 address by its /64, as the windowed limits count). */
  const openByAddress = new Map<string, number>();
  const allowedOrigins = new Set(options.allowedOrigins);
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
    const origin = req.headers.origin;
    if (allowedOrigins.size > 0 && origin !== undefined && !allowedOrigins.has(origin)) {
      return refuseUpgrade(socket, 403, `connections from ${origin.slice(0, 200)} are not allowed here`);
    }
    const from = clientAddress(req, options.trustProxyHops);
    const address = guesserOf(from);
    /** Refuses the upgrade when the address holds as many connections as it may; true when it did. */
    const refusedAsCrowded = (): boolean => {
      if ((openByAddress.get(address) ?? 0) < options.maxConnectionsPerAddress) return false;
      onLimited("ws-connections");
      refuseUpgrade(socket, 429, `too many open connections from this address (${options.maxConnectionsPerAddress})`, {
        limit: "ws-connections",
        retryAfterSeconds: CONNECTIONS_RETRY_SECONDS,
      });
      return true;
    };
    if (refusedAsCrowded()) return;
    const wait = await options.addressLimits.take("ws-connects", from);
    if (wait !== null) {
      return refuseUpgrade(socket, 429, `too many new connections from this address; try again in ${wait} s`, {
        limit: "ws-connects",
        retryAfterSeconds: wait,
      });
    }
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
    // A seat names who writes; a viewer writes nothing, so theirs is not even looked up.
    const seatParam = url.searchParams.get("seat");
    let seat: SeatAtJoin = null;
    if (seatParam !== null && role !== "viewer") {
      seat = "unknown";
      if (SEAT_PATTERN.test(seatParam)) {
        const found = await orUnavailable(store.findSeat(id, hashKey(seatParam)), "seat lookup failed", "storage unavailable");
        if (!found) return;
        if (found.value) seat = { participant: found.value.participantId, removed: found.value.removedAt !== null };
      }
    }
    let room: Room;
    try {
      room = await rooms.acquire(id);
    } catch (err) {
      // Deleted between the lookup and the load.
      if (err instanceof BoardGoneError) return refuseUpgrade(socket, 404, "unknown board");
      logger.error("room load failed", { room: id, error: String(err) });
      return refuseUpgrade(socket, 503, "board could not be loaded");
    }
    if (socket.destroyed) return;
    // Again after the awaits, with nothing awaited between this and the count going up: the first
    // check lets through every upgrade that arrives while others are still being looked up.
    if (refusedAsCrowded()) return;

    wss.handleUpgrade(req, socket, head, (ws) => {
      openByAddress.set(address, (openByAddress.get(address) ?? 0) + 1);
      const rate = new MessageRate(options.messageRate);
      let limited = false;
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
          ws.close(code, fitCloseReason(reason));
        },
        get bufferedAmount() {
          return raw ? raw.writableLength : ws.bufferedAmount;
        },
      };
      alive.set(ws, true);
      ws.on("pong", () => alive.set(ws, true));
      logger.info("connection open", { room: id, role });
      room.join(adapter, role, hashKey(key), seat);
      ws.on("message", (data, isBinary) => {
        if (limited) return;
        if (!isBinary) {
          metrics.refused("malformed");
          adapter.close(1003, "binary messages only");
          return;
        }
        const bytes = toBytes(data);
        const over = rate.admit(bytes);
        if (over) {
          // What is still in flight from a flooding client is dropped, and the room forgets it at once.
          limited = true;
          onLimited(over);
          void options.addressLimits.flooded(from);
          const limits = options.messageRate;
          adapter.close(
            CLOSE.tooManyMessages,
            over === "ws-messages"
              ? `too many messages from this connection (over ${limits.messagesPerSecond} a second)`
              : `too many presence updates from this connection (over ${limits.awarenessPerSecond} a second)`,
          );
          room.leave(adapter);
          return;
        }
        room.receive(adapter, bytes);
      });
      ws.on("error", (err) => {
        // ws reads no further than the size limit and closes with 1009; the room's own check never sees such a message.
        if ((err as { code?: string }).code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") metrics.refused("too_big");
        closeReason ||= err.message;
      });
      ws.on("close", (code, reason) => {
        const left = (openByAddress.get(address) ?? 1) - 1;
        if (left > 0) openByAddress.set(address, left);
        else openByAddress.delete(address);
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
