import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const nextConfig = ((await import(new URL("../../next.config.mjs", import.meta.url).href)) as { default: { logging?: unknown } }).default;

// Next's development server logs every request it serves ("GET /b/<id>?key=… 200 in 12ms"), with its
// own function and the project's `logging` setting: a key must not reach that log either.
const { logRequests } = createRequire(import.meta.url)("next/dist/server/dev/log-requests.js") as {
  logRequests(req: { url: string; method: string }, res: { statusCode: number }, logging: unknown, start: bigint, end: bigint): void;
};

function logged(url: string): string {
  const lines: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
  try {
    logRequests({ url, method: "GET" }, { statusCode: 200 }, nextConfig.logging, 0n, 1_000_000n);
  } finally {
    process.stdout.write = write;
  }
  return lines.join("");
}

describe("the development server's request log", () => {
  it("leaves out requests that carry a key, and still logs the others", () => {
    const key = "Zk3vTq9wLmR2xY7pN4sB8cDe";
    for (const url of [`/b/EFOKQnZcyHUpGC7hqu-jdw?key=${key}`, `/b/EFOKQnZcyHUpGC7hqu-jdw/present?x=1&key=${key}`]) {
      expect(logged(url)).not.toContain(key);
    }
    expect(logged("/join")).toContain("GET /join");
  });
});
