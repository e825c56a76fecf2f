import * as Y from "yjs";
import { LARGEST_GRID, insideGrid, outsideGridReason, type GridPoint } from "../../lib/board/grid";
import { ROOT_NAMES, type RootName } from "../../lib/board/schema";
import type { RefusalReason } from "../metrics";
import { notOwnReason } from "./ownership";
import type { ClockRange } from "./protocol";

/**
 * Decides, before anything is applied, whether an incoming Yjs update may
 * enter a board. Strict on purpose: anything it cannot prove harmless is
 * refused whole.
 */
export interface InspectPolicy {
  /** Facilitators may write `meta`. */
  allowMeta: boolean;
  /** The client id this connection writes with, once known; fresh content under any other id is refused. */
  writer?: number | null;
  /**
   * The participant id of a seated participant: every entry the update touches must be theirs (their
   * placements, items they created, their own entry). Absent: no such check (the facilitator).
   */
  owner?: string;
}

/** Board keys are ids or "<itemId>:<participantId>"; anything longer is not ours. */
const MAX_KEY_LENGTH = 160;
/**
 * No value of the board format nests deeper than a few levels (a grid's axes are three). A value
 * thousands deep is still decoded here but not by every reader: a browser with a smaller stack, or
 * any JSON.stringify of the board, would fail on it for everyone.
 */
const MAX_VALUE_DEPTH = 32;
/** Structures one update may make the server visit; bounds the work a small delete set can cause. */
const MAX_VISITED = 200_000;

type Decoded = ReturnType<typeof Y.decodeUpdate>;
type Struct = Decoded["structs"][number];

/** Why an update must be refused: words for the writer and the log, and which reason the metrics count. */
type Refusal = { reason: string; kind: RefusalReason } | { reason: null; kind: null };

export type Verdict = Refusal & {
  /** The one client id whose content this update adds, if any. */
  writer: number | null;
  /** Clock ranges this update adds beyond what the board already has. */
  newRanges: ClockRange[];
  /** True when applying would change nothing. */
  noop: boolean;
  /** Map entries (root, key) whose current value the update would delete. */
  deletedKeys: Array<[RootName, string]>;
  /** Map entries the update writes to. */
  writtenKeys: Array<[RootName, string]>;
  /** Refused because it builds on content the board does not have (yet): see admit.ts. */
  incomplete: boolean;
};

const isRoot = (name: string): name is RootName => (ROOT_NAMES as readonly string[]).includes(name);

class RefusalError extends Error {
  constructor(
    message: string,
    readonly kind: RefusalReason = "format",
  ) {
    super(message);
  }
}

// Bound once: every access through the module namespace costs a getter call on this hot path.
const { decodeUpdate, getState, findIndexSS, createID, findRootTypeKey, isDeleted, Item, GC, Skip, ContentAny, ContentDeleted, AbstractType, ID } = Y;

/** Whether a decoded JSON value nests deeper than `limit`; walked without recursion. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null || ArrayBuffer.isView(v)) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The point a stored placement value names, if it names one; anything else is for readers to skip. */
function pointOf(value: unknown): GridPoint | null {
  if (typeof value !== "object" || value === null) return null;
  const { col, row } = value as Record<string, unknown>;
  return typeof col === "number" && typeof row === "number" ? { col, row } : null;
}

