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

  it("reads numbers from strings", () => {
    expect(loadEnv({ PORT: "0", ROOM_IDLE_SECONDS: "5" })).toMatchObject({ PORT: 0, ROOM_IDLE_SECONDS: 5 });
  });
});
