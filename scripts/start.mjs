// `npm start`: build the Next app and the server when either build is missing or
// older than its sources, then run the one compiled server (API, sync and pages)
// in production mode.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SERVER_BUNDLE, SERVER_SOURCES, buildServer } from "./build-server.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

const BUILD_ID = path.join(root, ".next", "BUILD_ID");
const SOURCES = ["app", "components", "lib", "public", "next.config.mjs", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];

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

function run(args, env = process.env) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: "inherit", env });
  // Ctrl-C reaches the whole foreground group already; forwarding covers `kill <pid>` and supervisors.
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 128 + (signalNumber(signal) ?? 1) : 1));
    });
  });
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGTERM: 15, SIGKILL: 9 }[signal];
}

if (isCurrent(BUILD_ID, SOURCES.map((source) => path.join(root, source)))) {
  console.log("cruxboard: the Next build is current.");
} else {
  console.log("cruxboard: building the web app (next build)…");
  const code = await run([require.resolve("next/dist/bin/next"), "build"], {
    // Builds run offline here as often as not; the telemetry ping would only wait and fail.
    NEXT_TELEMETRY_DISABLED: "1",
    ...process.env,
    NODE_ENV: "production",
  });
  if (code !== 0) {
    console.error(`cruxboard: next build failed (exit ${code}).`);
    process.exit(code);
  }
}

if (isCurrent(SERVER_BUNDLE, SERVER_SOURCES)) {
  console.log("cruxboard: the server build is current.");
} else {
  console.log("cruxboard: building the server (build/server.js)…");
  try {
    await buildServer();
  } catch (err) {
    console.error(`cruxboard: the server build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

process.exit(
  await run(["--enable-source-maps", path.relative(root, SERVER_BUNDLE)], { ...process.env, NODE_ENV: "production" }),
);
