import * as Y from "yjs";
import type { HistoryEvent, Replay } from "../api/schemas";
import { DEFAULT_META, pseudonym, readBoard, readGrid, readItemEntry, readParticipantEntry, readPlacementEntry, roots, withPseudonyms } from "./doc";
import { sizeOf, type GridSize } from "./grid";
import { foldEvents } from "./timeline";
import { EpochMsSchema, type Participant } from "./schema";

/**
 * A board's history as a timeline: what was placed, moved, taken back, added
 * and removed, and when. Built by replaying the stored updates one by one, so
 * a client can scrub through a session without ever touching Yjs. The
 * timeline's schemas live with the HTTP API's, free of Yjs, for the client.
 */

export interface HistoryInput {
  /** The server's time of the update (epoch ms), null where it is unknown. */
  at: number | null;
  update: Uint8Array;
  /** The state that pruning left in place of older history: what it holds is the replay's `start`. */
  folded?: boolean;
}

export interface ReplayOptions {
  /** Moves of one placement this close together (ms) make one event: a drag is many small moves. */
  coalesceMs?: number;
  /**
   * Changes of a placement's reason alone (same spot) this close together (ms) make one event:
   * a reason is saved at each pause in typing, and a replay should read the finished sentence.
   */
  reasonCoalesceMs?: number;
  /** The most events returned; older ones are folded into `start`. */
  maxEvents?: number;
}

export const COALESCE_MS = 250;
export const REASON_COALESCE_MS = 10_000;
export const MAX_HISTORY_EVENTS = 20_000;

type Change = { root: "items" | "placements" | "participants"; key: string; deleted: boolean };

/**
 * Replays `entries` in order into a fresh document and describes every change
 * to items, placements and participants. Meta changes make no events: `final`
 * carries the board's meta as it ended.
 *
 * Times: an entry's own time when it has one. Where it is unknown, each event
 * takes the time its value carries (a placement's `at`, an item's `createdAt`,
 * a participant's `joinedAt`), or the previous event's time when it carries
 * none, held between the previous event's time and the next known entry time.
 * Either way no event is earlier than the one before, even if the server's
 * clock stepped back.
 *
 * Coalescing: a place event for a placement whose previous event was a place
 * no more than `coalesceMs` earlier replaces it (position and time of the later
 * one), so a drag leaves one event where it ended.
 *
 * Every value is validated as readers validate it (placements must also lie in
 * the grid of the time and belong to an item then on the board); an invalid
 * value makes no event and counts in `skipped`, and a value that turns invalid
 * reads as taken back, as it does for every reader. Removing an item also takes
 * back its placements. On an anonymous board every name is a pseudonym.
 */
