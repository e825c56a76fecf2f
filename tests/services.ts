import { randomBytes } from "node:crypto";
import pg from "pg";
import Redis from "ioredis";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "./service-urls.mjs";

export { TEST_DATABASE_URL, TEST_REDIS_URL, answers } from "./service-urls.mjs";

export interface FreshDatabase {
  /** Connection string of a database made for this run alone. */
  url: string;
  /** Drops it, closing whatever is still connected. */
  drop(): Promise<void>;
}

/** `CREATE DATABASE` with a random name on the test server; drop it `WITH (FORCE)` when done. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const name = `cruxboard_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface FreshRedisPrefix {
  url: string;
  /** A key prefix no other run uses, ending in ":". */
  prefix: string;
  /** Deletes this run's keys (never FLUSHALL: the instance is shared). */
  clear(): Promise<void>;
}

export function freshRedisPrefix(): FreshRedisPrefix {
  const prefix = `cruxboard-test-${randomBytes(6).toString("hex")}:`;
  return { url: TEST_REDIS_URL, prefix, clear: () => clearRedisPrefix(TEST_REDIS_URL, prefix) };
}

/** Deletes every key under the prefix, as a restart without persistence would; nothing else. */
export async function clearRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
