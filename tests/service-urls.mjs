// Where the several-node suites find Postgres and Redis, and whether they answer. Plain JavaScript,
// so vitest.config.mts can load it as the ES module it is; tests/services.ts builds on it.
import net from "node:net";

/** The local services unless told otherwise. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/0";

/** Resolves true when something accepts TCP connections at the URL's host and port. */
export function answers(url, timeoutMs = 1000) {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol.startsWith("redis") ? 6379 : 5432));
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
