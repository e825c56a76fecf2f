import path from "node:path";
import { loadEnv } from "../lib/env";
import { createServer, type WebHandler } from "./index";
import { createLogger } from "./log";
import { openBus } from "./bus/open";
import { openStore } from "./storage/open";

/** Process entry: configuration from the environment, the store it names (SQLite by default), Next.js for pages. */
async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const dev = args.has("--dev");
  let env;
  try {
    env = loadEnv({ ...process.env, NODE_ENV: dev ? "development" : (process.env.NODE_ENV ?? "production") });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const logger = createLogger(env.LOG_LEVEL);
  const dataDir = path.resolve(env.DATA_DIR);
  const store = await openStore(env, logger);
  const bus = await openBus(env, logger);

  let web: WebHandler | undefined;
  if (!args.has("--no-web")) {
    const { default: next } = await import("next");
    const app = next({ dev, dir: path.resolve(__dirname, ".."), hostname: env.HOST, port: env.PORT });
    await app.prepare();
    const handle = app.getRequestHandler();
    web = { handle: (req, res) => handle(req, res) };
    if (dev) {
      const upgrade = app.getUpgradeHandler();
      web.upgrade = (req, socket, head) => upgrade(req, socket, head);
    }
  }

  const server = createServer({
    store,
    bus,
    logger,
    web,
    dev,
    publicOrigins: env.PUBLIC_ORIGINS,
    frameAncestors: env.FRAME_ANCESTORS,
    processMetrics: true,
    ...(env.METRICS_TOKEN === undefined ? {} : { metricsToken: env.METRICS_TOKEN }),
    limits: {
      maxMessageBytes: env.MAX_MESSAGE_BYTES,
      maxBoardBytes: env.MAX_BOARD_BYTES,
      maxBodyBytes: env.MAX_BODY_BYTES,
      roomIdleMs: env.ROOM_IDLE_SECONDS * 1000,
      joinCodeTtlMs: env.JOIN_CODE_MINUTES * 60_000,
      joinGuesses: env.JOIN_GUESSES,
      joinGuessWindowMs: env.JOIN_GUESS_WINDOW_SECONDS * 1000,
      trustProxyHops: env.TRUST_PROXY,
      boardCreates: env.BOARD_CREATES,
      boardCreateWindowMs: env.BOARD_CREATE_WINDOW_SECONDS * 1000,
      imports: env.IMPORTS,
      importWindowMs: env.IMPORT_WINDOW_SECONDS * 1000,
      seats: env.SEATS,
      seatWindowMs: env.SEAT_WINDOW_SECONDS * 1000,
      seatsPerBoard: env.SEATS_PER_BOARD,
      wsConnects: env.WS_CONNECTS,
      wsConnectWindowMs: env.WS_CONNECT_WINDOW_SECONDS * 1000,
      wsConnectionsPerAddress: env.WS_CONNECTIONS_PER_ADDRESS,
      messagesPerSecond: env.WS_MESSAGES_PER_SECOND,
      messageBurst: env.WS_MESSAGE_BURST,
      awarenessPerSecond: env.WS_AWARENESS_PER_SECOND,
      awarenessBurst: env.WS_AWARENESS_BURST,
    },
    ...(env.HISTORY_RETENTION_DAYS === undefined ? {} : { historyRetention: { keepMs: env.HISTORY_RETENTION_DAYS * 86_400_000 } }),
  });
  const { url, port } = await server.listen(env.PORT, env.HOST);
  logger.info("listening", { url, port, dev, store: store.name, bus: bus.name, ...(store.name === "sqlite" ? { dataDir, sqliteSync: env.SQLITE_SYNC } : {}) });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    server.close().then(
      () => process.exit(0),
      (err) => {
        logger.error("shutdown failed", { error: String(err) });
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
