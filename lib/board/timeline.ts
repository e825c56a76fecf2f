import type { HistoryEvent, HistoryState } from "../api/schemas";
import type { BoardState } from "./doc";
import { insideGrid, sizeOf, type GridSize } from "./grid";
import { placementKey, type Item, type Meta, type Participant, type Placement } from "./schema";

interface Folded {
  items: Map<string, Item>;
  placements: Map<string, Placement>;
  participants: Map<string, Participant>;
}

const fold = (state: Folded, event: HistoryEvent): void => {
  switch (event.kind) {
    case "place":
      state.placements.set(placementKey(event.item, event.participant), {
        item: event.item,
        participant: event.participant,
        col: event.col,
        row: event.row,
        at: event.at,
        ...(event.reason ? { reason: event.reason } : {}),
      });
      return;
    case "unplace":
      state.placements.delete(placementKey(event.item, event.participant));
      return;
    case "item":
      state.items.set(event.item.id, event.item);
      return;
    case "item-removed":
      state.items.delete(event.item);
      for (const [key, p] of state.placements) if (p.item === event.item) state.placements.delete(key);
      return;
    case "participant":
      state.participants.set(event.participant.id, event.participant);
      return;
  }
};

const copy = (s: Folded): Folded => ({ items: new Map(s.items), placements: new Map(s.placements), participants: new Map(s.participants) });

const foldedOf = (state: HistoryState): Folded => ({
  items: new Map(state.items.map((i) => [i.id, i])),
  placements: new Map(state.placements.map((p) => [placementKey(p.item, p.participant), p])),
  participants: new Map(state.participants.map((p) => [p.id, p])),
});

/** The items, placements and participants that `events` lead to from an empty board. */
export function foldEvents(events: readonly HistoryEvent[]): HistoryState {
  const state = foldedOf({ items: [], placements: [], participants: [] });
  for (const event of events) fold(state, event);
  return { items: [...state.items.values()], placements: [...state.placements.values()], participants: [...state.participants.values()] };
}

/** Past this many events, a state is kept to start from, so any moment is at most this many folds away. */
const CHECKPOINT_EVERY = 256;

/**
 * A board's timeline, readable at any moment: `at(k)` is the board after the
 * first k events. Checkpoints make scrubbing anywhere cheap in both
 * directions. The board is shown as a snapshot is: nothing blind, locked or
 * timed, on the grid the board ended with (placements outside it left out).
 */
export class Timeline {
  readonly events: readonly HistoryEvent[];
  private readonly checkpoints: Folded[] = [];
  private readonly meta: Meta;
  private readonly size: GridSize;

  constructor(start: HistoryState, events: readonly HistoryEvent[], meta: Meta) {
    this.events = events;
    this.meta = { ...meta, blind: false, locked: false, focus: null, timer: null };
    this.size = sizeOf(meta.grid);
    const state = foldedOf(start);
    this.checkpoints.push(copy(state));
    events.forEach((event, i) => {
      fold(state, event);
      if ((i + 1) % CHECKPOINT_EVERY === 0) this.checkpoints.push(copy(state));
    });
  }

  get length(): number {
    return this.events.length;
  }

  /** The board after the first `count` events (0: before any). */
  at(count: number): BoardState {
    const k = Math.max(0, Math.min(this.events.length, Math.floor(count)));
    const base = Math.floor(k / CHECKPOINT_EVERY);
    const state = copy(this.checkpoints[base]!);
    for (let i = base * CHECKPOINT_EVERY; i < k; i++) fold(state, this.events[i]!);
    return {
      meta: this.meta,
      items: [...state.items.values()],
      placements: [...state.placements.values()].filter((p) => state.items.has(p.item) && insideGrid(p, this.size)),
      participants: [...state.participants.values()],
      invalid: { meta: 0, items: 0, placements: 0, participants: 0 },
    };
  }

  /** How many events happened at or before `time`: the moment to show for it. */
  countAt(time: number): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid]!.at <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
