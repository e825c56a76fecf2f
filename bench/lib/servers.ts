import { takeSeatOverHttp } from "../../tests/seat-over-http";
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, type WriteStream } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, SERVER_ARGS, serverEnv } from "../../scripts/app.mjs";
import { TEST_DATABASE_URL, TEST_REDIS_URL, answers, freshDatabase, freshRedisPrefix } from "../../tests/services";
import { profileArgs, removeDir, spawnTs, stopChild, track, trackCleanup, trackDir } from "./children";
import { isServerReady, type ServerKind } from "./messages";

/** A running server under test: one process, or several nodes of one deployment. */
export interface ServerHandle {
  kind: ServerKind;
  pids: number[];
  /** One per node; rooms are created on the first. */
  ports: number[];
  outputTail(): string;
  /** Warning and error log lines by message, when the server's logs could be read. */
  logSummary(): Record<string, number> | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra node flags for our servers (e.g. --trace-gc), after any profiling flags. */
  nodeFlags: string[];
  nodes: number;
  /** Where every server's whole output is written, or null to keep only its tail. */
  logFile: string | null;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5000;
/** Environment that would make our server leave SQLite; only a cluster gets it. */
const SEVERAL_NODE_ENV = ["DATABASE_URL", "REDIS_URL", "REDIS_PREFIX"];

class Output {
  private tail = "";
  private readonly file: WriteStream | null;

  constructor(logFile: string | null) {
    this.file = logFile ? createWriteStream(logFile, { flags: "a" }) : null;
  }

  add(chunk: Buffer): void {
    this.tail = (this.tail + chunk.toString("utf8")).slice(-4000);
    this.file?.write(chunk);
  }

  lines(): string {
    return this.tail.trim().split("\n").slice(-12).join("\n");
  }

  close(): void {
    this.file?.end();
  }
}

/** Calls `onLine` for every complete line the stream writes. */
function eachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buf = "";
  stream.on("data", (d: Buffer) => {
    buf += d.toString("utf8");
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      onLine(buf.slice(0, nl).trim());
      buf = buf.slice(nl + 1);
    }
  });
}

function parseJson(line: string): unknown {
  if (!line.startsWith("{")) return null;
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return null;
  }
}

function waitReady<T>(child: ChildProcess, what: string, output: Output, register: (resolve: (v: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | null, value?: T): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        void stopChild(child, 1000);
        reject(err);
      } else resolve(value as T);
    };
    const timer = setTimeout(() => finish(new Error(`${what} not ready after ${READY_TIMEOUT_MS} ms\n${output.lines()}`)), READY_TIMEOUT_MS);
    register((v) => finish(null, v));
    child.once("exit", (code, signal) => finish(new Error(`${what} exited (${signal ?? code}) before ready\n${output.lines()}`)));
  });
}

/** The reference servers and the harness: TypeScript entries in bench/servers that print a ready line. */
async function startEntry(kind: "stock" | "hocuspocus" | "harness", opts: StartOptions): Promise<ServerHandle> {
  const dataDir = kind === "harness" ? mkdtempSync(path.join(os.tmpdir(), "cruxboard-bench-")) : null;
  if (dataDir) trackDir(dataDir);
  const flags = kind === "harness" ? opts.nodeFlags : [];
  const child = spawnTs(path.join(__dirname, "..", "servers", `${kind}.ts`), dataDir ? [dataDir] : [], "pipe", flags);
  const output = new Output(opts.logFile);
  child.stderr?.on("data", (d: Buffer) => output.add(d));
  child.stdout?.on("data", (d: Buffer) => output.add(d));
  let summary: Record<string, number> | null = null;
  const ready = waitReady<{ port: number; pid: number }>(child, `${kind} server`, output, (resolve) =>
    eachLine(child.stdout!, (line) => {
      const parsed = parseJson(line);
      if (isServerReady(parsed)) resolve(parsed);
      else if (parsed !== null && typeof (parsed as { logSummary?: unknown }).logSummary === "object") {
        summary = (parsed as { logSummary: Record<string, number> }).logSummary;
      }
    }),
  );
  const { port, pid } = await ready.catch((err: unknown) => {
    if (dataDir) removeDir(dataDir);
    throw err;
  });
  if (pid !== child.pid) throw new Error(`${kind} server reported pid ${pid}, expected ${child.pid}`);
  return {
    kind,
    pids: [pid],
    ports: [port],
    outputTail: () => output.lines(),
    logSummary: () => summary,
    async stop() {
      await stopChild(child, 3000);
      output.close();
      if (dataDir) removeDir(dataDir);
    },
  };
}

