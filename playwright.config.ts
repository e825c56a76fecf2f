import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./tests/chromium";

/*
 * Workers load this file again and inherit the runner's environment, so the
 * runner decides once, and records in the environment, the port (a free one,
 * so parallel checkouts never collide) and a freshly emptied data directory.
 * A worker emptying it would delete boards under the running server.
 */
if (!process.env.CRUXBOARD_E2E_PORT) {
  const freePort = `const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });`;
  process.env.CRUXBOARD_E2E_PORT = process.env.E2E_PORT ?? execFileSync(process.execPath, ["-e", freePort], { encoding: "utf8" }).trim();
  fs.rmSync(path.resolve(".tmp/e2e-data"), { recursive: true, force: true });
}
const port = Number(process.env.CRUXBOARD_E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = path.resolve(".tmp/e2e-data");

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  // A focused test (.only) fails the run everywhere, not only where CI is set.
  forbidOnly: true,
  retries: 0,
  // One at a time: each test runs several browsers against one server, and on a two-core machine a
  // second worker made the whole run slower (11 min against 8) and every test slower still.
  workers: 1,
  // The longest test takes under 30 s on two cores; the margin is for a slower machine.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        // Never a Playwright-downloaded browser: the system Chromium, as CI installs it.
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: {
    command: "node scripts/start.mjs",
    url: `${baseURL}/healthz`,
    // A cold start includes `next build`, which takes a minute or two on a small machine.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      // Every test's browsers and bots share one address: the per-address limits would refuse the suite itself.
      BOARD_CREATES: "100000",
      IMPORTS: "100000",
      SEATS: "100000",
      WS_CONNECTS: "100000",
    },
  },
});
