import { defineConfig } from "vitest/config";
import { TEST_DATABASE_URL, TEST_REDIS_URL, answers } from "./tests/service-urls.mjs";

const NODES = "tests/nodes/**/*.test.ts";
/** A focused test (.only) fails the run everywhere, not only where CI is set: it would leave the rest of its file out. */
const FOCUS_FAILS = { allowOnly: false } as const;

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
        { test: { ...FOCUS_FAILS, name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
        {
          test: {
            ...FOCUS_FAILS,
            name: "integration",
            include: ["tests/integration/**/*.test.ts"],
            environment: "node",
            testTimeout: 30_000,
            hookTimeout: 30_000,
          },
        },
        {
          test: {
            ...FOCUS_FAILS,
            name: "soak",
            include: ["tests/soak/**/*.test.ts"],
            environment: "node",
            // A minute of load with seven restarts of the server, each waited out; on a busy two-core machine, more.
            testTimeout: 300_000,
            hookTimeout: 30_000,
          },
        },
        ...(withNodes
          ? [
              {
                test: {
                  ...FOCUS_FAILS,
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
