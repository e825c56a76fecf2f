import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../../bench/lib/port";

/** The sample configuration itself, not a copy: the test proves the file operators are given. */
const CONFIG = path.resolve(__dirname, "../../deploy/haproxy.cfg");
const BACKEND = "cruxboard_nodes";

/** Debian installs it outside a normal user's PATH; `HAPROXY` names another binary. */
function haproxyBinary(): string {
  if (process.env.HAPROXY) return process.env.HAPROXY;
  return fs.existsSync("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : "haproxy";
}

/** A port nothing listens on right now (the OS's pick for port 0): the one helper the bench and the end-to-end servers use. */
export { freePort };

/** One server's line in HAProxy's stats: `status` is "UP", "DOWN", "UP 1/2" (going down) and the like. */
export interface ServerState {
  status: string;
  /** The last health check's result: "L7OK", "L7STS" (wrong HTTP status), "L4CON" (refused) … */
  checkStatus: string;
  checkCode: string;
}

export interface Balancer {
  url: string;
  wsUrl: string;
  /** node1, node2 … as the balancer's health checks see them now. */
  servers(): Promise<Record<string, ServerState>>;
  /** Everything HAProxy has printed (its log goes to stdout), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Runs the real haproxy with deploy/haproxy.cfg on free local ports, in front of two node addresses. */
export async function startBalancer(node1: string, node2: string): Promise<Balancer> {
  const [listen, stats] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(haproxyBinary(), ["-db", "-f", CONFIG], {
    env: {
      ...process.env,
      CRUXBOARD_LISTEN: `127.0.0.1:${listen}`,
      CRUXBOARD_STATS_LISTEN: `127.0.0.1:${stats}`,
      CRUXBOARD_NODE1: node1,
      CRUXBOARD_NODE2: node2,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once("error", (err) => reject(new Error(`cannot run haproxy (${err.message}); install Debian's haproxy (.ci/services does)`))),
  );

  async function servers(): Promise<Record<string, ServerState>> {
    const res = await fetch(`http://127.0.0.1:${stats}/;csv`);
    if (!res.ok) throw new Error(`haproxy stats answered ${res.status}`);
    const [header, ...rows] = (await res.text()).trim().split("\n");
    const columns = header!.replace(/^# /, "").split(",");
    const at = (name: string) => columns.indexOf(name);
    const states: Record<string, ServerState> = {};
    for (const row of rows) {
      const cells = row.split(",");
      const server = cells[at("svname")]!;
      if (cells[at("pxname")] !== BACKEND || server === "BACKEND") continue;
      states[server] = { status: cells[at("status")]!, checkStatus: cells[at("check_status")]!, checkCode: cells[at("check_code")]! };
    }
    return states;
  }

  const balancer: Balancer = {
    url: `http://127.0.0.1:${listen}`,
    wsUrl: `ws://127.0.0.1:${listen}`,
    servers,
    output: () => output,
    async stop() {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };

  // Up once its stats page answers; a configuration error ends the process first.
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}:\n${output}`);
    try {
      await Promise.race([servers(), spawnFailed]);
      return balancer;
    } catch (err) {
      if (String(err).includes("cannot run haproxy") || Date.now() > deadline) {
        await balancer.stop();
        throw new Error(`haproxy did not come up: ${String(err)}\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
