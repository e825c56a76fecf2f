import { takeSeatOverHttp } from "../../tests/seat-over-http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { CreatedBoardSchema, type CreatedBoard } from "../../lib/api/schemas";
import type { Seat } from "../../lib/api/seats";
import { roots } from "../../lib/board/doc";
import { openSqliteStore } from "../../server/storage/sqlite";
import { makeRandom } from "../../tests/random";
import { SoakClient, startBot, startParticipant, type Actor } from "./clients";
import { BoardLedger, StoredState, docFromStore } from "./ledger";
import type { SoakOptions } from "./options";
import { freePort } from "../lib/port";
import { SoakServer, type Incarnation } from "./server";

/** Longest wait for every client to be back in step after a restart before the run calls it a failure. */
const RECONNECT_TIMEOUT_MS = 60_000;

export interface BoardOutcome {
  id: string;
  sent: number;
  sentInStore: number;
  relayedReceptions: number;
  relayedDistinct: number;
  /** Distinct updates some client saw relayed that the store does not hold in full. */
  lost: number;
  placements: number;
  converged: boolean;
  /** The store holds exactly what the clients converged on. */
  storeMatchesClients: boolean;
  /** Every relayed update, merged and applied to the stored doc, changed nothing. */
  ledgerAbsorbed: boolean;
}

export interface SoakResult {
  options: SoakOptions;
  serverCommand: string;
  dataDir: string;
  loadMs: number;
  totalMs: number;
  boards: BoardOutcome[];
  /** SIGKILLs during the load, then the final one; each was followed by a restart on the same data. */
  restarts: number;
  /** From each SIGKILL to every client of every board synced again, per restart (ms). */
  reconnectAllMs: number[];
  /** From each SIGKILL to each client's own sync again, per client and restart (ms). */
  reconnectClientMs: number[];
  /** From the new process listening to each client's own sync again, per client and restart (ms). */
  resyncClientMs: number[];
  /** From each SIGKILL to the new process listening (ms). */
  restartMs: number[];
  incarnations: Incarnation[];
  /** Warnings and errors the server logged, by level and message. */
  serverWarnings: Record<string, number>;
  /** RSS of the incarnation that served the end of the load: shortly after its start, and at the end. */
  lastUnderLoad: { index: number; earlyMb: number | null; lateMb: number | null; livedMs: number } | null;
  failures: string[];
}

/** The nearest-rank percentile; null for no values. */
export const percentile = (values: readonly number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function waitUntil(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) return false;
    await sleep(20);
  }
  return true;
}

async function createBoard(url: string, title: string): Promise<CreatedBoard> {
  const res = await fetch(`${url}/api/boards`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title, template: "alignment" }) });
  if (res.status !== 201) throw new Error(`creating a board failed: ${res.status} ${await res.text()}`);
  return CreatedBoardSchema.parse(await res.json());
}

/** A seat with the participant link, as a person joining takes one; their client then writes as them. */
async function takeSeat(url: string, board: CreatedBoard, name: string): Promise<Seat> {
  return takeSeatOverHttp(url, board.id, board.keys.participant, { name });
}

/**
 * The moments of the kills, ms after the load starts: one in each of `kills` equal slots over
 * the middle 90 % of the run, at a seeded random point of the slot's middle 70 %, so kills are
 * spread over the whole run and never back to back.
 */
export function killMoments(kills: number, loadMs: number, random: () => number): number[] {
  const slot = (loadMs * 0.9) / Math.max(1, kills);
  return Array.from({ length: kills }, (_, i) => loadMs * 0.05 + (i + 0.15 + 0.7 * random()) * slot);
}

