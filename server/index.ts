import http from "node:http";
import type { Duplex } from "node:stream";
import { createLocalBus } from "./bus/local";
import type { Bus } from "./bus/types";
import { createApi } from "./http/api";
import { createHealthCheck } from "./http/health";
import { createLogger, type Logger } from "./log";
import { createMetrics, type Metrics } from "./metrics";
import { DEFAULT_ROOM_LIMITS, type RoomLimits } from "./sync/room";
import { RoomManager } from "./sync/rooms";
import { createWsTransport } from "./sync/ws-transport";
import type { DocStore } from "./storage/types";
import type { JoinCodeLimits } from "./http/join-codes";

export interface ServerLimits extends RoomLimits, JoinCodeLimits {
  maxBodyBytes: number;
  /** Proxies in front whose X-Forwarded-For is believed for per-address limits; 0 uses the socket's address. */
  trustProxyHops: number;
  roomIdleMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  ...DEFAULT_ROOM_LIMITS,
  maxBodyBytes: 5 * 1024 * 1024,
  trustProxyHops: 0,
  roomIdleMs: 30_000,
  joinCodeTtlMs: 12 * 3_600_000,
  joinGuesses: 30,
  joinGuessWindowMs: 300_000,
};

/** How the server hands pages to Next.js; absent in tests and benchmarks that need only the API and sync. */
export interface WebHandler {
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> | void;
  /** Upgrades that are not ours (Next's dev HMR socket). */
  upgrade?(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> | void;
}

export interface ServerOptions {
  store: DocStore;
  /** Between nodes (Redis); one node's in-process bus when absent. */
  bus?: Bus;
  limits?: Partial<ServerLimits>;
  logger?: Logger;
  web?: WebHandler;
  /** The clock join codes expire by (epoch ms); tests move it instead of waiting. */
  now?: () => number;
}

export interface CruxServer {
  readonly httpServer: http.Server;
  readonly metrics: Metrics;
  readonly rooms: RoomManager;
  listen(port: number, host?: string): Promise<{ port: number; url: string }>;
  /** Stops accepting, flushes every room and closes the store. */
  close(): Promise<void>;
}

/** The composition root: one HTTP server for the API, the sync endpoint and (optionally) the web app. */
export function createServer(options: ServerOptions): CruxServer {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const logger = options.logger ?? createLogger("info");
  const metrics = createMetrics();
  const { store } = options;
  const bus = options.bus ?? createLocalBus();
  const rooms = new RoomManager({ store, bus, limits, logger, metrics, idleMs: limits.roomIdleMs });
  const api = createApi({
    store,
    rooms,
    logger,
    metrics,
    maxBodyBytes: limits.maxBodyBytes,
    startedAt: Date.now(),
    health: createHealthCheck(store, bus),
    busName: bus.name,
    joinCodes: limits,
    limiter: (name, points, duration) => bus.limiter(name, points, duration),
    trustProxyHops: limits.trustProxyHops,
    now: options.now ?? Date.now,
  });
  const sync = createWsTransport({ store, rooms, logger, maxMessageBytes: limits.maxMessageBytes });

  const httpServer = http.createServer((req, res) => {
    void (async () => {
      if (await api(req, res)) return;
      if (options.web) return options.web.handle(req, res);
      res.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ error: "not found" }));
    })().catch((err) => {
      logger.error("request failed", { error: String(err) });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  httpServer.on("upgrade", (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    if (path.startsWith("/sync/")) {
      sync.handleUpgrade(req, socket, head).catch((err) => {
        logger.error("upgrade failed", { error: String(err) });
        socket.destroy();
      });
    } else if (options.web?.upgrade) {
      void options.web.upgrade(req, socket, head);
    } else {
      socket.destroy();
    }
  });

  let closing: Promise<void> | null = null;
  return {
    httpServer,
    metrics,
    rooms,
    listen(port, host = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          const addr = httpServer.address();
          const actual = typeof addr === "object" && addr ? addr.port : port;
          const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host;
          resolve({ port: actual, url: `http://${shown}:${actual}` });
        });
      });
    },
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await rooms.closeAll();
        sync.close();
        httpServer.closeAllConnections();
        await stopped;
        await bus.close();
        await store.close();
      })();
      return closing;
    },
  };
}
