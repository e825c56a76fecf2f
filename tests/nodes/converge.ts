import { createHash } from "node:crypto";
import * as Y from "yjs";
import type { CreatedBoard } from "../../lib/api/schemas";
import { roots } from "../../lib/board/doc";
import { SnapshotSchema, type Snapshot } from "../../lib/snapshot/schema";
import { waitFor } from "../integration/harness";
import { inStep, type Cluster, type Endpoint, type NodeClient } from "./cluster";

/**
 * The board's raw content, every root entry sorted by key: two documents that converged give
 * the same string whatever order their updates arrived in (map iteration order does not).
 */
export function boardContent(doc: Y.Doc): string {
  const sorted = (map: Y.Map<unknown>) => Array.from(map.entries()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const { meta, items, placements, participants } = roots(doc);
  return JSON.stringify({ meta: sorted(meta), items: sorted(items), placements: sorted(placements), participants: sorted(participants) });
}

function describeClient(c: NodeClient): string {
  const { items, placements } = roots(c.doc);
  const closes = c.closes.map((x) => `${x.code}${x.reason ? ` "${x.reason}"` : ""}`).join(", ");
  const content = createHash("sha1").update(boardContent(c.doc)).digest("hex").slice(0, 8);
  const clocks = [...Y.decodeStateVector(Y.encodeStateVector(c.doc))].map(([client, clock]) => `${client}:${clock}`).sort().join(" ");
  return `${c.name}: ${inStep(c) ? "in step" : "not in step"}, ${items.size} items, ${placements.size} placements, content ${content}, clocks {${clocks}}, closes [${closes}]`;
}

/**
 * Waits until every client is connected, synced, and holds the same document: the same state
 * vector and delete set (Y.equalSnapshots) and the same content. `also` can demand more (an
 * expected item count) so a quiet moment before the last update arrives does not pass.
 */
export async function waitConverged(clients: readonly NodeClient[], what: string, also: () => boolean = () => true, timeoutMs = 15_000): Promise<void> {
  const converged = () => {
    if (!clients.every(inStep)) return false;
    const first = clients[0]!;
    const snap = Y.snapshot(first.doc);
    const content = boardContent(first.doc);
    return clients.every((c) => Y.equalSnapshots(Y.snapshot(c.doc), snap) && boardContent(c.doc) === content) && also();
  };
  try {
    await waitFor(converged, what, timeoutMs);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${clients.map(describeClient).join("\n")}`);
  }
}

export async function exportFrom(endpoint: Endpoint, board: CreatedBoard, key = board.keys.viewer): Promise<Snapshot> {
  const res = await fetch(`${endpoint.url}/api/boards/${board.id}/export?format=json&key=${key}`);
  if (res.status !== 200) throw new Error(`export from ${endpoint.url} answered ${res.status}: ${await res.text()}`);
  return SnapshotSchema.parse(await res.json());
}

/**
 * What the store holds, and only the store: every node is killed, Redis forgets what it carried
 * (`forgetRedis`), and a node started afterwards exports the board from Postgres alone.
 */
export async function exportFromStoreAlone(cluster: Cluster, board: CreatedBoard, forgetRedis: () => Promise<void>): Promise<Snapshot> {
  for (const node of cluster.live) await cluster.kill(node);
  await forgetRedis();
  return exportFrom(await cluster.start(), board);
}

export interface Health {
  /** 0 when the node did not answer at all within the time limit. */
  status: number;
  body: unknown;
}

export async function health(endpoint: Endpoint): Promise<Health> {
  try {
    const res = await fetch(`${endpoint.url}/healthz`, { signal: AbortSignal.timeout(3000) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text so the assertion shows it
    }
    return { status: res.status, body };
  } catch {
    return { status: 0, body: null };
  }
}

/** Polls /healthz until it answers `status`; resolves with that answer. */
export async function waitHealth(endpoint: Endpoint, status: number, timeoutMs = 15_000): Promise<Health> {
  let last: Health = { status: 0, body: null };
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    last = await health(endpoint);
    if (last.status === status) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${endpoint.url}/healthz did not answer ${status} within ${timeoutMs} ms; last: ${last.status} ${JSON.stringify(last.body)}`);
}