interface AppProcess {
  pid: number;
  port: number;
  output: Output;
  summary: Map<string, number>;
  stop(): Promise<void>;
}

/**
 * Every generated client comes from one address (loopback), which per-address abuse limits exist to
 * stop; they are lifted here, and the per-connection message limits stay as users have them.
 */
const ONE_ADDRESS_ENV: Record<string, string> = {
  BOARD_CREATES: "1000000",
  IMPORTS: "1000000",
  SEATS: "1000000",
  WS_CONNECTS: "1000000",
  WS_CONNECTIONS_PER_ADDRESS: "1000000",
};

/**
 * Our server exactly as `npm start` runs it (scripts/app.mjs: the compiled build/server.js
 * with Next in the process, production mode, default log level), on a free port with a
 * fresh DATA_DIR. Its port comes from its own "listening" log line.
 */
async function startAppProcess(env: Record<string, string>, opts: StartOptions, label: string): Promise<AppProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "cruxboard-bench-"));
  trackDir(dataDir);
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SEVERAL_NODE_ENV) delete base[name];
  const child = track(
    spawn(process.execPath, [...profileArgs(), ...opts.nodeFlags, ...SERVER_ARGS], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: serverEnv({ ...base, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, ...ONE_ADDRESS_ENV, ...env }),
    }),
  );
  const output = new Output(opts.logFile);
  child.stderr!.on("data", (d: Buffer) => output.add(d));
  child.stdout!.on("data", (d: Buffer) => output.add(d));
  const summary = new Map<string, number>();
  const port = await waitReady<number>(child, label, output, (resolve) =>
    eachLine(child.stdout!, (line) => {
      const entry = parseJson(line) as { level?: unknown; msg?: unknown; port?: unknown } | null;
      if (entry === null) return;
      if (entry.msg === "listening" && typeof entry.port === "number") resolve(entry.port);
      if ((entry.level === "warn" || entry.level === "error") && typeof entry.msg === "string") {
        const key = `${entry.level}: ${entry.msg}`;
        summary.set(key, (summary.get(key) ?? 0) + 1);
      }
    }),
  ).catch((err: unknown) => {
    removeDir(dataDir);
    throw err;
  });
  return {
    pid: child.pid!,
    port,
    output,
    summary,
    async stop() {
      await stopChild(child, STOP_GRACE_MS);
      output.close();
      removeDir(dataDir);
    },
  };
}

function appHandle(kind: ServerKind, nodes: AppProcess[], after: () => Promise<void>): ServerHandle {
  return {
    kind,
    pids: nodes.map((n) => n.pid),
    ports: nodes.map((n) => n.port),
    outputTail: () => nodes.map((n, i) => (nodes.length > 1 ? `node ${i + 1}:\n` : "") + n.output.lines()).join("\n"),
    logSummary() {
      const all: Record<string, number> = {};
      for (const n of nodes) for (const [k, v] of n.summary) all[k] = (all[k] ?? 0) + v;
      return all;
    },
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
      await after();
    },
  };
}

async function healthStore(port: number): Promise<string | null> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5000) });
  const body = (await res.json().catch(() => null)) as { store?: unknown } | null;
  return typeof body?.store === "string" ? body.store : null;
}

/**
 * Several nodes of ours on one fresh Postgres database and one fresh Redis key
 * prefix (tests/services.ts), each started as `npm start` starts the server. The
 * nodes choose Postgres by DATABASE_URL and the Redis bus by REDIS_URL.
 */
