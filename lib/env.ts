import { z } from "zod";

const intFrom = (def: number, min: number) => z.coerce.number().int().min(min).default(def);

/**
 * An optional connection URL with one of `schemes`. An empty value counts as unset, as container
 * tools often pass one. Errors name the expected schemes, never the value: it may hold a password.
 */
const urlWith = (schemes: readonly string[]) =>
  z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .refine((value) => schemes.some((s) => value.startsWith(`${s}://`)) && URL.canParse(value), {
        message: `must be a URL starting with ${schemes.map((s) => `${s}://`).join(" or ")}`,
      })
      .optional(),
  );

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
  /** Proxies (balancers) in front of the server whose X-Forwarded-For entries are believed; 0 believes none. */
  TRUST_PROXY: intFrom(0, 0),
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
