import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { CreatedBoard } from "../../lib/api/schemas";
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

export async function connectBot(url: string, board: CreatedBoard, timeoutMs = 15_000): Promise<BotClient> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url.replace(/^http/, "ws") + "/sync", board.id, doc, {
    params: { key: board.keys.participant },
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

export interface SeededBoard {
  items: string[];
  participants: string[];
  /** Each browser participant's notes, by item id. */
  slotsOf: Record<string, Map<string, Slot>>;
  placements: number;
  seedMs: number;
}

/**
 * 40 participants × 30 items, every item placed by everyone: 1,200
 * placements. Bots' placements scatter around a per-item centre, as a group
 * that half agrees would; the two browser participants' notes sit in slots.
 * Several clients write at once, one transaction per participant.
 */
export async function seedBoard(url: string, board: CreatedBoard, writers: number, seed: number): Promise<SeededBoard> {
  const started = Date.now();
  const random = makeRandom(seed);
  const clients = await Promise.all(Array.from({ length: writers }, () => connectBot(url, board)));
  try {
    const first = clients[0]!;
    const grid = first.grid();
    const rows = grid.rows.length;
    const columns = grid.columns.length;
    const existing = readBoard(first.doc).items.map((i) => i.id);
    const items = [...existing];
    first.doc.transact(() => {
      for (let i = 0; items.length < ITEMS; i++) {
        const id = `bench-item-${String(i + 1).padStart(2, "0")}`;
        addItem(first.doc, { id, text: EXTRA_ITEMS[i % EXTRA_ITEMS.length]!, createdBy: "p-bot-01", createdAt: Date.now() });
        items.push(id);
      }
    });
    await waitFor(() => clients.every((c) => readBoard(c.doc).items.length >= ITEMS), 10_000, "the added items reach every writer");

    const participants = [
      PERSON_A.id,
      PERSON_B.id,
      ...Array.from({ length: PARTICIPANTS - 2 }, (_, i) => `p-bot-${String(i + 1).padStart(2, "0")}`),
    ];
    const names: Record<string, string> = { [PERSON_A.id]: PERSON_A.name, [PERSON_B.id]: PERSON_B.name };
    const centres = new Map(items.map((id) => [id, { col: random() * columns, row: random() * rows }]));
    const slots = allSlots(rows, columns);
    const slotsOf: Record<string, Map<string, Slot>> = {};

    participants.forEach((participant, p) => {
      const client = clients[p % clients.length]!;
      const mine = new Map<string, Slot>();
      client.doc.transact(() => {
        joinParticipant(client.doc, {
          id: participant,
          name: names[participant] ?? `Bot ${participant.slice(6)}`,
          color: colorFor(participant),
          joinedAt: Date.now(),
        });
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
    });

    const expected = participants.length * items.length;
    await waitFor(
      () => clients.every((c) => readBoard(c.doc).placements.length >= expected),
      30_000,
      `all ${expected} placements reach every writer`,
    );
    return { items, participants, slotsOf, placements: expected, seedMs: Date.now() - started };
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
