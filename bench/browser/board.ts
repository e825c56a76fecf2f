import { takeSeatOverHttp } from "../../tests/seat-over-http";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { CreatedBoard } from "../../lib/api/schemas";
import type { Seat } from "../../lib/api/seats";
import { colorFor } from "../../lib/board/colors";
import { addItem, joinParticipant, placeItem } from "../../lib/board/commands";
import { readBoard, roots } from "../../lib/board/doc";
import type { GridPoint } from "../../lib/board/grid";
import type { Grid } from "../../lib/board/schema";
import { sleep, type Clock } from "../lib/clock";
import { makeRandom } from "./stats";

export const PARTICIPANTS = 40;
export const ITEMS = 30;
/** The two browser participants; the other 38 are written by Node clients. */
export const PERSON_A = { id: "p-bench-a", name: "Ada" } as const;
export const PERSON_B = { id: "p-bench-b", name: "Ben" } as const;

const EXTRA_ITEMS = [
  "Red-teaming",
  "Capability evals",
  "Debate",
  "Weak-to-strong generalisation",
  "Eliciting latent knowledge",
  "Sparse autoencoders",
  "Model organisms of misalignment",
  "Constitutional AI",
  "Formal verification",
  "Unlearning",
  "Trojan detection",
  "Interpretability benchmarks",
  "Process supervision",
  "Reward model overoptimisation",
  "Situational awareness evals",
  "Goal misgeneralisation",
  "Activation steering",
  "Corrigibility",
  "Compute governance",
  "Honesty training",
  "Anomaly detection",
];

