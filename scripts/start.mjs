// `npm start`: build the Next app and the server when either build is missing or
// older than its sources, then run the one compiled server (API, sync and pages)
// in production mode.
import { spawn } from "node:child_process";
import { ROOT, SERVER_ARGS, ensureBuilt, serverEnv } from "./app.mjs";

function run(args, env) {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit", env });
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

try {
  await ensureBuilt();
} catch (err) {
  console.error(`cruxboard: ${err instanceof Error ? err.message : String(err)}.`);
  process.exit(1);
}

process.exit(await run(SERVER_ARGS, serverEnv(process.env)));
