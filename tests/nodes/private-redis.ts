import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import Redis from "ioredis";
import { answers } from "../services";

/**
 * A Redis server of the test's own, on a free port, with nothing persisted: the only kind
 * the Redis outage tests may kill, restart or flush (the shared instance is never touched).
 */
export interface PrivateRedis {
  readonly port: number;
  readonly url: string;
  /** SIGKILL: the server vanishes with whatever it held. */
  kill(): Promise<void>;
  /** Starts again on the same port, empty. */
  restart(): Promise<void>;
  /** FLUSHALL on this instance. */
  flushAll(): Promise<void>;
  /** Keys it holds now (for checking a flush took). */
  keyCount(): Promise<number>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}/0`;
  let child: ChildProcess | null = null;

  async function launch(): Promise<void> {
    const proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    child = proc;
    let failed: Error | null = null;
    proc.once("error", (err) => (failed = err));
    proc.once("exit", (code) => (failed ??= new Error(`redis-server on ${port} exited with ${code}`)));
    await until(async () => {
      if (failed) throw failed;
      return answers(url, 200);
    }, `redis-server on port ${port}`);
  }

  async function kill(): Promise<void> {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once("exit", () => resolve());
      proc.kill("SIGKILL");
    });
    await until(async () => !(await answers(url, 200)), `port ${port} to close`);
  }

  async function command<T>(run: (redis: Redis) => Promise<T>): Promise<T> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    redis.on("error", () => undefined); // the command's own rejection says what went wrong
    try {
      await redis.connect();
      return await run(redis);
    } finally {
      redis.disconnect();
    }
  }

  await launch();
  return {
    port,
    url,
    kill,
    async restart() {
      await kill();
      await launch();
    },
    flushAll: () => command(async (r) => void (await r.flushall())),
    keyCount: () => command((r) => r.dbsize()),
    stop: kill,
  };
}
