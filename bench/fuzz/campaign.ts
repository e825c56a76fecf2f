/*
 * One frame-fuzzing campaign against a live server: a real server on port 0 (createServer with a
 * SQLite store in a fresh directory, as tests/integration/harness.ts starts it, but with a logger
 * that keeps its lines), one board, honest stock y-websocket clients editing it throughout, and
 * fuzzing connections sending ./frames.ts frames with a viewer, then a participant key without a
 * seat, then with one, then a facilitator key; then the seat cases of ./seat-cases.ts. Returns what
 * it saw and every broken promise as a problem; it asserts nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { isDeepStrictEqual } from "node:util";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { Seat } from "../../lib/api/seats";
import { addItem, editItem, placeItem, unplaceItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import { ROOT_NAMES, type Role } from "../../lib/board/schema";
import type { CreatedBoard } from "../../lib/api/schemas";
import { createServer, type ServerLimits } from "../../server/index";
import { createLogger } from "../../server/log";
import { openSqliteStore } from "../../server/storage/sqlite";
import { SERVER_IDS_FROM } from "../../server/sync/admit";
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS } from "../../server/sync/protocol";
import { makeRandom } from "../../tests/random";
import { CATEGORIES, createFrameGenerator, type Category, type FuzzFrame } from "./frames";
import { runSeatCases, takeSeat } from "./seat-cases";

/** A fuzzing phase's connections: a board key, or the participant key with a seat of the fuzzer's own. */
export type FuzzRole = Role | "seated";

export interface CampaignOptions {
  frames: number;
  seed: number;
  /** Honest clients editing the board throughout; 3 by default. */
  honest?: number;
  /** Fuzzing connections open at once in each phase; 2 by default. */
  connections?: number;
  /** One phase per role, in this order; every role by default. */
  roles?: readonly FuzzRole[];
  limits?: Partial<ServerLimits>;
  /** Progress lines (a phase starts, every 1,000 frames). */
  progress?: (line: string) => void;
}

export interface MemorySample {
  rssMB: number;
  heapUsedMB: number;
}

export interface CampaignReport {
  seed: number;
  frames: number;
  durationMs: number;
  sent: Record<Category, number>;
  closes: number;
  closesByCode: Record<string, number>;
  closesByCategory: Partial<Record<Category, number>>;
  /** The frames that took longest from sending to their answer or close. */
  slowest: Array<{ role: FuzzRole; category: Category; variant: string; bytes: number; ms: number }>;
  /** Frames after which neither an answer nor a close came within the wait. */
  unanswered: number;
  honestDisconnects: number;
  honestEdits: number;
  /** Seat cases run (./seat-cases.ts); their failures are among the problems. */
  seatCases: number;
  /** Process memory, the server's and the clients' together: before the first frame and after the last, each after a full GC. */
  memoryBefore: MemorySample;
  memoryAfter: MemorySample;
  peakRssMB: number;
  /** The board's size as one Yjs update after the run. */
  boardBytes: number;
  errorLines: string[];
  warnLines: number;
  problems: string[];
}

/** How long one frame's answer (or close) is waited for before the next frame goes anyway. */
const ANSWER_WAIT_MS = 5000;
const MARKER = new Uint8Array([MESSAGE_QUERY_AWARENESS]);
/** An empty step 2: the fuzzing connection has answered the server's step 1 and counts as caught up. */
const EMPTY_STEP2 = new Uint8Array([0, 1, 2, 0, 0]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** A full GC, whether or not node runs with --expose-gc. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

function sampleMemory(gc?: () => void): MemorySample {
  gc?.();
  const m = process.memoryUsage();
  return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed) };
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) return false;
    await sleep(20);
  }
  return true;
}

/** Which struct currently holds each key of each root map, by id. */
function entryIds(doc: Y.Doc): Map<string, string> {
  const out = new Map<string, string>();
  for (const root of ROOT_NAMES) {
    for (const [key, item] of doc.getMap(root)._map) {
      if (!item.deleted) out.set(`${root}\u0000${key}`, `${item.id.client}:${item.id.clock}`);
    }
  }
  return out;
}

/** Whether an entry is `owner`'s own as seats define it: their placement, an item they created, their entry. */
function ownedBy(doc: Y.Doc, owner: string, root: string, key: string): boolean {
  const value = doc.getMap<Record<string, unknown> | undefined>(root).get(key);
  if (root === "placements") return key.endsWith(`:${owner}`) && value?.participant === owner;
  if (root === "items") return value?.createdBy === owner;
  return root === "participants" && key === owner;
}

const rootsJson = (doc: Y.Doc) => Object.fromEntries(ROOT_NAMES.map((r) => [r, doc.getMap(r).toJSON()]));

