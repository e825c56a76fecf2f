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
import { startHistoryPruning, type HistoryRetention } from "./retention";
import { DEFAULT_ADDRESS_LIMITS, createAddressLimits, type AddressLimits, type OnLimited } from "./http/address-limits";
import { createSecurityHeaders } from "./http/security-headers";
import { DEFAULT_MESSAGE_RATE, type MessageRateLimits } from "./sync/message-rate";

export interface ServerLimits extends RoomLimits, JoinCodeLimits, AddressLimits, MessageRateLimits {
  maxBodyBytes: number;
  /** People one board may seat, removed ones included. */
  seatsPerBoard: number;
  /** Proxies in front whose X-Forwarded-For is believed for per-address limits; 0 uses the socket's address. */
  trustProxyHops: number;
  roomIdleMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  ...DEFAULT_ROOM_LIMITS,
  ...DEFAULT_ADDRESS_LIMITS,
  ...DEFAULT_MESSAGE_RATE,
  maxBodyBytes: 5 * 1024 * 1024,
  seatsPerBoard: 1000,
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
  /** Set: history older than this is pruned at start and periodically. Absent: history is kept whole. */
  historyRetention?: HistoryRetention;
  /** Called every time an abuse limit refuses something, with the limit's name (for metrics). */
  onLimited?: OnLimited;
  /** Origins browsers may open websockets from (e.g. "https://board.example.org"); empty or absent: any. */
  publicOrigins?: readonly string[];
  /** Origins that may show the pages in a frame; empty or absent: none. */
  frameAncestors?: readonly string[];
  /** Next.js runs in development mode: its pages need 'unsafe-eval'. */
  dev?: boolean;
  /** Export the process's own metrics (memory, CPU, event-loop lag) on /metrics: for the one server of a process. */
  processMetrics?: boolean;
  /** Set: /metrics answers only `Authorization: Bearer <token>`. Absent: anyone who reaches it may read it. */
  metricsToken?: string;
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
  const metrics = createMetrics({ processMetrics: options.processMetrics });
  const { store } = options;
  const bus = options.bus ?? createLocalBus();
  const rooms = new RoomManager({ store, bus, limits, logger, metrics, idleMs: limits.roomIdleMs });
  const onLimited: OnLimited = (limit) => {
    metrics.limited(limit);
    options.onLimited?.(limit);
  };
  const limiter = (name: string, points: number, duration: number) => bus.limiter(name, points, duration);
  const addressLimits = createAddressLimits({ limits, limiter, onLimited, logger });
  const security = createSecurityHeaders({ frameAncestors: options.frameAncestors ?? [], dev: options.dev ?? false });
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
    limiter,
    trustProxyHops: limits.trustProxyHops,
    now: options.now ?? Date.now,
    addressLimits,
    onLimited,
    seatsPerBoard: limits.seatsPerBoard,
    metricsToken: options.metricsToken,
  });
  const sync = createWsTransport({
    store,
    rooms,
    logger,
    metrics,
    maxMessageBytes: limits.maxMessageBytes,
    messageRate: limits,
    addressLimits,
    maxConnectionsPerAddress: limits.wsConnectionsPerAddress,
    trustProxyHops: limits.trustProxyHops,
    allowedOrigins: options.publicOrigins ?? [],
    onLimited,
  });
  const pruning = options.historyRetention ? startHistoryPruning(store, options.historyRetention, logger, options.now) : null;

  const httpServer = http.createServer((req, res) => {
    void (async () => {
      security.forApi(res);
      if (await api(req, res)) return;
      if (options.web) {
        security.forPage(req, res);
        return options.web.handle(req, res);
      }
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
        await pruning?.stop();
        await bus.close();
        await store.close();
      })();
      return closing;
    },
  };
}
