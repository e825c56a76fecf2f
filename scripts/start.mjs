// `npm start`: build the Next app when the build is missing or older than its
// sources, then run the one server (API, sync and pages) in production mode.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

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

function buildIsCurrent() {
  let built;
  try {
    built = fs.statSync(BUILD_ID).mtimeMs;
  } catch {
    return false;
  }
  return SOURCES.every((source) => newestMtime(path.join(root, source)) <= built);
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

if (buildIsCurrent()) {
  console.log("cruxboard: the Next build is current; starting.");
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

process.exit(await run(["--import", "tsx", "server/main.ts"], { ...process.env, NODE_ENV: "production" }));
