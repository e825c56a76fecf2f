import { expect } from "vitest";
import * as Y from "yjs";
import { addItem, placeItem } from "../../lib/board/commands";
import { readBoard, roots } from "../../lib/board/doc";
import type { Grid, Placement } from "../../lib/board/schema";
import type { Snapshot } from "../../lib/snapshot/schema";
import type { NodeClient, SeatedClient } from "./cluster";

/**
 * Load that can be checked for loss. Every move of a client both adds a note of its own (a key
 * nobody ever overwrites, so "every change anyone saw is still there" is an exact set check)
 * and moves that client's placement of one shared item (an overwrite, whose final value must be
 * the author's last).
 */
export const MOVED_ITEM = "rlhf";

export interface Mover {
  readonly client: NodeClient;
  /** The participant id this client writes as. */
  readonly participant: string;
  /** Ids of the notes it added, in order. */
  readonly written: string[];
  /** Its latest placement of MOVED_ITEM. */
  last: Placement | null;
}

/** Every item id the client's document has held at any moment: its own writes and what reached it. */
export function recordSeenItems(client: NodeClient): Set<string> {
  const seen = new Set<string>();
  const items = roots(client.doc).items;
  items.forEach((_value, key) => seen.add(key));
  items.observe((event: Y.YMapEvent<unknown>) => {
    for (const key of event.keysChanged) if (items.has(key)) seen.add(key);
  });
  return seen;
}

/** One move: a new note placed on the grid, and the shared item moved, in one transaction. */
export function move(mover: Mover, grid: Grid): void {
  const n = mover.written.length;
  const id = `${mover.participant}-${n}`;
  const cols = grid.columns.length;
  const rows = grid.rows.length;
  const doc = mover.client.doc;
  doc.transact(() => {
    addItem(doc, { id, text: `Move ${n} by ${mover.participant}`, createdBy: mover.participant, createdAt: Date.now() });
    placeItem(doc, { item: id, participant: mover.participant, col: (n * 0.37) % cols, row: (n * 0.61) % rows }, grid);
    mover.last = placeItem(doc, { item: MOVED_ITEM, participant: mover.participant, col: (n * 0.13) % cols, row: (n * 0.29) % rows }, grid);
  });
  mover.written.push(id);
}

export interface Load {
  readonly movers: Mover[];
  /** Stops every client's moves: none is made after it returns. */
  stop(): void;
}

/** Each client moves `perSecond` times a second until stopped, as the person whose seat it took. */
export function startMoves(clients: readonly SeatedClient[], perSecond: number): Load {
  const movers: Mover[] = clients.map((client) => ({ client, participant: client.participant, written: [], last: null }));
  const grid = readBoard(clients[0]!.doc).meta.grid;
  const timers = movers.map((m) => setInterval(() => move(m, grid), 1000 / perSecond));
  return {
    movers,
    stop() {
      for (const t of timers) clearInterval(t);
    },
  };
}

export const itemIdsOf = (client: NodeClient): Set<string> => new Set(roots(client.doc).items.keys());

/**
 * Nothing lost: every client and the export hold exactly the starter items plus every note any
 * mover wrote (so also everything any client saw), and each mover's last move of the shared item.
 */
export function expectNothingLost(movers: readonly Mover[], clients: readonly NodeClient[], seen: ReadonlyArray<ReadonlySet<string>>, exported: Snapshot, starters: ReadonlySet<string>): void {
  const written = movers.flatMap((m) => m.written);
  const expected = new Set([...starters, ...written]);
  expect(expected.size).toBe(starters.size + written.length);
  const everSeen = new Set(seen.flatMap((s) => [...s]));
  const seenButGone = [...everSeen].filter((id) => !expected.has(id));
  expect(seenButGone, "items seen that nobody wrote").toEqual([]);

  for (const c of clients) {
    const held = itemIdsOf(c);
    expect([...expected].filter((id) => !held.has(id)), `${c.name} is missing`).toEqual([]);
    expect(held.size, `${c.name} item count`).toBe(expected.size);
    const placements = roots(c.doc).placements;
    for (const m of movers) {
      expect(placements.get(`${MOVED_ITEM}:${m.participant}`), `${c.name}: last move of ${m.participant}`).toEqual(m.last);
      for (const id of m.written) expect(placements.has(`${id}:${m.participant}`), `${c.name}: placement of ${id}`).toBe(true);
    }
  }

  const exportedIds = new Set(exported.items.map((i) => i.id));
  expect([...expected].filter((id) => !exportedIds.has(id)), "missing from the export").toEqual([]);
  expect(exported.items).toHaveLength(expected.size);
  const moved = exported.items.find((i) => i.id === MOVED_ITEM)!;
  for (const m of movers) {
    if (!m.last) continue;
    expect(moved.placements.find((p) => p.participant === m.participant), `exported last move of ${m.participant}`).toMatchObject({ col: m.last.col, row: m.last.row, at: m.last.at });
  }
  for (const item of exported.items) {
    if (starters.has(item.id)) continue;
    expect(item.placements, `exported placements of ${item.id}`).toHaveLength(1);
  }
}