export function inspectUpdate(doc: Y.Doc, update: Uint8Array, policy: InspectPolicy): Verdict {
  const decoded = decodeUpdate(update); // throws on malformed input; the caller closes the connection
  const store = doc.store;
  const owner = policy.owner;
  const newRanges: ClockRange[] = [];
  const deletedKeys: Array<[RootName, string]> = [];
  const writtenKeys: Array<[RootName, string]> = [];

  // New structs of this update, per client, in clock order.
  const fresh = new Map<number, Struct[]>();
  // Two plain variables, not a Refusal object: this runs for every update, so it allocates nothing more.
  let reason: string | null = null;
  let kind: RefusalReason | null = null;
  const refuse = (why: string, what: RefusalReason) => {
    if (reason !== null) return;
    reason = why;
    kind = what;
  };

  let writer: number | null = null;
  for (const s of decoded.structs) {
    // Yjs integrates empty structs whatever their clock; they must pass every check or none.
    if (s.length === 0) {
      refuse("update holds an empty structure", "format");
      continue;
    }
    const client = s.id.client;
    const known = getState(store, client);
    const end = s.id.clock + s.length;
    if (end <= known) continue;
    if (s instanceof Skip) {
      refuse("update skips over content the board does not have", "missing_content");
      continue;
    }
    if (writer === null) writer = client;
    if (client !== writer || (policy.writer != null && client !== policy.writer)) {
      refuse("update adds content under another client's id", "client_id");
      continue;
    }
    let list = fresh.get(client);
    if (!list) {
      if (s.id.clock > known) refuse("update references content the board does not have", "missing_content");
      list = [];
      fresh.set(client, list);
    }
    list.push(s);
  }
  for (const [client, list] of fresh) {
    if (client !== writer) continue;
    const last = list[list.length - 1]!;
    // Start at what the board has, so a range always continues the board's clock for that client.
    const start = getState(store, client);
    newRanges.push({ client, clock: start, len: last.id.clock + last.length - start });
  }

  const findFresh = (id: Y.ID): Struct | null => {
    const list = fresh.get(id.client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return null;
  };
  const findStored = (id: Y.ID): Y.Item | Y.GC | null => {
    if (id.clock >= getState(store, id.client)) return null;
    const structs = store.clients.get(id.client);
    if (!structs) return null;
    return structs[findIndexSS(structs, id.clock)] as Y.Item | Y.GC;
  };

  /**
   * The root map and key an item belongs to, or a RefusalError. An item anchored to
   * a neighbour is encoded without parent and key: it shares the neighbour's.
   * Walked iteratively and memoised, so long anchor chains cost linear time.
   */
  type Place = { root: RootName; key: string | null };
  const placed = new Map<Y.Item, Place>();
  const locate = (start: Y.Item): Place => {
    const chain: Y.Item[] = [];
    const seen = new Set<Y.Item>();
    let item = start;
    let place: Place | undefined;
    for (;;) {
      place = placed.get(item);
      if (place) break;
      if (seen.has(item)) throw new RefusalError("update has anchors that form a cycle");
      seen.add(item);
      chain.push(item);
      const parent = item.parent as unknown;
      if (typeof parent === "string") {
        if (!isRoot(parent)) throw new RefusalError(`"${parent}" is not a root of the board format`);
        place = { root: parent, key: item.parentSub };
        break;
      }
      if (parent instanceof AbstractType) {
        const root = findRootTypeKey(parent);
        if (!isRoot(root) || parent._item !== null) throw new RefusalError("content outside the board format");
        place = { root, key: item.parentSub };
        break;
      }
      if (parent instanceof ID) throw new RefusalError("nested types are not part of the board format");
      const anchor = item.origin ?? item.rightOrigin;
      if (!anchor) throw new RefusalError("update has an item without a parent");
      if (anchor.client === item.id.client && anchor.clock >= item.id.clock) {
        throw new RefusalError("update anchors content to something written after it");
      }
      const next = findStored(anchor) ?? findFresh(anchor);
      if (!next) throw new RefusalError("update references content the board does not have", "missing_content");
      if (!(next instanceof Item)) throw new RefusalError("update builds on content that was discarded");
      item = next;
    }
    for (const c of chain) placed.set(c, place);
    return place;
  };

  const checkRoot = (root: RootName) => {
    if (root === "meta" && !policy.allowMeta) throw new RefusalError("only the facilitator can change meta", "facilitator_only");
  };

  // Points of the placements this update writes, and the grid it writes (if it does), for the range check below.
  const placedPoints: GridPoint[] = [];
  /*
   * Yjs writes a map entry on top of its last value, so one writer's values of one entry form a
   * chain: only the first builds on something outside this update, and no two build on the same
   * value. Values that do not chain each make Yjs search the entry's whole history: quadratic, so a
   * few hundred kilobytes of them would hold the server for minutes. Holds each entry (for the
   * first value) and each value of this update built on.
   */
  const chained = new Set<string>();
  for (const list of fresh.values()) {
    for (const s of list) {
      if (!(s instanceof Item)) continue;
      try {
        const content = s.content;
        if (!(content instanceof ContentAny) && !(content instanceof ContentDeleted)) {
          throw new RefusalError("only plain JSON values are part of the board format");
        }
        for (const anchor of [s.origin, s.rightOrigin]) {
          if (!anchor) continue;
          const target = findStored(anchor) ?? findFresh(anchor);
          if (!target) throw new RefusalError("update references content the board does not have", "missing_content");
          if (target instanceof GC) throw new RefusalError("update builds on content that was discarded");
        }
        const { root, key } = locate(s);
        const known = getState(store, s.id.client);
        if (s.id.clock < known) {
          // Yjs adds only the part the board lacks, right after what it has of this client, whatever
          // the frame names as its anchor: in that entry, and deleting its value. It must be this one.
          const before = findStored(createID(s.id.client, known - 1));
          if (!(before instanceof Item)) throw new RefusalError("update builds on content that was discarded");
          const there = locate(before);
          if (there.root !== root || there.key !== key) throw new RefusalError("update restates content the board has as part of another entry");
        }
        if (key === null) throw new RefusalError("board roots are maps; list content is not allowed");
        if (key.length > MAX_KEY_LENGTH) throw new RefusalError("map key is too long");
        writtenKeys.push([root, key]);
        const link = s.origin && findFresh(s.origin) ? `${s.origin.client}:${s.origin.clock}` : `${root}\u0000${key}`;
        if (chained.has(link)) throw new RefusalError("update writes one entry several times without building on its own value");
        chained.add(link);
        checkRoot(root);
        if (content instanceof ContentAny && content.arr.some((v) => nestsDeeperThan(v, MAX_VALUE_DEPTH))) {
          throw new RefusalError(`values nested more than ${MAX_VALUE_DEPTH} deep are not part of the board format`);
        }
        // A value this same update deletes again never reaches a reader; a map entry's value is its last element.
        const kept = content instanceof ContentAny && !isDeleted(decoded.ds, createID(s.id.client, s.id.clock + s.length - 1));
        const value = kept ? content.arr[content.arr.length - 1] : undefined;
        if (kept && root === "placements") {
          const point = pointOf(value);
          if (point) placedPoints.push(point);
        }
        if (owner !== undefined) {
          // What the entry holds now: a value written on top of it replaces it, so it must be the writer's too.
          const current = (doc.share.get(root) as Y.Map<unknown> | undefined)?._map.get(key);
          const why = notOwnReason(owner, root, key, value, kept, current, doc);
          if (why) throw new RefusalError(why, "not_own");
        }
      } catch (e) {
        if (!(e instanceof RefusalError)) throw e;
        refuse(e.message, e.kind);
      }
    }
  }

  /*
   * Against the largest grid a board can have, not the board's grid now: an edit made offline
   * before the facilitator shrank the grid must not be refused — a refusal takes back the whole
   * update, and with it the rest of that person's offline work. Readers skip a placement outside
   * the current grid until the grid grows again; what no grid can hold is never stored.
   */
  const outside = reason === null ? placedPoints.find((p) => !insideGrid(p, LARGEST_GRID)) : undefined;
  if (outside) refuse(outsideGridReason(outside, LARGEST_GRID), "outside_grid");

  let deletesSomething = false;
  let visited = 0;
  const deletedSeen = new Set<string>();
  for (const [client, unsorted] of decoded.ds.clients) {
    // Overlapping ranges would make the same structures be visited again and again.
    const ranges = [...unsorted].sort((a, b) => a.clock - b.clock);
    let from = 0;
    for (const { clock, len } of ranges) {
      const known = getState(store, client);
      for (let c = Math.max(clock, from); c < clock + len; ) {
        if (++visited > MAX_VISITED) {
          refuse("update deletes too much at once", "too_large");
          break;
        }
        const id = createID(client, c);
        const stored = c < known ? findStored(id) : null;
        const s = stored ?? findFresh(id);
        if (!s) {
          refuse("update deletes content the board does not have", "missing_content");
          break;
        }
        c = s.id.clock + s.length;
        if (!(s instanceof Item)) continue;
        if (stored && s.deleted) continue;
        try {
          const { root, key } = locate(s);
          if (stored) {
            deletesSomething = true;
            const tag = `${root}\u0000${key}`;
            if (key !== null && s.right === null && !deletedSeen.has(tag)) {
              deletedSeen.add(tag);
              deletedKeys.push([root, key]);
            }
            // Deleting a value is writing "nothing" over it: what the entry holds must be the writer's.
            if (owner !== undefined && key !== null) {
              const why = notOwnReason(owner, root, key, undefined, false, s, doc);
              if (why) throw new RefusalError(why, "not_own");
            }
          }
          checkRoot(root);
        } catch (e) {
          if (!(e instanceof RefusalError)) throw e;
          refuse(e.message, e.kind);
        }
      }
      from = Math.max(from, clock + len);
      if (reason !== null && visited > MAX_VISITED) break;
    }
  }

  // Set together by `refuse`: both null, or both not.
  return {
    reason,
    kind,
    writer,
    newRanges,
    deletedKeys,
    writtenKeys,
    noop: newRanges.length === 0 && !deletesSomething,
    incomplete: kind === "missing_content",
  } as Verdict;
}