export async function createBoard(url: string, title: string): Promise<CreatedBoard> {
  const res = await fetch(`${url}/api/boards`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title, template: "alignment" }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST /api/boards → ${res.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as CreatedBoard;
}

/** A stock y-websocket client in Node, as a bot or another device would run it. */
export interface BotClient {
  doc: Y.Doc;
  grid(): Grid;
  close(): void;
}

/** A seat with `key` (the participant link, or the facilitator's to claim `participant`), as a person joining takes one. */
export async function takeSeat(url: string, board: CreatedBoard, name: string, key = board.keys.participant, participant?: string): Promise<Seat> {
  return takeSeatOverHttp(url, board.id, key, participant !== undefined ? { name, participant } : { name });
}

/**
 * A Node client of the board: with a seat it writes as that person (the server applies nothing
 * else from it); without one, with the participant key, it only reads; with `key`, as that key.
 */
export async function connectBot(url: string, board: CreatedBoard, access: { seat?: string; key?: string } = {}, timeoutMs = 15_000): Promise<BotClient> {
  const doc = new Y.Doc();
  const key = access.key ?? board.keys.participant;
  const provider = new WebsocketProvider(url.replace(/^http/, "ws") + "/sync", board.id, doc, {
    params: access.seat !== undefined ? { key, seat: access.seat } : { key },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Never BroadcastChannel: every client must go through the server, as separate devices do.
    disableBc: true,
  });
  // Bots have no presence; an empty awareness state would only be relayed and then skipped by every page.
  provider.awareness.setLocalState(null);
  const deadline = Date.now() + timeoutMs;
  while (!provider.synced) {
    if (Date.now() > deadline) {
      provider.destroy();
      throw new Error(`a Node client did not sync within ${timeoutMs} ms`);
    }
    await sleep(20);
  }
  return {
    doc,
    grid: () => readBoard(doc).meta.grid,
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** When each placement last changed in a Node client's copy of the board, on the Node clock. */
export function watchPlacements(bot: BotClient, clock: Clock): Map<string, number> {
  const seen = new Map<string, number>();
  roots(bot.doc).placements.observe((event) => {
    const t = clock();
    for (const key of event.keysChanged) seen.set(key, t);
  });
  return seen;
}

/**
 * Where the browser participants keep their notes: one column of slots per
 * cell, spaced further apart than a note is tall, so a pointer pressed on a
 * note's pin always lands on that note and never on a neighbour.
 */
export const SLOT_ROWS = [0.12, 0.3, 0.48, 0.66, 0.84] as const;
export const SLOT_COL = 0.1;

export interface Slot {
  row: number;
  col: number;
  /** Which of SLOT_ROWS inside the cell. */
  index: number;
}

export function slotPoint(slot: Slot): GridPoint {
  return { col: slot.col + SLOT_COL, row: slot.row + SLOT_ROWS[slot.index]! };
}

export const slotKey = (s: Slot): string => `${s.row}:${s.col}:${s.index}`;

export function allSlots(rows: number, columns: number): Slot[] {
  const out: Slot[] = [];
  for (let index = 0; index < SLOT_ROWS.length; index++) {
    for (let row = 0; row < rows; row++) for (let col = 0; col < columns; col++) out.push({ row, col, index });
  }
  return out;
}

/** The bot people, each writing only through a connection with their own seat (participant id → client). */
export type BotCrowd = Map<string, BotClient>;

/** One connection per bot person, each with that person's seat. */
export async function connectCrowd(url: string, board: CreatedBoard, seats: readonly Seat[]): Promise<BotCrowd> {
  // Every stock provider listens for the process's exit; a crowd of them is expected, not a leak.
  process.setMaxListeners(Math.max(process.getMaxListeners(), 2 * seats.length + 20));
  const clients = await Promise.all(seats.map((s) => connectBot(url, board, { seat: s.seat })));
  return new Map(seats.map((s, i) => [s.participant.id, clients[i]!]));
}

export interface SeededBoard {
  items: string[];
  participants: string[];
  /** The bot people's seats (every participant but A and B), so later phases can write as them. */
  botSeats: Seat[];
  /** Each browser participant's notes, by item id. */
  slotsOf: Record<string, Map<string, Slot>>;
  placements: number;
  seedMs: number;
}

/**
 * 40 participants × 30 items, every item placed by everyone: 1,200
 * placements. Bots' placements scatter around a per-item centre, as a group
 * that half agrees would; the two browser participants' notes sit in slots.
 * Each bot takes a seat (the server writes its entry and makes its id) and
 * writes its own placements through its own connection, one transaction each.
 * The facilitator's connection adds the extra items and seeds A and B, whose
 * pages remember their ids and join through the app.
 */
export async function seedBoard(url: string, board: CreatedBoard, seed: number): Promise<SeededBoard> {
  const started = Date.now();
  const random = makeRandom(seed);
  const botSeats: Seat[] = [];
  for (let i = 0; i < PARTICIPANTS - 2; i++) botSeats.push(await takeSeat(url, board, `Bot ${String(i + 1).padStart(2, "0")}`));
  const facilitator = await connectBot(url, board, { key: board.keys.facilitator });
  const crowd = await connectCrowd(url, board, botSeats);
  const clients = [facilitator, ...crowd.values()];
  try {
    const first = facilitator;
    const grid = first.grid();
    const rows = grid.rows.length;
    const columns = grid.columns.length;
    const existing = readBoard(first.doc).items.map((i) => i.id);
    const items = [...existing];
    first.doc.transact(() => {
      for (let i = 0; items.length < ITEMS; i++) {
        const id = `bench-item-${String(i + 1).padStart(2, "0")}`;
        addItem(first.doc, { id, text: EXTRA_ITEMS[i % EXTRA_ITEMS.length]!, createdBy: botSeats[0]!.participant.id, createdAt: Date.now() });
        items.push(id);
      }
    });
    await waitFor(() => clients.every((c) => readBoard(c.doc).items.length >= ITEMS), 10_000, "the added items reach every writer");

    const participants = [PERSON_A.id, PERSON_B.id, ...crowd.keys()];
    const centres = new Map(items.map((id) => [id, { col: random() * columns, row: random() * rows }]));
    const slots = allSlots(rows, columns);
    const slotsOf: Record<string, Map<string, Slot>> = {};

    for (const participant of participants) {
      const person = participant === PERSON_A.id ? PERSON_A : participant === PERSON_B.id ? PERSON_B : null;
      const client = person ? facilitator : crowd.get(participant)!;
      const mine = new Map<string, Slot>();
      client.doc.transact(() => {
        if (person) joinParticipant(client.doc, { id: person.id, name: person.name, color: colorFor(person.id), joinedAt: Date.now() });
        items.forEach((item, i) => {
          let point: GridPoint;
          if (participant === PERSON_A.id || participant === PERSON_B.id) {
            const slot = slots[i]!;
            mine.set(item, slot);
            point = slotPoint(slot);
          } else {
            const c = centres.get(item)!;
            point = { col: clamp(c.col + (random() - 0.5) * 1.6, columns), row: clamp(c.row + (random() - 0.5) * 1.6, rows) };
          }
          placeItem(client.doc, { item, participant, ...point }, grid);
        });
      });
      if (mine.size > 0) slotsOf[participant] = mine;
    }

    const expected = participants.length * items.length;
    await waitFor(
      () => clients.every((c) => readBoard(c.doc).placements.length >= expected),
      30_000,
      `all ${expected} placements reach every writer`,
    );
    return { items, participants, botSeats, slotsOf, placements: expected, seedMs: Date.now() - started };
  } finally {
    for (const c of clients) c.close();
  }
}

/** A point well inside the grid, away from the far edges that placements must stay below. */
export function clamp(x: number, max: number): number {
  return Math.min(max - 0.01, Math.max(0.01, x));
}

export async function waitFor(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(25);
  }
}