export function replayHistory(entries: readonly HistoryInput[], options: ReplayOptions = {}): Replay {
  const steps = replaySteps(entries, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Updates replayed between two turns of the event loop in replayHistoryInTurns. */
const UPDATES_PER_TURN = 256;

/**
 * replayHistory, giving the event loop a turn every few hundred updates: a
 * server replaying a long session keeps relaying everyone's moves meanwhile.
 */
export async function replayHistoryInTurns(entries: readonly HistoryInput[], options: ReplayOptions = {}): Promise<Replay> {
  const steps = replaySteps(entries, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}

function* replaySteps(entries: readonly HistoryInput[], options: ReplayOptions): Generator<void, Replay> {
  const coalesceMs = options.coalesceMs ?? COALESCE_MS;
  const reasonCoalesceMs = options.reasonCoalesceMs ?? REASON_COALESCE_MS;
  const maxEvents = options.maxEvents ?? MAX_HISTORY_EVENTS;
  const doc = new Y.Doc();
  const maps = roots(doc);
  const changes: Change[] = [];
  const watch = (root: Change["root"]) => (event: Y.YMapEvent<unknown>) => {
    event.changes.keys.forEach((change, key) => changes.push({ root, key, deleted: change.action === "delete" }));
  };
  maps.items.observe(watch("items"));
  maps.placements.observe(watch("placements"));
  maps.participants.observe(watch("participants"));
  // The grid placements are checked against, read again only after meta changes.
  let size: GridSize | null = null;
  maps.meta.observe(() => (size = null));

  // Tombstones (null) mark events replaced by a later move of the same placement.
  const events: Array<HistoryEvent | null> = [];
  const lastPlace = new Map<string, number>();
  const liveItems = new Set<string>();
  const livePlacements = new Map<string, { item: string; participant: string }>();
  let skipped = 0;
  let previous: number | null = null;
  // Events made by folded states (pruned history): they lead to `start` rather than being replayed.
  let foldedEvents = 0;
  let prunedBefore: number | null = null;

  const nextKnown = nextKnownTimes(entries);
  for (let i = 0; i < entries.length; i++) {
    if (i > 0 && i % UPDATES_PER_TURN === 0) yield;
    const entry = entries[i]!;
    changes.length = 0;
    try {
      Y.applyUpdate(doc, entry.update);
    } catch {
      // Whatever it changed before failing still reached the observers, and every reader.
      skipped++;
    }
    const known = validTime(entry.at);
    if (entry.folded) prunedBefore = known;
    if (changes.length === 0) continue;
    const timeOf = (own: number | null): number => {
      let t = known ?? own ?? previous ?? nextKnown[i] ?? 0;
      if (known === null && nextKnown[i] !== null) t = Math.min(t, nextKnown[i]!);
      if (previous !== null) t = Math.max(t, previous);
      previous = t;
      return t;
    };

    const removeItem = (id: string) => {
      for (const [key, p] of livePlacements) if (p.item === id) unplace(key);
      liveItems.delete(id);
      events.push({ at: timeOf(null), kind: "item-removed", item: id });
    };
    const unplace = (key: string) => {
      const p = livePlacements.get(key);
      if (!p) return;
      livePlacements.delete(key);
      lastPlace.delete(key);
      events.push({ at: timeOf(null), kind: "unplace", item: p.item, participant: p.participant });
    };

    // People and items first, placements next, removals of items last: a
    // replay never places an item it does not know yet.
    for (const c of changes) {
      if (c.root !== "participants" || c.deleted) continue;
      const p = readParticipantEntry(c.key, maps.participants.get(c.key));
      if (p) events.push({ at: timeOf(p.joinedAt), kind: "participant", participant: p });
      else skipped++;
    }
    const removedItems: string[] = [];
    for (const c of changes) {
      if (c.root !== "items") continue;
      const item = c.deleted ? null : readItemEntry(c.key, maps.items.get(c.key));
      if (!c.deleted && !item) skipped++;
      if (item) {
        liveItems.add(item.id);
        events.push({ at: timeOf(item.createdAt), kind: "item", item });
      } else if (liveItems.has(c.key)) {
        liveItems.delete(c.key);
        removedItems.push(c.key);
      }
    }
    for (const c of changes) {
      if (c.root !== "placements") continue;
      if (c.deleted) {
        unplace(c.key);
        continue;
      }
      size ??= sizeOf(readGrid(doc) ?? DEFAULT_META.grid);
      const p = readPlacementEntry(c.key, maps.placements.get(c.key), size, liveItems);
      if (!p) {
        skipped++;
        unplace(c.key);
        continue;
      }
      const at = timeOf(p.at);
      const before = lastPlace.get(c.key);
      const earlier = before === undefined ? null : events[before];
      const window = earlier?.kind === "place" && earlier.col === p.col && earlier.row === p.row ? Math.max(coalesceMs, reasonCoalesceMs) : coalesceMs;
      if (earlier?.kind === "place" && at - earlier.at <= window) events[before!] = null;
      lastPlace.set(c.key, events.length);
      livePlacements.set(c.key, { item: p.item, participant: p.participant });
      events.push({ at, kind: "place", item: p.item, participant: p.participant, col: p.col, row: p.row, ...(p.reason ? { reason: p.reason } : {}) });
    }
    for (const id of removedItems) removeItem(id);
    if (entry.folded) foldedEvents = events.length;
  }

  const board = withPseudonyms(readBoard(doc));
  doc.destroy();
  const present = (e: HistoryEvent | null): e is HistoryEvent => e !== null;
  const pruned = events.slice(0, foldedEvents).filter(present);
  const all = events.slice(foldedEvents).filter(present);
  const dropped = Math.max(0, all.length - maxEvents);
  const kept = all.slice(dropped);
  const start = foldEvents([...pruned, ...all.slice(0, dropped)]);
  const result: Replay = {
    events: kept,
    dropped,
    prunedBefore,
    start,
    skipped,
    final: { meta: board.meta, items: board.items, placements: board.placements, participants: board.participants },
  };
  return board.meta.anonymous ? anonymize(result) : result;
}

function validTime(at: number | null): number | null {
  return at !== null && EpochMsSchema.safeParse(at).success ? at : null;
}

/** For each entry, the time of the first entry after it whose time is known. */
function nextKnownTimes(entries: readonly HistoryInput[]): Array<number | null> {
  const out = new Array<number | null>(entries.length);
  let next: number | null = null;
  for (let i = entries.length - 1; i >= 0; i--) {
    out[i] = next;
    next = validTime(entries[i]!.at) ?? next;
  }
  return out;
}

/**
 * Names as the board shows them now: each participant keeps the pseudonym the
 * final board gives them; anyone no longer there gets the next free number.
 */
function anonymize(replay: Replay): Replay {
  const names = new Map(replay.final.participants.map((p) => [p.id, p.name]));
  const nameOf = (id: string): string => {
    let name = names.get(id);
    if (name === undefined) {
      name = pseudonym(names.size);
      names.set(id, name);
    }
    return name;
  };
  const rename = (p: Participant): Participant => ({ ...p, name: nameOf(p.id) });
  return {
    ...replay,
    start: { ...replay.start, participants: replay.start.participants.map(rename) },
    events: replay.events.map((e) => (e.kind === "participant" ? { ...e, participant: rename(e.participant) } : e)),
  };
}
