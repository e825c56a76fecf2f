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

  it("reads numbers from strings", () => {
    expect(loadEnv({ PORT: "0", ROOM_IDLE_SECONDS: "5" })).toMatchObject({ PORT: 0, ROOM_IDLE_SECONDS: 5 });
  });
});
