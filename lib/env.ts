import { z } from "zod";

const intFrom = (def: number, min: number) => z.coerce.number().int().min(min).default(def);

/** A setting that may be left out; an empty value counts as unset, as container tools often pass one. */
const optionalSetting = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

/**
 * An optional connection URL with one of `schemes`. Errors name the expected schemes, never the
 * value: it may hold a password.
 */
const urlWith = (schemes: readonly string[]) =>
  optionalSetting(
    z.string().refine((value) => schemes.some((s) => value.startsWith(`${s}://`)) && URL.canParse(value), {
      message: `must be a URL starting with ${schemes.map((s) => `${s}://`).join(" or ")}`,
    }),
  );

/**
 * A comma-separated list of origins (`https://host[:port]`, nothing after the port). An empty value
 * counts as an empty list.
 */
const originList = z
  .string()
  .default("")
  .transform((value, ctx) => {
    const origins = value.split(",").map((o) => o.trim()).filter(Boolean);
    for (const origin of origins) {
      const parsed = URL.canParse(origin) ? new URL(origin) : null;
      if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
        ctx.addIssue({ code: "custom", message: `"${origin}" is not an origin such as https://board.example.org (scheme, host, optional port; no path)` });
        return z.NEVER;
      }
    }
    return origins;
  });

/** Server configuration, from environment variables, validated once at start-up. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  /** Largest websocket message accepted, in bytes. */
  MAX_MESSAGE_BYTES: intFrom(1024 * 1024, 1024),
  /** A board stops accepting updates past this stored size, in bytes. */
  MAX_BOARD_BYTES: intFrom(32 * 1024 * 1024, 64 * 1024),
  /** Largest HTTP request body (import files), in bytes. */
  MAX_BODY_BYTES: intFrom(5 * 1024 * 1024, 1024),
  /** Seconds an empty room stays in memory before it is unloaded. */
  ROOM_IDLE_SECONDS: intFrom(30, 0),
  /** SQLite synchronous mode: NORMAL survives a process crash, FULL also survives power loss. */
  SQLITE_SYNC: z.enum(["NORMAL", "FULL"]).default("NORMAL"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Minutes a join code works after the facilitator issues it. */
  JOIN_CODE_MINUTES: intFrom(12 * 60, 1),
  /** Wrong join codes one address may try per window before it must wait. A lecture hall often shares one address. */
  JOIN_GUESSES: intFrom(30, 1),
  JOIN_GUESS_WINDOW_SECONDS: intFrom(300, 1),
  /** Boards one address may create per window (POST /api/boards). A lecture hall often shares one address. */
  BOARD_CREATES: intFrom(60, 1),
  BOARD_CREATE_WINDOW_SECONDS: intFrom(600, 1),
  /** Snapshots one address may import per window (POST /api/boards/import). */
  IMPORTS: intFrom(30, 1),
  IMPORT_WINDOW_SECONDS: intFrom(600, 1),
  /** Seats one address may take per window (one per person joining a board). A lecture hall often shares one address. */
  SEATS: intFrom(600, 1),
  SEAT_WINDOW_SECONDS: intFrom(600, 1),
  /** People (seats, removed ones included) one board may have. */
  SEATS_PER_BOARD: intFrom(1000, 1),
  /** New websocket connections one address may open per window; every tab opens one, and again after each drop. */
  WS_CONNECTS: intFrom(1200, 1),
  WS_CONNECT_WINDOW_SECONDS: intFrom(60, 1),
  /** Websocket connections one address may hold open at once, per node. */
  WS_CONNECTIONS_PER_ADDRESS: intFrom(1000, 1),
  /** Messages one connection may send per second, sustained; past this and the burst it is closed (4429). */
  WS_MESSAGES_PER_SECOND: intFrom(200, 1),
  /** Messages one connection may send at once before the per-second rate applies. */
  WS_MESSAGE_BURST: intFrom(400, 1),
  /** Presence (awareness) messages one connection may send per second; a browser sends at most 20 while dragging. */
  WS_AWARENESS_PER_SECOND: intFrom(60, 1),
  WS_AWARENESS_BURST: intFrom(120, 1),
  /** Origins browsers may open the websocket from, comma-separated; unset: any. Clients that send no Origin (not browsers) are always let in. */
  PUBLIC_ORIGINS: originList,
  /** Origins that may show the pages in a frame, comma-separated; unset: none may. */
  FRAME_ANCESTORS: originList,
  /** Set: /metrics answers only `Authorization: Bearer <token>` (at least 16 characters). Unset: open, for local use. */
  METRICS_TOKEN: optionalSetting(z.string().min(16, "must be at least 16 characters")),
  /** Proxies (balancers) in front of the server whose X-Forwarded-For entries are believed; 0 believes none. */
  TRUST_PROXY: intFrom(0, 0),
  /**
   * Set: each board's history (the replay's log of every accepted update) older than this many days is
   * folded into one state, so the replay starts there. Unset: history is kept whole. Boards and snapshots
   * are never pruned.
   */
  HISTORY_RETENTION_DAYS: optionalSetting(z.coerce.number().int().min(1)),
  /** Set: boards live in this Postgres database, which any number of nodes may share. Unset: SQLite under DATA_DIR. */
  DATABASE_URL: urlWith(["postgres", "postgresql"]),
  /** Set: nodes relay updates and presence to each other through this Redis. Needs DATABASE_URL. */
  REDIS_URL: urlWith(["redis", "rediss"]),
  /** Prefix of every Redis key and stream, so several deployments can share one Redis. */
  REDIS_PREFIX: z.string().min(1).default("cruxboard:"),
  /** Most Postgres connections one node holds. */
  PG_POOL_MAX: intFrom(10, 1),
  /** Postgres cancels any statement of ours that runs longer, lock waits included (ms). */
  PG_STATEMENT_TIMEOUT_MS: intFrom(5000, 100),
}).superRefine((env, ctx) => {
  if (env.REDIS_URL !== undefined && env.DATABASE_URL === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["REDIS_URL"],
      message: "Redis needs Postgres: set DATABASE_URL too (Redis only relays between nodes; boards are stored in Postgres)",
    });
  }
});
export type Env = z.infer<typeof EnvSchema>;

export function loadEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid configuration: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}
