import { afterAll, afterEach, beforeAll } from "vitest";
import * as Y from "yjs";
import type { CreatedBoard } from "../../lib/api/schemas";
import {
  connect,
  createBoardVia,
  inStep,
  takeSeatVia,
  tempDir,
  trackCloses,
  waitForClose,
  type Client,
  type CloseRecord,
  type TrackedClient,
} from "../integration/harness";
import { killHard, spawnServer, type ServerProcess } from "../integration/process";
import { freshDatabase, freshRedisPrefix, type FreshDatabase, type FreshRedisPrefix } from "../services";

/**
 * Several server processes serving the same boards, as the design's "Running on several
 * nodes" describes: one Postgres database, one Redis (URL and key prefix), any number of
 * identical nodes. Each node is a real `server/main.ts` process, so SIGKILL is a real crash.
 */

/** Anything clients and HTTP calls can be pointed at: a node, or the balancer in front of them. */
export interface Endpoint {
  readonly url: string;
  readonly wsUrl: string;
}

export interface ClusterNode extends Endpoint {
  readonly name: string;
  readonly port: number;
  readonly process: ServerProcess;
  /** Everything the process printed since it started listening, one entry a line. */
  readonly output: string[];
  readonly alive: boolean;
}

export interface ClusterConfig {
  /** Postgres the nodes store in; absent, each process uses SQLite in the cluster's data directory (one node only). */
  databaseUrl?: string;
  redisUrl?: string;
  redisPrefix?: string;
  /** Further environment for every node (limits, log level …). */
  env?: Record<string, string>;
}

export class Cluster {
  readonly nodes: ClusterNode[] = [];
  private readonly clients: Client[] = [];
  private readonly dataDir = tempDir("cruxboard-nodes-");

  constructor(private readonly config: ClusterConfig) {}

  get live(): ClusterNode[] {
    return this.nodes.filter((n) => n.alive);
  }

  /** Starts one more node with the cluster's configuration (plus `env`). */
  async start(env: Record<string, string> = {}): Promise<ClusterNode> {
    const { databaseUrl, redisUrl, redisPrefix } = this.config;
    const process = await spawnServer(this.dataDir, {
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      ...(redisPrefix ? { REDIS_PREFIX: redisPrefix } : {}),
      ...this.config.env,
      ...env,
    });
    const output: string[] = [];
    const collect = (chunk: Buffer) => output.push(...chunk.toString().split("\n").filter((l) => l.length > 0));
    process.child.stdout!.on("data", collect);
    process.child.stderr!.on("data", collect);
    const port = Number(new URL(process.url).port);
    const node: ClusterNode = {
      name: `node-${this.nodes.length + 1}`,
      port,
      url: process.url,
      wsUrl: process.wsUrl,
      process,
      output,
      get alive() {
        return process.child.exitCode === null && process.child.signalCode === null;
      },
    };
    this.nodes.push(node);
    return node;
  }

  /** kill -9: no shutdown, no flush. */
  kill(node: ClusterNode): Promise<void> {
    return killHard(node.process);
  }

  /** SIGTERM, and SIGKILL if it has not exited within ten seconds. */
  async stop(node: ClusterNode): Promise<void> {
    if (!node.alive) return;
    const child = node.process.child;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /** A stock y-websocket client of `board` on `endpoint`, destroyed when the cluster closes. */
  connect(endpoint: Endpoint, board: CreatedBoard, key: string, name = `client-${this.clients.length + 1}`): NodeClient {
    const client = trackCloses(connect(endpoint.wsUrl, board.id, key), name);
    this.clients.push(client);
    return client;
  }

  /**
   * A person on `board` through `endpoint`: a seat taken with the participant key (there, or on
   * `seatVia` where HTTP must not pass a balancer), then a stock client connected with it, writing as them.
   */
  async seated(endpoint: Endpoint, board: CreatedBoard, name: string, seatVia: Endpoint = endpoint): Promise<SeatedClient> {
    const { participant, seat } = await takeSeatVia(seatVia.url, board, name);
    const client = trackCloses(connect(endpoint.wsUrl, board.id, board.keys.participant, new Y.Doc(), seat), name);
    this.clients.push(client);
    return Object.assign(client, { participant: participant.id, seat });
  }

  /** The last lines of every node's output, for a failing test's report. */
  logTail(lines = 40): string {
    return this.nodes
      .map((n) => `--- ${n.name} (port ${n.port}, ${n.alive ? "alive" : `exited ${n.process.child.signalCode ?? n.process.child.exitCode}`})\n${n.output.slice(-lines).join("\n")}`)
      .join("\n");
  }

  /** Destroys every client opened through the cluster (each stock provider holds a process listener). */
  destroyClients(): void {
    for (const c of this.clients.splice(0)) c.destroy();
  }

  async close(): Promise<void> {
    this.destroyClients();
    await Promise.all(this.nodes.map((n) => killHard(n.process)));
  }
}

export async function startCluster(count: number, config: ClusterConfig): Promise<Cluster> {
  const cluster = new Cluster(config);
  try {
    // One at a time: the first creates the schema, and two cores gain nothing from a race.
    for (let i = 0; i < count; i++) await cluster.start();
  } catch (err) {
    await cluster.close();
    throw err;
  }
  return cluster;
}

export interface Services {
  readonly db: FreshDatabase;
  readonly redis: FreshRedisPrefix;
}

/** A fresh Postgres database and Redis key prefix for this test file, dropped and cleared after it. */
export function freshServicesForFile(): Services {
  let db: FreshDatabase | null = null;
  let redis: FreshRedisPrefix | null = null;
  beforeAll(async () => {
    db = await freshDatabase();
    redis = freshRedisPrefix();
  });
  afterAll(async () => {
    await db?.drop();
    await redis?.clear();
  });
  return {
    get db() {
      return db!;
    },
    get redis() {
      return redis!;
    },
  };
}

/**
 * Prints the nodes' output under a failing test, so a report shows what the servers said. After
 * hooks run last-registered first, so this one (registered at the top of a file) runs after the
 * file's own clean-up: the cluster it reads must still be the test's, closed but not forgotten.
 */
export function printLogsOnFailure(cluster: () => Cluster | null): void {
  afterEach((ctx) => {
    const c = cluster();
    if (c && ctx.task.result?.state === "fail") console.log(`node output for "${ctx.task.name}":\n${c.logTail()}`);
  });
}

export const createBoardOn = (endpoint: Endpoint, body: object = {}): Promise<CreatedBoard> => createBoardVia(endpoint.url, body);

/** A client that remembers every close of its websocket (its provider reconnects by itself). */
export type NodeClient = TrackedClient;

/** A client that took a seat: it writes as `participant`. */
export interface SeatedClient extends NodeClient {
  readonly participant: string;
  readonly seat: string;
}

/** Offline for good (until `connect()`), keeping the document: what it holds can still be checked. */
export const disconnectAll = (clients: readonly Client[]): void => clients.forEach((c) => c.provider.disconnect());

export { inStep, waitForClose, type CloseRecord };