interface Honest {
  doc: Y.Doc;
  provider: WebsocketProvider;
  participant: string;
  /** What this client last wrote under each of its keys; undefined for a key it deleted. */
  wrote: Map<string, unknown>;
  disconnects: number;
  edits: number;
}

/** An honest person: seated first (the server writes their entry), then writing as them. */
function startHonest(wsUrl: string, board: CreatedBoard, seat: Seat): Honest {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsUrl}/sync`, board.id, doc, {
    params: { key: board.keys.participant, seat: seat.seat },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  const honest: Honest = { doc, provider, participant: seat.participant.id, wrote: new Map(), disconnects: 0, edits: 0 };
  // Every status event after the first connection is a disconnect or a reconnect: an honest client must see none.
  let statuses = 0;
  provider.on("status", () => {
    if (++statuses > 1) honest.disconnects++;
  });
  return honest;
}

/** One honest edit: place or take back one of the board's notes, or add or edit an item of one's own. */
function honestEdit(h: Honest, rng: () => number): void {
  const state = readBoard(h.doc);
  const r = rng();
  const own = state.items.filter((i) => i.createdBy === h.participant);
  const notes = state.items.filter((i) => i.createdBy !== h.participant && !i.id.startsWith("fz"));
  if (r < 0.55 && notes.length > 0) {
    const item = notes[Math.floor(rng() * notes.length)]!.id;
    // Inside every grid a board can have (2×2 at least), whatever a facilitator does to the grid meanwhile.
    const p = placeItem(h.doc, { item, participant: h.participant, col: rng() * 1.99, row: rng() * 1.99 }, state.meta.grid);
    h.wrote.set(`placements\u0000${item}:${h.participant}`, p);
  } else if (r < 0.7 && notes.length > 0) {
    const item = notes[Math.floor(rng() * notes.length)]!.id;
    unplaceItem(h.doc, item, h.participant);
    h.wrote.set(`placements\u0000${item}:${h.participant}`, undefined);
  } else if (r < 0.85 || own.length === 0) {
    const id = `${h.participant}-${h.edits}`;
    const item = addItem(h.doc, { id, text: `note ${h.edits} of ${h.participant}`, createdBy: h.participant, createdAt: 1_700_000_000_000 + h.edits });
    h.wrote.set(`items\u0000${id}`, item);
  } else {
    const target = own[Math.floor(rng() * own.length)]!;
    const item = editItem(h.doc, target.id, { text: `edited ${h.edits}`, note: "x".repeat(Math.floor(rng() * 200)) });
    h.wrote.set(`items\u0000${target.id}`, item);
  }
  h.edits++;
}

/** A raw fuzzing connection: sends frames one at a time and waits for each to be handled. */
class FuzzSocket {
  private ws!: WebSocket;
  private awarenessSeen = 0;
  private closedWith: { code: number; reason: string } | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly url: string) {}

  async open(): Promise<void> {
    this.closedWith = null;
    this.ws = new WebSocket(this.url);
    this.ws.binaryType = "nodebuffer";
    this.ws.on("message", (data: Buffer) => {
      if (data.byteLength > 0 && data[0] === MESSAGE_AWARENESS) {
        this.awarenessSeen++;
        this.wake?.();
      }
    });
    this.ws.on("close", (code, reason) => {
      this.closedWith = { code, reason: reason.toString() };
      this.wake?.();
    });
    this.ws.on("error", () => undefined);
    await new Promise<void>((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      this.ws.once("close", () => reject(new Error("closed before opening")));
    });
    this.ws.send(EMPTY_STEP2);
  }

  /** Sends one frame and then asks for presence; resolves with the close, if the frame cost the connection. */
  async send(frame: FuzzFrame): Promise<{ code: number; reason: string } | "open" | "unanswered"> {
    const before = this.awarenessSeen;
    if (this.closedWith) return this.closedWith;
    if (typeof frame.data === "string") this.ws.send(frame.data);
    else this.ws.send(frame.data, { binary: true });
    this.ws.send(MARKER);
    const answered = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ANSWER_WAIT_MS);
      this.wake = () => {
        if (this.closedWith || this.awarenessSeen > before) {
          clearTimeout(timer);
          resolve(true);
        }
      };
      this.wake();
    });
    this.wake = null;
    if (this.closedWith) return this.closedWith;
    return answered ? "open" : "unanswered";
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Waits for `pending`, or reports that it did not come within `ms` (a promise nothing will resolve would otherwise end the process quietly). */
async function within<T>(pending: Promise<T>, ms: number, what: string, problems: string[]): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      problems.push(`${what} did not finish within ${ms / 1000} s`);
      resolve(undefined);
    }, ms);
  });
  try {
    return await Promise.race([pending, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs a campaign; never throws for what the server does wrong, only reports it. */
export async function runCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const { frames, seed } = options;
  const roles = options.roles ?? (["viewer", "participant", "seated", "facilitator"] as const);
  const connections = options.connections ?? 2;
  const progress = options.progress ?? (() => undefined);
  const problems: string[] = [];
  const errorLines: string[] = [];
  let warnLines = 0;
  const onUncaught = (err: unknown) => problems.push(`uncaught exception: ${String(err)}`);
  const onRejection = (err: unknown) => problems.push(`unhandled rejection: ${String(err)}`);
  process.on("uncaughtException", onUncaught);
  process.on("unhandledRejection", onRejection);

  const logger = createLogger("warn", (line) => {
    if (line.includes('"level":"error"')) errorLines.push(line.slice(0, 2000));
    else warnLines++;
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cruxboard-fuzz-"));
  const maxMessageBytes = options.limits?.maxMessageBytes ?? 1024 * 1024;
  const server = createServer({ store: openSqliteStore({ dir }), logger, limits: { roomIdleMs: 60_000, ...options.limits } });
  const { port } = await server.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}`;
  const wsUrl = `ws://127.0.0.1:${port}`;
  const gc = collector();
  const honest: Honest[] = [];
  const sent = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const closesByCode: Record<string, number> = {};
  const closesByCategory: Partial<Record<Category, number>> = {};
  let closes = 0;
  let unanswered = 0;
  const slowest: CampaignReport["slowest"] = [];
  let peakRss = 0;
  const started = Date.now();
  let editing: NodeJS.Timeout | null = null;

  try {
    const res = await fetch(`${url}/api/boards`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    const board = (await res.json()) as CreatedBoard;
    const serverDoc = () => server.rooms.withSettledRoom(board.id, (room) => room.doc);

    for (let i = 0; i < (options.honest ?? 3); i++) honest.push(startHonest(wsUrl, board, await takeSeat(url, board, `Honest ${i}`)));
    if (!(await waitFor(() => honest.every((h) => h.provider.synced), 10_000))) throw new Error("honest clients did not sync");
    // The fuzzer's own seat, for the seated phase: frames that write anything not this person's must be refused.
    const fuzzSeat = await takeSeat(url, board, "Fuzzer");
    const editRng = makeRandom(seed ^ 0x5eed);
    editing = setInterval(() => {
      for (const h of honest) if (editRng() < 0.5) honestEdit(h, editRng);
    }, 25);

    // What the board held before any fuzzing: the template, written by the server.
    const initialDoc = await serverDoc();
    const honestIds = new Set(honest.map((h) => h.doc.clientID));
    const trusted = (id: string) => {
      const client = Number(id.split(":")[0]);
      return honestIds.has(client) || client >= SERVER_IDS_FROM;
    };
    const known = [...Y.decodeStateVector(Y.encodeStateVector(initialDoc))]
      .filter(([client]) => !honestIds.has(client))
      .map(([client, clock]) => ({ client, clock }));
    const memoryBefore = sampleMemory(gc);

    let framesDone = 0;
    const perPhase = Math.ceil(frames / roles.length);
    for (const [phase, role] of roles.entries()) {
      progress(`phase ${phase + 1}/${roles.length}: ${role} key, ${perPhase} frames over ${connections} connections`);
      const before = entryIds(await serverDoc());
      const metaBefore = (await serverDoc()).getMap("meta").toJSON();
      const budget = Array.from({ length: connections }, (_, i) => Math.floor(perPhase / connections) + (i < perPhase % connections ? 1 : 0));
      await Promise.all(
        budget.map(async (count, index) => {
          const gen = createFrameGenerator((seed + phase * 7919 + index * 104_729) >>> 0, { maxMessageBytes, knownClients: known });
          const query = role === "seated" ? `key=${board.keys.participant}&seat=${fuzzSeat.seat}` : `key=${board.keys[role]}`;
          const socket = new FuzzSocket(`${wsUrl}/sync/${board.id}?${query}`);
          await socket.open();
          for (let n = 0; n < count; n++) {
            const frame = gen.next();
            sent[frame.category]++;
            const sentAt = performance.now();
            const outcome = await socket.send(frame);
            const ms = Math.round(performance.now() - sentAt);
            if (slowest.length < 8 || ms > slowest[slowest.length - 1]!.ms) {
              slowest.push({ role, category: frame.category, variant: frame.variant, bytes: frame.data.length, ms });
              slowest.sort((a, b) => b.ms - a.ms);
              slowest.length = Math.min(slowest.length, 8);
            }
            if (outcome === "unanswered") unanswered++;
            else if (outcome !== "open") {
              closes++;
              closesByCode[outcome.code] = (closesByCode[outcome.code] ?? 0) + 1;
              closesByCategory[frame.category] = (closesByCategory[frame.category] ?? 0) + 1;
              if (outcome.code === 1011) problems.push(`server error closing a ${role} connection after ${frame.category} (${frame.variant}): ${outcome.reason}`);
              gen.newSession();
              await socket.open();
            }
            if (++framesDone % 1000 === 0) {
              const rss = process.memoryUsage().rss;
              peakRss = Math.max(peakRss, rss);
              progress(`${framesDone} frames, ${closes} closes, rss ${mb(rss)} MB`);
            }
          }
          socket.close();
        }),
      );

      const doc = await serverDoc();
      const rootNames = [...doc.share.keys()].filter((name) => !(ROOT_NAMES as readonly string[]).includes(name));
      if (rootNames.length > 0) problems.push(`after the ${role} phase the board has root types outside the format: ${rootNames.join(", ")}`);
      for (const [entry, id] of entryIds(doc)) {
        if (before.get(entry) === id || trusted(id)) continue;
        const [root, key] = entry.split("\u0000") as [string, string];
        // Without a seat a participant writes nothing; with one, only what is the fuzzer's own.
        if (role === "viewer" || role === "participant" || (role === "seated" && !ownedBy(doc, fuzzSeat.participant.id, root, key))) {
          problems.push(`a ${role} connection wrote ${entry.replace("\u0000", ".")} (struct ${id})`);
        }
      }
      if (role === "viewer") {
        for (const [entry, id] of before) if (!trusted(id) && entryIds(doc).get(entry) !== id) problems.push(`a viewer connection changed ${entry.replace("\u0000", ".")}`);
      }
      if (role !== "facilitator" && !isDeepStrictEqual(doc.getMap("meta").toJSON(), metaBefore)) {
        problems.push(`a ${role} connection changed meta`);
      }
    }

    clearInterval(editing);
    editing = null;
    progress("seat cases");
    const seatCases = await runSeatCases({ url, wsUrl, board, serverDoc, victim: honest[0]!.participant });
    problems.push(...seatCases.problems);
    progress("checking the board");
    const doc = await within(serverDoc(), 30_000, "settling the board", problems);
    if (!doc) throw new Error(`the board did not settle: ${problems.join("; ")}`);
    try {
      const converged = await waitFor(() => {
        const board = rootsJson(doc);
        return honest.every((h) => isDeepStrictEqual(rootsJson(h.doc), board));
      }, 15_000);
      if (!converged) problems.push("honest clients did not converge with the server's board");
    } catch (err) {
      problems.push(`the board cannot be compared with the honest clients' copies: ${String(err)}`);
    }
    for (const h of honest) {
      for (const [entry, value] of h.wrote) {
        const [root, key] = entry.split("\u0000") as [string, string];
        const stored = doc.getMap(root).get(key);
        if (!isDeepStrictEqual(stored, value)) problems.push(`${h.participant}'s ${root}.${key} is ${JSON.stringify(stored)?.slice(0, 200)}, not what it wrote`);
      }
    }
    try {
      readBoard(doc);
    } catch (err) {
      problems.push(`the board cannot be read: ${String(err)}`);
    }
    const honestDisconnects = honest.reduce((n, h) => n + h.disconnects, 0);
    if (honestDisconnects > 0) problems.push(`honest clients disconnected ${honestDisconnects} times`);
    for (const line of errorLines) problems.push(`error logged: ${line.slice(0, 500)}`);
    const boardBytes = Y.encodeStateAsUpdate(doc).byteLength;
    for (const h of honest) h.provider.destroy();
    const room = await within(server.rooms.withSettledRoom(board.id, (r) => r), 30_000, "settling the board", problems);
    if (room && !(await waitFor(() => room.connectionCount === 0, 5000))) problems.push(`${room.connectionCount} connections still open after every client left`);
    const memoryAfter = sampleMemory(gc);
    return {
      seed,
      frames: framesDone,
      durationMs: Date.now() - started,
      sent,
      closes,
      closesByCode,
      closesByCategory,
      slowest,
      unanswered,
      honestDisconnects,
      honestEdits: honest.reduce((n, h) => n + h.edits, 0),
      seatCases: seatCases.cases,
      memoryBefore,
      memoryAfter,
      peakRssMB: mb(Math.max(peakRss, process.memoryUsage().rss)),
      boardBytes,
      errorLines,
      warnLines,
      problems,
    };
  } finally {
    if (editing) clearInterval(editing);
    for (const h of honest) {
      h.provider.destroy();
      h.doc.destroy();
    }
    await within(server.close(), 30_000, "closing the server", problems);
    fs.rmSync(dir, { recursive: true, force: true });
    process.off("uncaughtException", onUncaught);
    process.off("unhandledRejection", onRejection);
  }
}
