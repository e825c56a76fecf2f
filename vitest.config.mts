import net from "node:net";
import { defineConfig } from "vitest/config";

// tests/services.ts reads the same two variables, with the same defaults, to make fresh databases and prefixes.
// The config stays free of imports from the TypeScript tree, so Vite loads it as the ES module it is.
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/0";

/** Resolves true when something accepts TCP connections at the URL's host and port. */
function answers(url: string, timeoutMs = 1000): Promise<boolean> {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol.startsWith("redis") ? 6379 : 5432));
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

const NODES = "tests/nodes/**/*.test.ts";

/**
 * The several-node suites need Postgres and Redis. They run whenever both answer; where they don't,
 * the run says so in one line, unless CRUXBOARD_REQUIRE_SERVICES=1 (CI), where their absence fails it.
 */
export default defineConfig(async () => {
  const [postgres, redis] = await Promise.all([answers(TEST_DATABASE_URL), answers(TEST_REDIS_URL)]);
  const missing = [postgres ? null : `Postgres (${TEST_DATABASE_URL})`, redis ? null : `Redis (${TEST_REDIS_URL})`].filter(Boolean);
  const withNodes = missing.length === 0 || process.env.CRUXBOARD_REQUIRE_SERVICES === "1";
  if (!withNodes) {
    console.log(
      `cruxboard: not run: the several-node suites (${NODES}) and the Postgres half of tests/integration/store.test.ts — ${missing.join(" and ")} did not answer; start both (README, "Running several nodes") and run npm test again.`,
    );
  }
  // Suites with a Postgres half (the store contract) read this to know whether to define it; workers inherit it.
  process.env.CRUXBOARD_SERVICES = withNodes ? "1" : "0";
  return {
    test: {
      projects: [
        { test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
        {
          test: {
            name: "integration",
            include: ["tests/integration/**/*.test.ts"],
            environment: "node",
            testTimeout: 30_000,
            hookTimeout: 30_000,
          },
        },
        ...(withNodes
          ? [
              {
                test: {
                  name: "nodes",
                  include: [NODES],
                  environment: "node",
                  testTimeout: 60_000,
                  hookTimeout: 60_000,
                  // Each file starts its own node processes; two at once would only fight over two cores.
                  fileParallelism: false,
                },
              },
            ]
          : []),
      ],
    },
  };
});
