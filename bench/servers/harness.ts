import { createServer } from "../../server/index";
import type { Logger } from "../../server/log";
import { openSqliteStore } from "../../server/storage/sqlite";
import { announceReady, exitWith, fail } from "./common";

/** Ours without Next and under tsx: createServer on the SQLite store with durable writes, in a fresh directory given as argv[2]. */
async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: harness.ts <data dir>");
  // Log lines are dropped, but warnings and errors are counted and reported at exit,
  // so refusals or dropped clients during a run are not invisible.
  const counts = new Map<string, number>();
  const counter = (level: string) => (msg: string) => counts.set(`${level}: ${msg}`, (counts.get(`${level}: ${msg}`) ?? 0) + 1);
  const logger: Logger = { debug() {}, info() {}, warn: counter("warn"), error: counter("error") };
  // Every generated client comes from loopback: the per-address limits are lifted (as ONE_ADDRESS_ENV in ../lib/servers.ts).
  const oneAddress = { boardCreates: 1e6, imports: 1e6, seats: 1e6, wsConnects: 1e6, wsConnectionsPerAddress: 1e6 };
  const limits = { ...oneAddress, ...(process.env.BENCH_CRUX_LIMITS ? (JSON.parse(process.env.BENCH_CRUX_LIMITS) as object) : {}) };
  const server = createServer({ store: openSqliteStore({ dir }), logger, limits });
  const { port } = await server.listen(0, "127.0.0.1");
  announceReady(port);
  exitWith(async () => {
    if (counts.size > 0) process.stdout.write(JSON.stringify({ logSummary: Object.fromEntries(counts) }) + "\n");
    await server.close();
  });
}

main().catch(fail);
