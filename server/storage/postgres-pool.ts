import pg from "pg";
import type { Logger } from "../log";

export interface PostgresPoolOptions {
  url: string;
  /** Most connections this process holds; requests beyond wait for one. */
  poolMax: number;
  /** Postgres cancels any statement running longer, lock waits included. */
  statementTimeoutMs: number;
  logger: Logger;
}

/**
 * Sequence numbers and epoch milliseconds are `bigint` columns; pg hands those over as strings so
 * no precision is lost beyond 2^53. Ours stay far below that, so they come back as numbers.
 */
const INT8_AS_NUMBER: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 && format !== "binary"
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** What every connection of the store has, the pool's and the migration runner's alike. */
export function baseConfig(url: string): pg.ClientConfig {
  return { connectionString: url, fallback_application_name: "cruxboard", types: INT8_AS_NUMBER };
}

/** A bounded pool whose broken connections are logged and replaced, never fatal to the process. */
export function createPool(options: PostgresPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    ...baseConfig(options.url),
    max: options.poolMax,
    idleTimeoutMillis: 30_000,
    // Waiting longer for a free connection than a statement may run would only hide an overload.
    connectionTimeoutMillis: options.statementTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    // Our transactions never wait on anything between statements; one that sits idle is a stuck
    // process holding row locks that other nodes' appends to those boards queue behind.
    idle_in_transaction_session_timeout: Math.max(options.statementTimeoutMs * 2, 1000),
  });
  // A connection that breaks while checked out also rejects whatever it was running; one that breaks
  // while idle is dropped by the pool. Either way the error is only worth a log line.
  pool.on("connect", (client) => {
    client.on("error", (err) => options.logger.warn("postgres connection error", { error: err.message }));
  });
  pool.on("error", () => undefined);
  return pool;
}

/** Runs `fn` in one transaction on one pooled connection; rolls back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (err) {
    // A connection whose rollback failed is in an unknown state: the pool drops it instead of reusing it.
    await client.query("ROLLBACK").then(
      () => client.release(),
      (rollbackError: Error) => client.release(rollbackError),
    );
    throw err;
  }
}

/** Rejects with `message` if `work` has not settled within `ms`. */
export function withinMs<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
