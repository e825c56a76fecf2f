// What `npm start` builds and runs, in one place, so that the benchmarks start the
// server exactly as users do: scripts/start.mjs and bench/ both use these.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SERVER_BUNDLE, SERVER_SOURCES, buildServer } from "./build-server.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

const BUILD_ID = path.join(ROOT, ".next", "BUILD_ID");
const NEXT_SOURCES = ["app", "components", "hooks", "lib", "public", "next.config.mjs", "postcss.config.mjs", "tsconfig.json", "package-lock.json"].map(
  (p) => path.join(ROOT, p),
);

/**
 * Node's arguments for the server process, run from ROOT (measured with `npm run bench`):
 * - no --enable-source-maps: it would also load the source maps Next ships for its own
 *   runtime (4 MB each), about 28 MB of RSS and 150 ms of start-up. build/server.js is not
 *   minified, so its stack traces read as they are; `NODE_OPTIONS=--enable-source-maps
 *   npm start` maps them to the TypeScript sources.
 * - a young generation of 4 MB semi-spaces instead of up to 16 MB: relaying allocates short-lived
 *   buffers quickly, and the larger nursery only held more of them, 11–23 MB of peak RSS with no
 *   CPU cost we could measure per delivery (scavenges stay under a millisecond).
 */
export const SERVER_ARGS = ["--max-semi-space-size=4", path.relative(ROOT, SERVER_BUNDLE)];

/** The server's environment: the caller's, in production mode. */
export function serverEnv(env) {
  return { ...env, NODE_ENV: "production" };
}

/** The newest modification time under `target`, or 0 when it does not exist. */
function newestMtime(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** True when `output` exists and none of `sources` is newer. */
function isCurrent(output, sources) {
  let built;
  try {
    built = fs.statSync(output).mtimeMs;
  } catch {
    return false;
  }
  return sources.every((source) => newestMtime(source) <= built);
}

function nextBuild(stdio) {
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    cwd: ROOT,
    stdio,
    // Builds run offline here as often as not; the telemetry ping would only wait and fail.
    env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, NODE_ENV: "production" },
  });
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/** True when build/server.js exists and none of its sources is newer: then it is what `npm start` runs. */
export function serverBuildIsCurrent() {
  return isCurrent(SERVER_BUNDLE, SERVER_SOURCES);
}

/**
 * Runs `next build` and compiles the server when either build is missing or older than its
 * sources. Throws when a build fails. `stdio` is where `next build` writes.
 */
export async function ensureBuilt({ log = (msg) => console.log(msg), stdio = "inherit" } = {}) {
  if (isCurrent(BUILD_ID, NEXT_SOURCES)) {
    log("cruxboard: the Next build is current.");
  } else {
    log("cruxboard: building the web app (next build)…");
    const code = await nextBuild(stdio);
    if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  }
  if (isCurrent(SERVER_BUNDLE, SERVER_SOURCES)) {
    log("cruxboard: the server build is current.");
  } else {
    log("cruxboard: building the server (build/server.js)…");
    await buildServer();
  }
}
