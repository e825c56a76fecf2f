import { z } from "zod";

const intFrom = (def: number, min: number) => z.coerce.number().int().min(min).default(def);

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
