import path from "node:path";
import { pathToFileURL } from "node:url";
import { CRUX_MODULES, REPO_ROOT, missingCruxModules } from "../lib/crux";
import { announceReady, exitWith, fail } from "./common";

/**
 * Ours: server/index.ts on the SQLite store with durable writes, in a fresh
 * directory given as argv[2]. Loaded by path at run time rather than by a
 * static import so the harness still typechecks and runs (reporting the
 * server as unavailable) while those modules are missing or changing shape.
 */
interface CruxServer {
  listen(port: number, host?: string): Promise<{ port: number }>;
  close(): Promise<void>;
}

interface StoreLike {
  close?: () => Promise<void> | void;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

async function load(rel: string): Promise<Record<string, unknown>> {
  const mod: unknown = await import(pathToFileURL(path.join(REPO_ROOT, rel)).href);
  if (!isRecord(mod)) throw new Error(`${rel} did not load as a module`);
  return mod;
}

function exportedFunction(mod: Record<string, unknown>, name: string, rel: string): (...args: unknown[]) => unknown {
  const direct = mod[name];
  const viaDefault = isRecord(mod.default) ? mod.default[name] : undefined;
  const fn = typeof direct === "function" ? direct : viaDefault;
  if (typeof fn !== "function") throw new Error(`${rel} does not export ${name}()`);
  return fn as (...args: unknown[]) => unknown;
}

function isCruxServer(v: unknown): v is CruxServer {
  return isRecord(v) && typeof v.listen === "function" && typeof v.close === "function";
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: cruxboard.ts <data dir>");
  const missing = missingCruxModules();
  if (missing.length > 0) throw new Error(`missing ${missing.join(", ")}`);

  const [indexMod, sqliteMod] = await Promise.all([load(CRUX_MODULES[0]), load(CRUX_MODULES[1])]);
  const openSqliteStore = exportedFunction(sqliteMod, "openSqliteStore", CRUX_MODULES[1]);
  const createServer = exportedFunction(indexMod, "createServer", CRUX_MODULES[0]);

  const store: unknown = await openSqliteStore({ dir });
  // Discards log lines but counts warnings and errors by message, reported
  // once at exit, so refusals or dropped clients during a run are not invisible.
  const counts = new Map<string, number>();
  const counter = (level: string) => (msg: string): void => {
    const k = `${level}: ${msg}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  };
  const silent = { info(): void {}, debug(): void {}, warn: counter("warn"), error: counter("error") };
  const limitsJson = process.env.BENCH_CRUX_LIMITS;
  const options: Record<string, unknown> = { store, logger: silent };
  if (limitsJson) options.limits = JSON.parse(limitsJson) as unknown;
  const server: unknown = await createServer(options);
  if (!isCruxServer(server)) throw new Error("createServer() did not return { listen, close }");
  const { port } = await server.listen(0, "127.0.0.1");
  announceReady(port);
  exitWith(async () => {
    if (counts.size > 0) process.stdout.write(JSON.stringify({ logSummary: Object.fromEntries(counts) }) + "\n");
    await server.close();
    const s = store as StoreLike;
    if (typeof s.close === "function") await s.close();
  });
}

main().catch(fail);
