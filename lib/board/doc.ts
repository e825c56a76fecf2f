import * as Y from "yjs";
import { checkFormat, upgradeBoard, type FormatOptions, type StoredBoard } from "./format";
import { DEFAULT_BLANK_GRID, insideGrid, sizeOf, type GridSize } from "./grid";
import { compareItems } from "./order";
import {
  BOARD_FORMAT,
  ItemSchema,
  MetaFieldSchemas,
  ParticipantSchema,
  PlacementSchema,
  placementKey,
  type Grid,
  type Item,
  type Meta,
  type MetaField,
  type Participant,
  type Placement,
} from "./schema";

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
  format: BOARD_FORMAT,
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
  discussed: [],
  pairs: null,
  goal: null,
};

export interface BoardState {
  meta: Meta;
  items: Item[];
  placements: Placement[];
  participants: Participant[];
  /** Entries that failed validation and were skipped, per root. */
  invalid: { meta: number; items: number; placements: number; participants: number };
  /**
   * Set when this code cannot read the board's format (./format.ts), e.g. a
   * newer Cruxboard made it: what to tell the person, and whether a newer
   * version would read it. Nothing else is read then.
   */
  unreadable?: { message: string; newer: boolean };
}

/** Where a board's values are read from: its maps as they are, or an older board's values upgraded. */
type Source = { kind: "current" } | { kind: "upgraded"; board: StoredBoard } | { kind: "unreadable"; message: string; newer: boolean };

function sourceOf(doc: Y.Doc, options?: FormatOptions): Source {
  const check = checkFormat(roots(doc).meta.get("format"), options);
  if (check.kind === "current" || check.kind === "unreadable") return check;
  try {
    return { kind: "upgraded", board: upgradeBoard(storedBoard(doc), check.from, options) };
  } catch (err) {
    // A step that trips over an odd old value must not take the whole screen down with it.
    return { kind: "unreadable", newer: false, message: `This board (format ${check.from}) could not be upgraded: ${err instanceof Error ? err.message : String(err)}.` };
  }
}

function storedBoard(doc: Y.Doc): StoredBoard {
  const r = roots(doc);
  return {
    meta: Object.fromEntries(r.meta.entries()),
    items: Array.from(r.items.entries()),
    placements: Array.from(r.placements.entries()),
    participants: Array.from(r.participants.entries()),
  };
}

const metaCache = new WeakMap<object, { field: MetaField; value: unknown }>();

/** One meta field as readers see it: undefined when invalid (its default stands). */
function parseMetaField<K extends MetaField>(field: K, raw: unknown): Meta[K] | undefined {
  // Object-valued fields (grid, reference, timer) keep their identity between reads while unchanged.
  const known = typeof raw === "object" && raw !== null ? metaCache.get(raw) : undefined;
  if (known && known.field === field) return known.value as Meta[K];
  const parsed = MetaFieldSchemas[field].safeParse(raw);
  if (!parsed.success) return undefined;
  if (typeof raw === "object" && raw !== null) metaCache.set(raw, { field, value: parsed.data });
  return parsed.data as Meta[K];
}

/** The part of Y.Map and Map that reading meta needs. */
interface StoredMeta {
  has(field: string): boolean;
  get(field: string): unknown;
}

function parseMeta(stored: StoredMeta): { meta: Meta; invalid: number } {
  const meta: Record<string, unknown> = { ...DEFAULT_META };
  let invalid = 0;
  for (const field of Object.keys(MetaFieldSchemas) as MetaField[]) {
    if (!stored.has(field)) continue;
    const value = parseMetaField(field, stored.get(field));
    if (value === undefined) invalid++;
    else meta[field] = value;
  }
  return { meta: meta as Meta, invalid };
}

/** The grid placements are checked against; null when the board's format cannot be read. */
export function readGrid(doc: Y.Doc): Grid | null {
  const source = sourceOf(doc);
  if (source.kind === "unreadable") return null;
  const stored: StoredMeta = source.kind === "current" ? roots(doc).meta : new Map(Object.entries(source.board.meta));
  return (stored.has("grid") ? parseMetaField("grid", stored.get("grid")) : undefined) ?? DEFAULT_META.grid;
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
  entries: Iterable<readonly [string, unknown]>,
  parse: (key: string, value: unknown) => T | null,
): { values: T[]; invalid: number } {
  const values: T[] = [];
  let invalid = 0;
  for (const [key, value] of entries) {
    const v = parse(key, value);
    if (v === null) invalid++;
    else values.push(v);
  }
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

/** A participant's placement of an item as stored, whatever the grid is now; null when there is none or it is invalid. */
export function storedPlacement(doc: Y.Doc, item: string, participant: string): Placement | null {
  const key = placementKey(item, participant);
  const p = parsePlacement(roots(doc).placements.get(key));
  return p && key === placementKey(p.item, p.participant) ? p : null;
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

const NOTHING_INVALID = { meta: 0, items: 0, placements: 0, participants: 0 };

/** `options` lets a test read through a migration chain of its own. */
export function readBoard(doc: Y.Doc, options?: FormatOptions): BoardState {
  const source = sourceOf(doc, options);
  if (source.kind === "unreadable") {
    return { meta: DEFAULT_META, items: [], placements: [], participants: [], invalid: NOTHING_INVALID, unreadable: { message: source.message, newer: source.newer } };
  }
  const r = roots(doc);
  const stored =
    source.kind === "upgraded"
      ? { ...source.board, meta: new Map(Object.entries(source.board.meta)) }
      : { meta: r.meta, items: r.items.entries(), placements: r.placements.entries(), participants: r.participants.entries() };
  const { meta, invalid: metaInvalid } = parseMeta(stored.meta);
  const items = readValid(stored.items, readItemEntry);
  items.values.sort(compareItems);
  const participants = readValid(stored.participants, readParticipantEntry);
  participants.values.sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1));
  const size = sizeOf(meta.grid);
  const itemIds = new Set(items.values.map((i) => i.id));
  const placements = readValid(stored.placements, (key, value) => readPlacementEntry(key, value, size, itemIds));
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
