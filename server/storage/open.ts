import path from "node:path";
import type { Env } from "../../lib/env";
import type { Logger } from "../log";
import { openPostgresStore } from "./postgres";
import { openSqliteStore } from "./sqlite";
import type { DocStore } from "./types";

/** Postgres when DATABASE_URL is set (nodes may share it), else the SQLite file under DATA_DIR. */
export async function openStore(env: Env, logger: Logger): Promise<DocStore> {
  if (env.DATABASE_URL) {
    logger.info("store: postgres", {
      database: withoutPassword(env.DATABASE_URL),
      poolMax: env.PG_POOL_MAX,
      statementTimeoutMs: env.PG_STATEMENT_TIMEOUT_MS,
    });
    return openPostgresStore({ url: env.DATABASE_URL, poolMax: env.PG_POOL_MAX, statementTimeoutMs: env.PG_STATEMENT_TIMEOUT_MS, logger });
  }
  const dir = path.resolve(env.DATA_DIR);
  logger.info("store: sqlite", { file: path.join(dir, "cruxboard.sqlite"), synchronous: env.SQLITE_SYNC });
  return openSqliteStore({ dir, synchronous: env.SQLITE_SYNC });
}

/** The URL fit for a log line: the password and any query parameters (which may carry one) left out. */
function withoutPassword(url: string): string {
  const u = new URL(url);
  u.password = "";
  u.search = "";
  return u.toString();
}