async function startCluster(opts: StartOptions): Promise<ServerHandle> {
  if (!(await answers(TEST_DATABASE_URL)) || !(await answers(TEST_REDIS_URL))) {
    throw new Error(`a cluster needs Postgres (${TEST_DATABASE_URL}) and Redis (${TEST_REDIS_URL}); one of them does not answer`);
  }
  const db = await freshDatabase();
  const dropDb = trackCleanup(() => db.drop());
  const redis = freshRedisPrefix();
  const clearRedis = trackCleanup(() => redis.clear());
  const env = { DATABASE_URL: db.url, REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix };
  const nodes: AppProcess[] = [];
  const after = async (): Promise<void> => {
    await dropDb();
    await clearRedis();
  };
  try {
    // One after the other: the first node creates the schema in the fresh database.
    for (let i = 0; i < opts.nodes; i++) nodes.push(await startAppProcess(env, opts, `node ${i + 1}`));
    for (const n of nodes) {
      const store = await healthStore(n.port);
      if (store === "sqlite") {
        throw new Error("the nodes run on SQLite although DATABASE_URL is set: this build has no several-node mode (Postgres store, Redis bus)");
      }
    }
  } catch (err) {
    await Promise.all(nodes.map((n) => n.stop()));
    await after();
    throw err;
  }
  return appHandle("cluster", nodes, after);
}

export async function startServer(kind: ServerKind, opts: StartOptions): Promise<ServerHandle> {
  if (kind === "cruxboard") return appHandle(kind, [await startAppProcess({}, opts, "cruxboard server")], async () => undefined);
  if (kind === "cluster") return startCluster(opts);
  return startEntry(kind, opts);
}

export interface Room {
  name: string;
  key?: string;
}

/** Who a simulated participant writes as: the same id shape on every server, and a seat where the server has seats. */
export interface Person {
  participant: string;
  seat?: string;
}

function participantBoard(v: unknown): { id: string; key: string } | null {
  if (typeof v !== "object" || v === null) return null;
  const o = v as { id?: unknown; keys?: { participant?: unknown } };
  return typeof o.id === "string" && typeof o.keys?.participant === "string" ? { id: o.id, key: o.keys.participant } : null;
}

/** Ours: blank boards made with POST /api/boards, joined with the participant key. Others: room names. */
export async function createRooms(server: ServerHandle, count: number, tag: string): Promise<Room[]> {
  if (server.kind === "stock" || server.kind === "hocuspocus") {
    return Array.from({ length: count }, (_, r) => ({ name: `bench-${tag}-${r}` }));
  }
  const rooms: Room[] = [];
  for (let r = 0; r < count; r++) {
    const res = await fetch(`http://127.0.0.1:${server.ports[0]}/api/boards`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ template: "blank" }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`POST /api/boards → ${res.status}: ${text.slice(0, 200)}`);
    const board = participantBoard(JSON.parse(text));
    if (board === null) throw new Error(`POST /api/boards returned an unexpected body: ${text.slice(0, 200)}`);
    rooms.push({ name: board.id, key: board.key });
  }
  return rooms;
}

/** Seats taken at once: enough to keep setup short, few enough not to queue on one room. */
const SEAT_CONCURRENCY = 8;

/**
 * Ours: every simulated participant takes a seat over HTTP, as a person joining does (the server makes
 * their id and writes their entry); the node each seat is taken on is the node its client connects to.
 * Others have no seats: their people get ids of the same shape as ours ("p-" and 16 characters), so
 * every update has the same size on every server. `people[r][c]` is client c of room r.
 */
export async function seatPeople(server: ServerHandle, rooms: Room[], perRoom: number, nodeOfClient: (g: number) => number): Promise<Person[][]> {
  if (server.kind === "stock" || server.kind === "hocuspocus") {
    return rooms.map((_, r) => Array.from({ length: perRoom }, (_, c) => ({ participant: `p-bench${String(r * perRoom + c).padStart(11, "0")}` })));
  }
  const people: Person[][] = rooms.map(() => []);
  const jobs = rooms.flatMap((room, r) => Array.from({ length: perRoom }, (_, c) => ({ room, r, c, g: r * perRoom + c })));
  let next = 0;
  const take = async (): Promise<void> => {
    for (let job = jobs[next++]; job !== undefined; job = jobs[next++]) {
      const port = server.ports[nodeOfClient(job.g)]!;
      const { participant, seat } = await takeSeatOverHttp(`http://127.0.0.1:${port}`, job.room.name, job.room.key ?? "", { name: `Bench user ${job.g}` });
      people[job.r]![job.c] = { participant: participant.id, seat };
    }
  };
  await Promise.all(Array.from({ length: SEAT_CONCURRENCY }, take));
  return people;
}
