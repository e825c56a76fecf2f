import * as Y from "yjs";
import { insideGrid, sizeOf, type GridSize } from "./grid";
import {
  ItemSchema,
  MetaFieldSchemas,
  ParticipantSchema,
  PlacementSchema,
  placementKey,
  type Item,
  type Meta,
  type MetaField,
  type Participant,
  type Placement,
} from "./schema";
import { DEFAULT_BLANK_GRID } from "./templates";

/** Typed handles on the four root maps; the only place that names them. */
export function roots(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>("meta"),
    items: doc.getMap<unknown>("items"),
    placements: doc.getMap<unknown>("placements"),
    participants: doc.getMap<unknown>("participants"),
  };
}

export const DEFAULT_META: Meta = {
  format: 1,
  title: "Untitled board",
  grid: DEFAULT_BLANK_GRID,
  blind: false,
  locked: false,
  round: 1,
  focus: null,
  timer: null,
  template: "blank",
  reference: {},
  anonymous: false,
};

export interface BoardState {
  meta: Meta;
  items: Item[];
  placements: Placement[];
  participants: Participant[];
  /** Entries that failed validation and were skipped, per root. */
  invalid: { meta: number; items: number; placements: number; participants: number };
}

const metaCache = new WeakMap<object, { field: MetaField; value: unknown }>();

export function readMeta(doc: Y.Doc): { meta: Meta; invalid: number } {
  const map = roots(doc).meta;
  const meta: Record<string, unknown> = { ...DEFAULT_META };
  let invalid = 0;
  for (const field of Object.keys(MetaFieldSchemas) as MetaField[]) {
    if (!map.has(field)) continue;
    const raw = map.get(field);
    // Object-valued fields (grid, reference, timer) keep their identity between reads while unchanged.
    const known = typeof raw === "object" && raw !== null ? metaCache.get(raw) : undefined;
    if (known && known.field === field) {
      meta[field] = known.value;
      continue;
    }
    const parsed = MetaFieldSchemas[field].safeParse(raw);
    if (!parsed.success) {
      invalid++;
      continue;
    }
    meta[field] = parsed.data;
    if (typeof raw === "object" && raw !== null) metaCache.set(raw, { field, value: parsed.data });
  }
  return { meta: meta as Meta, invalid };
}

/*
 * Yjs hands back the very same object for an entry until that entry changes,
 * so each raw value is parsed once. Besides saving work on every update, this
 * keeps unchanged entries identical between reads, which lets views skip them.
 */
function cachedParse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }) {
  const cache = new WeakMap<object, T | null>();
  return (value: unknown): T | null => {
    if (typeof value !== "object" || value === null) return null;
    const known = cache.get(value);
    if (known !== undefined) return known;
    const r = schema.safeParse(value);
    const parsed = r.success ? r.data : null;
    cache.set(value, parsed);
    return parsed;
  };
}

const parseItem = cachedParse<Item>(ItemSchema);
const parseParticipant = cachedParse<Participant>(ParticipantSchema);
const parsePlacement = cachedParse<Placement>(PlacementSchema);

function readValid<T>(
  map: Y.Map<unknown>,
  parse: (key: string, value: unknown) => T | null,
): { values: T[]; invalid: number } {
  const values: T[] = [];
  let invalid = 0;
  map.forEach((value, key) => {
    const v = parse(key, value);
    if (v === null) invalid++;
    else values.push(v);
  });
  return { values, invalid };
}

/*
 * One reader per stored entry, for everything that reads a board: the board
 * itself (below) and the replay of its history (./history.ts). Each returns
 * null for a value readers skip.
 */
export function readItemEntry(key: string, value: unknown): Item | null {
  const item = parseItem(value);
  return item && item.id === key ? item : null;
}

export function readParticipantEntry(key: string, value: unknown): Participant | null {
  const participant = parseParticipant(value);
  return participant && participant.id === key ? participant : null;
}

/** A placement counts only under its own key, inside the grid and for an item on the board. */
export function readPlacementEntry(key: string, value: unknown, size: GridSize, itemIds: ReadonlySet<string>): Placement | null {
  const p = parsePlacement(value);
  if (!p || key !== placementKey(p.item, p.participant)) return null;
  return insideGrid(p, size) && itemIds.has(p.item) ? p : null;
}

export const readItems = (doc: Y.Doc) => readValid<Item>(roots(doc).items, readItemEntry);

export const readParticipants = (doc: Y.Doc) => readValid<Participant>(roots(doc).participants, readParticipantEntry);

export function readPlacements(doc: Y.Doc, meta: Meta, itemIds: ReadonlySet<string>) {
  const size = sizeOf(meta.grid);
  return readValid<Placement>(roots(doc).placements, (key, value) => readPlacementEntry(key, value, size, itemIds));
}

/** "Participant 3": a pseudonym by order of joining, the same on every screen and in every export. */
export const pseudonym = (index: number): string => `Participant ${index + 1}`;

/** The board with participants' names replaced by pseudonyms when the facilitator asked for anonymity. */
export function withPseudonyms(state: BoardState): BoardState {
  if (!state.meta.anonymous) return state;
  return { ...state, participants: state.participants.map((p, i) => ({ ...p, name: pseudonym(i) })) };
}

/**
 * Reads a board once per change: the same BoardState until the document is
 * updated, as React's useSyncExternalStore requires of a snapshot.
 */
export function boardReader(doc: Y.Doc): { read(): BoardState; dispose(): void } {
  let state: BoardState | null = null;
  const forget = () => {
    state = null;
  };
  doc.on("update", forget);
  return { read: () => (state ??= readBoard(doc)), dispose: () => doc.off("update", forget) };
}

export function readBoard(doc: Y.Doc): BoardState {
  const { meta, invalid: metaInvalid } = readMeta(doc);
  const items = readItems(doc);
  items.values.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const participants = readParticipants(doc);
  participants.values.sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1));
  const placements = readPlacements(doc, meta, new Set(items.values.map((i) => i.id)));
  return {
    meta,
    items: items.values,
    placements: placements.values,
    participants: participants.values,
    invalid: {
      meta: metaInvalid,
      items: items.invalid,
      placements: placements.invalid,
      participants: participants.invalid,
    },
  };
}
