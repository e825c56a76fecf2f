import { describe, expect, it } from "vitest";
import { createLogger } from "../../server/log";

describe("createLogger", () => {
  it("writes one JSON object per line with level, ISO time, fields and message", () => {
    const lines: string[] = [];
    const logger = createLogger("info", (line) => lines.push(line));
    logger.info("connection open", { room: "abc", role: "viewer" });
    logger.error("store failed");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toContain("\n");
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({ level: "info", msg: "connection open", room: "abc", role: "viewer", pid: process.pid });
    expect(new Date(first.time as string).toISOString()).toBe(first.time);
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: "error", msg: "store failed" });
  });

  it("drops what is below its level, and everything when silent", () => {
    const lines: string[] = [];
    const warn = createLogger("warn", (line) => lines.push(line));
    warn.debug("d");
    warn.info("i");
    warn.warn("w");
    const silent = createLogger("silent", (line) => lines.push(line));
    silent.error("e");
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(["w"]);
  });
});