const placementsOf = (client: SoakClient) => JSON.stringify([...roots(client.doc).placements.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
const vectorOf = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString("base64");

/** Same state vector and same placements map on every client of the board. */
const boardConverged = (clients: readonly SoakClient[]) =>
  clients.every((c) => vectorOf(c.doc) === vectorOf(clients[0]!.doc) && placementsOf(c) === placementsOf(clients[0]!));

/**
 * Runs the soak: the server as its own process, boards of participants and bots writing at
 * once, SIGKILLs at seeded moments each followed by a restart on the same data, then a final
 * restart once the clients settle, and the store checked against everything the clients saw.
 */
export async function runSoak(options: SoakOptions, log: (line: string) => void = () => {}): Promise<SoakResult> {
  const began = Date.now();
  const random = makeRandom(options.seed);
  const loadMs = options.minutes * 60_000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cruxboard-soak-"));
  const server = new SoakServer(await freePort(), dataDir);
  const failures: string[] = [];
  const actors: Actor[] = [];
  const clientsByBoard: SoakClient[][] = [];
  const ledgers: BoardLedger[] = [];
  const reconnectAllMs: number[] = [];
  const reconnectClientMs: number[] = [];
  const restartMs: number[] = [];
  const resyncClientMs: number[] = [];
  let restarts = 0;
  let lastUnderLoad: SoakResult["lastUnderLoad"] = null;
  const everyone = () => clientsByBoard.flat();
  // Each provider listens for the process's exit; a hundred of them are expected here, not a leak.
  process.setMaxListeners(Math.max(process.getMaxListeners(), options.boards * options.clients + options.bots + 10));

  /** SIGKILL, start again on the same port and data, and wait for every client to sync again. */
  const killAndRestart = async (label: string) => {
    const killedAt = Date.now();
    await server.kill();
    const next = await server.start();
    restarts++;
    restartMs.push(next.readyAt - killedAt);
    const back = await waitUntil(() => everyone().every((c) => c.inStep(killedAt)), RECONNECT_TIMEOUT_MS);
    if (!back) {
      const behind = everyone().filter((c) => !c.inStep(killedAt)).length;
      failures.push(`${label}: ${behind} clients were not in step ${RECONNECT_TIMEOUT_MS / 1000} s after the kill`);
      return;
    }
    reconnectAllMs.push(Math.max(...everyone().map((c) => c.syncedAt)) - killedAt);
    for (const c of everyone()) {
      reconnectClientMs.push(c.syncedAt - killedAt);
      resyncClientMs.push(c.syncedAt - next.readyAt);
    }
    next.rssEarlyMb = server.rssMb();
    log(`${label}: server back in ${next.readyAt - killedAt} ms, every client in step after ${reconnectAllMs.at(-1)} ms`);
  };

  try {
    await server.start();
    log(`server: ${server.command.what} on port ${server.port}, data in ${dataDir}`);
    for (let b = 0; b < options.boards; b++) {
      const board = await createBoard(server.url, `Soak board ${b + 1}`);
      const ledger = new BoardLedger(board.id);
      ledgers.push(ledger);
      const clients: SoakClient[] = [];
      // Seats before any load (and before any kill): the server writes each person's entry as it seats them.
      const seatOf = (name: string) => takeSeat(server.url, board, name);
      for (let c = 0; c < options.clients; c++) clients.push(new SoakClient(server.url, board.id, board.keys.participant, await seatOf(`p${b}-${c}`), false, ledger));
      if (b < options.bots) clients.push(new SoakClient(server.url, board.id, board.keys.participant, await seatOf(`bot${b}`), true, ledger));
      clientsByBoard.push(clients);
    }
    if (!(await waitUntil(() => everyone().every((c) => c.inStep()), RECONNECT_TIMEOUT_MS))) throw new Error("the clients did not all sync at the start");
    server.current.rssEarlyMb = server.rssMb();
    log(`${everyone().length} clients on ${options.boards} boards in step; load for ${options.minutes} min with ${options.kills} kills (seed ${options.seed})`);

    const loadStart = Date.now();
    clientsByBoard.forEach((clients, b) =>
      clients.forEach((client, c) => {
        const seed = (options.seed * 7919 + b * 101 + c + 1) >>> 0;
        actors.push(client.bot ? startBot(client, seed, options.botRate) : startParticipant(client, seed, options.actionSeconds));
      }),
    );
    const moments = killMoments(options.kills, loadMs, random);
    for (const [i, at] of moments.entries()) {
      await sleep(loadStart + at - Date.now());
      await killAndRestart(`kill ${i + 1}/${moments.length} at ${((Date.now() - loadStart) / 1000).toFixed(1)} s`);
    }
    await sleep(loadStart + loadMs - Date.now());
    for (const a of actors) a.stop();
    const lastIndex = server.incarnations.length - 1;
    const last = server.current;
    lastUnderLoad = { index: lastIndex, earlyMb: last.rssEarlyMb, lateMb: server.rssMb(), livedMs: Date.now() - last.readyAt };
    log(`load stopped after ${((Date.now() - loadStart) / 1000).toFixed(1)} s; settling`);

    const settled = () => everyone().every((c) => c.inStep()) && clientsByBoard.every(boardConverged);
    if (!(await waitUntil(settled, RECONNECT_TIMEOUT_MS))) failures.push("the clients did not settle after the load stopped");
    await killAndRestart("final restart");
    if (!(await waitUntil(settled, RECONNECT_TIMEOUT_MS))) failures.push("the clients did not converge after the final restart");

    const clientVectors = clientsByBoard.map((clients) => vectorOf(clients[0]!.doc));
    const converged = clientsByBoard.map(boardConverged);
    const placementCounts = clientsByBoard.map((clients) => roots(clients[0]!.doc).placements.size);
    for (const c of everyone()) c.destroy();
    await server.close();

    // The store is read from a copy, so checking it can change nothing in what the server left behind.
    const checkDir = path.join(dataDir, "check");
    fs.mkdirSync(checkDir);
    for (const file of fs.readdirSync(dataDir)) if (file.startsWith("cruxboard.sqlite")) fs.copyFileSync(path.join(dataDir, file), path.join(checkDir, file));
    const store = openSqliteStore({ dir: checkDir });
    const boards: BoardOutcome[] = [];
    try {
      for (const [b, ledger] of ledgers.entries()) {
        const stored = new StoredState(docFromStore((await store.loadDoc(ledger.boardId)).updates));
        const relayed = ledger.relayedUpdates();
        const outcome: BoardOutcome = {
          id: ledger.boardId,
          sent: ledger.sent.length,
          sentInStore: ledger.sent.filter((u) => stored.holds(u)).length,
          relayedReceptions: ledger.receptions,
          relayedDistinct: relayed.length,
          lost: relayed.filter((u) => !stored.holds(u)).length,
          placements: placementCounts[b]!,
          converged: converged[b]!,
          storeMatchesClients: vectorOf(stored.doc) === clientVectors[b],
          ledgerAbsorbed: stored.absorbs(relayed) && stored.absorbs(ledger.sent),
        };
        boards.push(outcome);
        const name = `board ${b + 1}`;
        if (outcome.lost > 0) failures.push(`${name}: ${outcome.lost} updates seen relayed are missing from the store`);
        if (outcome.sentInStore < outcome.sent) failures.push(`${name}: ${outcome.sent - outcome.sentInStore} updates its clients made are missing from the store`);
        if (!outcome.ledgerAbsorbed) failures.push(`${name}: applying what the clients saw and made to the stored doc changes it`);
        if (!outcome.converged) failures.push(`${name}: its clients did not converge`);
        if (!outcome.storeMatchesClients) failures.push(`${name}: the store's state vector differs from the clients'`);
      }
    } finally {
      await store.close();
    }
    for (const crash of server.crashes) failures.push(`the server (pid ${crash.pid}) ended by itself: ${crash.exit}`);
    if (restarts < options.kills + 1) failures.push(`only ${restarts} restarts of ${options.kills + 1}`);
    return {
      options,
      serverCommand: server.command.what,
      dataDir,
      loadMs,
      totalMs: Date.now() - began,
      boards,
      restarts,
      reconnectAllMs,
      reconnectClientMs,
      restartMs,
      resyncClientMs,
      incarnations: server.incarnations,
      serverWarnings: Object.fromEntries(server.warnings),
      lastUnderLoad,
      failures,
    };
  } finally {
    for (const a of actors) a.stop();
    for (const c of everyone()) c.destroy();
    await server.close();
  }
}

/** Removes the run's data directory; a failed run's is kept for reading its server.log and store. */
export function cleanUp(result: SoakResult): void {
  if (result.failures.length === 0) fs.rmSync(result.dataDir, { recursive: true, force: true });
}
