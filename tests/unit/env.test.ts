import { describe, expect, it } from "vitest";
import { loadEnv } from "../../lib/env";

describe("configuration", () => {
  it("has working defaults", () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: "./data", MAX_MESSAGE_BYTES: 1024 * 1024, SQLITE_SYNC: "NORMAL" });
  });

  it("names the bad variable", () => {
    expect(() => loadEnv({ PORT: "http" })).toThrow(/Invalid configuration: PORT/);
    expect(() => loadEnv({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => loadEnv({ MAX_MESSAGE_BYTES: "12" })).toThrow(/MAX_MESSAGE_BYTES/);
    expect(() => loadEnv({ SQLITE_SYNC: "OFF" })).toThrow(/SQLITE_SYNC/);
    expect(() => loadEnv({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  });

  it("configures join codes: twelve hours, and a guess limit a lecture hall behind one address does not hit", () => {
    expect(loadEnv({})).toMatchObject({ JOIN_CODE_MINUTES: 720, JOIN_GUESSES: 30, JOIN_GUESS_WINDOW_SECONDS: 300 });
    expect(loadEnv({ JOIN_CODE_MINUTES: "90", JOIN_GUESSES: "5" })).toMatchObject({ JOIN_CODE_MINUTES: 90, JOIN_GUESSES: 5 });
    expect(() => loadEnv({ JOIN_CODE_MINUTES: "0" })).toThrow(/JOIN_CODE_MINUTES/);
    expect(() => loadEnv({ JOIN_GUESSES: "many" })).toThrow(/JOIN_GUESSES/);
  });

  it("keeps history whole unless HISTORY_RETENTION_DAYS is a whole number of days", () => {
    expect(loadEnv({}).HISTORY_RETENTION_DAYS).toBeUndefined();
    expect(loadEnv({ HISTORY_RETENTION_DAYS: "" }).HISTORY_RETENTION_DAYS).toBeUndefined();
    expect(loadEnv({ HISTORY_RETENTION_DAYS: "30" }).HISTORY_RETENTION_DAYS).toBe(30);
    for (const bad of ["0", "-5", "1.5", "forever"]) expect(() => loadEnv({ HISTORY_RETENTION_DAYS: bad })).toThrow(/HISTORY_RETENTION_DAYS/);
  });

  it("stores boards in SQLite unless DATABASE_URL names a Postgres database", () => {
    const defaults = loadEnv({});
    expect(defaults.DATABASE_URL).toBeUndefined();
    expect(defaults.REDIS_URL).toBeUndefined();
    expect(defaults).toMatchObject({ PG_POOL_MAX: 10, PG_STATEMENT_TIMEOUT_MS: 5000 });
    expect(loadEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
    for (const url of ["postgres://crux:secret@db:5432/cruxboard", "postgresql://db/cruxboard?sslmode=require"]) {
      expect(loadEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    }
    expect(loadEnv({ DATABASE_URL: "postgres://db/x", PG_POOL_MAX: "3", PG_STATEMENT_TIMEOUT_MS: "250" })).toMatchObject({
      PG_POOL_MAX: 3,
      PG_STATEMENT_TIMEOUT_MS: 250,
    });
    expect(() => loadEnv({ PG_POOL_MAX: "0" })).toThrow(/PG_POOL_MAX/);
    expect(() => loadEnv({ PG_STATEMENT_TIMEOUT_MS: "soon" })).toThrow(/PG_STATEMENT_TIMEOUT_MS/);
  });

  it("refuses a DATABASE_URL that is not Postgres, without repeating it", () => {
    for (const url of ["mysql://crux:secret@db/cruxboard", "db.internal:5432", "postgres:/db", "postgres://[bad"]) {
      let message = "";
      try {
        loadEnv({ DATABASE_URL: url });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/Invalid configuration: DATABASE_URL: must be a URL starting with postgres:\/\/ or postgresql:\/\//);
      expect(message).not.toContain("secret");
    }
  });

  it("takes a Redis URL only together with Postgres, and prefixes its keys", () => {
    const both = { DATABASE_URL: "postgres://db/cruxboard" };
    expect(loadEnv({ ...both, REDIS_URL: "redis://cache:6379/0" })).toMatchObject({ REDIS_URL: "redis://cache:6379/0", REDIS_PREFIX: "cruxboard:" });
    expect(loadEnv({ ...both, REDIS_URL: "rediss://cache", REDIS_PREFIX: "staging:" })).toMatchObject({ REDIS_PREFIX: "staging:" });
    expect(() => loadEnv({ ...both, REDIS_URL: "http://cache" })).toThrow(/REDIS_URL: must be a URL starting with redis:\/\/ or rediss:\/\//);
    expect(() => loadEnv({ REDIS_URL: "redis://cache" })).toThrow(/Invalid configuration: REDIS_URL: Redis needs Postgres: set DATABASE_URL/);
    expect(() => loadEnv({ ...both, REDIS_PREFIX: "" })).toThrow(/REDIS_PREFIX/);
  });

  it("reads numbers from strings", () => {
    expect(loadEnv({ PORT: "0", ROOM_IDLE_SECONDS: "5" })).toMatchObject({ PORT: 0, ROOM_IDLE_SECONDS: 5 });
  });

  it("has generous abuse limits by default, each settable", () => {
    expect(loadEnv({})).toMatchObject({
      BOARD_CREATES: 60,
      IMPORTS: 30,
      WS_CONNECTS: 1200,
      WS_CONNECTIONS_PER_ADDRESS: 1000,
      WS_MESSAGES_PER_SECOND: 200,
      WS_MESSAGE_BURST: 400,
      WS_AWARENESS_PER_SECOND: 60,
      PUBLIC_ORIGINS: [],
      FRAME_ANCESTORS: [],
    });
    expect(loadEnv({ WS_MESSAGES_PER_SECOND: "50" }).WS_MESSAGES_PER_SECOND).toBe(50);
    expect(() => loadEnv({ BOARD_CREATES: "0" })).toThrow(/BOARD_CREATES/);
  });

  it("leaves /metrics open unless a metrics token is set, and refuses a short one", () => {
    expect(loadEnv({}).METRICS_TOKEN).toBeUndefined();
    expect(loadEnv({ METRICS_TOKEN: "" }).METRICS_TOKEN).toBeUndefined();
    expect(loadEnv({ METRICS_TOKEN: "scrape-me-0123456789" }).METRICS_TOKEN).toBe("scrape-me-0123456789");
    expect(() => loadEnv({ METRICS_TOKEN: "short" })).toThrow(/Invalid configuration: METRICS_TOKEN: must be at least 16 characters/);
  });

  it("reads lists of origins, and refuses anything that is not an origin", () => {
    expect(loadEnv({ PUBLIC_ORIGINS: "https://board.example.org, http://localhost:3000" }).PUBLIC_ORIGINS).toEqual([
      "https://board.example.org",
      "http://localhost:3000",
    ]);
    expect(loadEnv({ FRAME_ANCESTORS: "" }).FRAME_ANCESTORS).toEqual([]);
    for (const bad of ["https://lms.example.edu/course", "lms.example.edu", "javascript:alert(1)", "https://a.example/"]) {
      expect(() => loadEnv({ FRAME_ANCESTORS: bad })).toThrow(/Invalid configuration: FRAME_ANCESTORS: .* is not an origin/);
    }
  });
});
