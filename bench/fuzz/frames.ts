/*
 * Seeded generator of hostile websocket frames for the sync endpoint: valid y-protocols messages
 * (sync step 1, step 2, update, awareness) built from a board-like document, then mutated, plus
 * frames built by hand to probe one rule each. The same seed gives the same frames, so a run that
 * finds something can be replayed. Used by `npm run fuzz` (./run.ts) and
 * tests/integration/frame-fuzz.test.ts.
 */
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_HEARTBEAT, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, encodeDeleteUpdate } from "../../server/sync/protocol";
import { makeRandom } from "../../tests/random";

export const CATEGORIES = [
  "step1",
  "step2",
  "update",
  "deep-nesting",
  "huge-counts",
  "unknown-deletes",
  "missing-refs",
  "unknown-type",
  "awareness",
  "trailing",
  "garbage",
  "text",
  "empty",
  "oversized",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** How often each category is drawn, relative to the others. */
const WEIGHTS: Record<Category, number> = {
  step1: 4,
  step2: 10,
  update: 16,
  "deep-nesting": 6,
  "huge-counts": 6,
  "unknown-deletes": 8,
  "missing-refs": 8,
  "unknown-type": 5,
  awareness: 14,
  trailing: 6,
  garbage: 5,
  text: 3,
  empty: 3,
  oversized: 0.3,
};

export interface FuzzFrame {
  category: Category;
  /** What was done to it, for the report of a failure. */
  variant: string;
  /** A string is sent as a text frame. */
  data: Uint8Array | string;
}

export interface FrameGeneratorOptions {
  /** Frames larger than this are the "oversized" category; the server's maxMessageBytes. */
  maxMessageBytes: number;
  /** Client ids whose content the board holds (from its state vector), for deletes and references near real content. */
  knownClients?: ReadonlyArray<{ client: number; clock: number }>;
}

export interface FrameGenerator {
  next(): FuzzFrame;
  /** The connection was closed: the next frames speak as a new client with a new id. */
  newSession(): void;
  /** Yjs client ids this generator's valid updates were written with. */
  readonly clientIds: ReadonlySet<number>;
}

type Rng = () => number;

const STRUCT_GC = 0;
const CONTENT_DELETED = 1;
const CONTENT_STRING = 4;
const CONTENT_TYPE = 7;
const CONTENT_ANY = 8;
const STRUCT_SKIP = 10;
const ANY_NULL = 126;
const ANY_OBJECT = 118;
const ANY_ARRAY = 117;

function message(...parts: Array<(e: encoding.Encoder) => void>): Uint8Array {
  const e = encoding.createEncoder();
  for (const p of parts) p(e);
  return encoding.toUint8Array(e);
}

const syncMessage = (kind: number, payload: Uint8Array) =>
  message(
    (e) => encoding.writeVarUint(e, MESSAGE_SYNC),
    (e) => encoding.writeVarUint(e, kind),
    (e) => encoding.writeVarUint8Array(e, payload),
  );

const awarenessMessage = (payload: Uint8Array) =>
  message(
    (e) => encoding.writeVarUint(e, MESSAGE_AWARENESS),
    (e) => encoding.writeVarUint8Array(e, payload),
  );

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** A varint that never ends (every byte has its continuation bit) or one past 2^53. */
const badVarint = (rng: Rng): Uint8Array =>
  rng() < 0.5 ? new Uint8Array(1 + Math.floor(rng() * 12)).fill(0xff) : new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);

/** The same number written with needless continuation bytes (lib0 reads them; a strict reader would not). */
function overlongVarint(n: number, extra: number): Uint8Array {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  } while (v > 0);
  for (let i = 0; i < extra; i++) bytes.push(0x80);
  bytes.push(0);
  return new Uint8Array(bytes);
}

const randomBytes = (rng: Rng, n: number) => {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rng() * 256);
  return out;
};

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const int = (rng: Rng, below: number) => Math.floor(rng() * below);

/** A client id: small, ordinary 32-bit, the server's own range, or past 2^53. */
function clientId(rng: Rng, known: FrameGeneratorOptions["knownClients"]): number {
  const r = rng();
  if (r < 0.3 && known && known.length > 0) return pick(rng, known).client;
  if (r < 0.5) return int(rng, 16);
  if (r < 0.85) return int(rng, 2 ** 32);
  if (r < 0.95) return 2 ** 32 + int(rng, 2 ** 20);
  return Number.MAX_SAFE_INTEGER - int(rng, 100);
}

/** Byte-level damage to a message, whatever it holds. */
function damage(rng: Rng, data: Uint8Array): { variant: string; data: Uint8Array } {
  const r = int(rng, 7);
  if (data.byteLength === 0) return { variant: "garbage", data: randomBytes(rng, 1 + int(rng, 16)) };
  switch (r) {
    case 0: {
      const out = data.slice();
      const flips = 1 + int(rng, 4);
      for (let i = 0; i < flips; i++) out[int(rng, out.length)]! ^= 1 << int(rng, 8);
      return { variant: `bit flips (${flips})`, data: out };
    }
    case 1:
      return { variant: "truncated", data: data.slice(0, int(rng, data.byteLength)) };
    case 2: {
      const at = int(rng, data.byteLength + 1);
      return { variant: "bytes inserted", data: concat(data.slice(0, at), randomBytes(rng, 1 + int(rng, 8)), data.slice(at)) };
    }
    case 3: {
      const at = int(rng, data.byteLength);
      return { variant: "bytes removed", data: concat(data.slice(0, at), data.slice(at + 1 + int(rng, 8))) };
    }
    case 4: {
      const out = data.slice();
      const at = int(rng, out.length);
      out[at] = pick(rng, [0x00, 0x7f, 0x80, 0xff]);
      return { variant: "byte set to an edge value", data: out };
    }
    case 5: {
      const at = int(rng, data.byteLength + 1);
      return { variant: "bad varint spliced in", data: concat(data.slice(0, at), badVarint(rng), data.slice(at)) };
    }
    default:
      return { variant: "garbage appended", data: concat(data, randomBytes(rng, 1 + int(rng, 32))) };
  }
}

/** A sync message whose declared payload length is wrong (too long, too short, absurd or never-ending). */
function wrongLength(rng: Rng, kind: number, payload: Uint8Array): { variant: string; data: Uint8Array } {
  const r = int(rng, 4);
  const head = new Uint8Array([MESSAGE_SYNC, kind]);
  if (r === 0) {
    const claimed = payload.byteLength + 1 + int(rng, 1000);
    return { variant: "overlong length", data: concat(head, message((e) => encoding.writeVarUint(e, claimed)), payload) };
  }
  if (r === 1) {
    const claimed = int(rng, payload.byteLength);
    return { variant: "short length", data: concat(head, message((e) => encoding.writeVarUint(e, claimed)), payload) };
  }
  if (r === 2) return { variant: "length of 2^53", data: concat(head, message((e) => encoding.writeVarUint(e, Number.MAX_SAFE_INTEGER)), payload) };
  return { variant: "length varint never ends", data: concat(head, badVarint(rng), payload) };
}

/** One struct's header: an item in a root map (or anchored, or under an ID parent), with `body` as its content. */
interface StructSpec {
  origin?: [number, number];
  rightOrigin?: [number, number];
  parent?: string | [number, number];
  key?: string;
  contentRef: number;
  body: (e: encoding.Encoder) => void;
}

function writeStruct(e: encoding.Encoder, s: StructSpec): void {
  const info = s.contentRef | (s.origin ? 0x80 : 0) | (s.rightOrigin ? 0x40 : 0) | (!s.origin && !s.rightOrigin && s.key !== undefined ? 0x20 : 0);
  encoding.writeUint8(e, info);
  if (s.origin) {
    encoding.writeVarUint(e, s.origin[0]);
    encoding.writeVarUint(e, s.origin[1]);
  }
  if (s.rightOrigin) {
    encoding.writeVarUint(e, s.rightOrigin[0]);
    encoding.writeVarUint(e, s.rightOrigin[1]);
  }
  if (!s.origin && !s.rightOrigin) {
    if (Array.isArray(s.parent)) {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, s.parent[0]);
      encoding.writeVarUint(e, s.parent[1]);
    } else {
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, s.parent ?? "items");
    }
    if (s.key !== undefined) encoding.writeVarString(e, s.key);
  }
  s.body(e);
}

/** A v1 update of one client's structs (already encoded) and a delete set. */
function update(client: number, clock: number, count: number, structs: (e: encoding.Encoder) => void, ds: (e: encoding.Encoder) => void = (e) => encoding.writeVarUint(e, 0)) {
  return message(
    (e) => encoding.writeVarUint(e, 1),
    (e) => encoding.writeVarUint(e, count),
    (e) => encoding.writeVarUint(e, client),
    (e) => encoding.writeVarUint(e, clock),
    structs,
    ds,
  );
}

const anyBody = (values: Array<(e: encoding.Encoder) => void>) => (e: encoding.Encoder) => {
  encoding.writeVarUint(e, values.length);
  for (const v of values) v(e);
};

/** A JSON-like value nested `depth` deep, as lib0 "any" encoding. */
function deepAny(depth: number, asObject: boolean): (e: encoding.Encoder) => void {
  return (e) => {
    for (let i = 0; i < depth; i++) {
      encoding.writeUint8(e, asObject ? ANY_OBJECT : ANY_ARRAY);
      encoding.writeVarUint(e, 1);
      if (asObject) encoding.writeVarString(e, "a");
    }
    encoding.writeUint8(e, ANY_NULL);
  };
}

/** Deep JSON text for awareness states: `[[[...]]]` or `{"a":{"a":...}}`. */
const deepJson = (depth: number, asObject: boolean) =>
  asObject ? '{"a":'.repeat(depth) + "null" + "}".repeat(depth) : "[".repeat(depth) + "]".repeat(depth);

/**
 * A board-like document written by one fuzzing client: each call makes one edit and returns its
 * update, so a session's valid updates continue its own clock as an honest client's would.
 */
class SessionDoc {
  readonly doc = new Y.Doc();
  private edits = 0;
  constructor(clientId: number) {
    this.doc.clientID = clientId;
  }

  edit(rng: Rng): Uint8Array {
    let out: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (out = u);
    this.doc.on("update", capture);
    const n = this.edits++;
    const id = `fz${this.doc.clientID}x${n}`;
    const items = this.doc.getMap<unknown>("items");
    const placements = this.doc.getMap<unknown>("placements");
    this.doc.transact(() => {
      const r = int(rng, 9);
      if (r === 0) items.set(id, { id, text: `fuzz ${n}`, createdBy: "fz", createdAt: 1 + n });
      else if (r === 1) placements.set(`${id}:fz`, { item: id, participant: "fz", col: rng() * 3, row: rng() * 3, at: 1 + n });
      else if (r === 2) this.doc.getMap<unknown>("participants").set(`fz${this.doc.clientID}`, { id: "fz", name: "fuzz", color: "#000000", joinedAt: n });
      else if (r === 3) this.doc.getMap<unknown>("meta").set(pick(rng, ["title", "round", "focus", "fuzz"]), pick(rng, ["fuzz title", 7, null, { x: 1 }]));
      else if (r === 4) placements.set(`${id}:fz`, { item: id, participant: "fz", col: pick(rng, [1e9, -5, 5.5, Number.NaN]), row: 0, at: 1 });
      else if (r === 5) items.set(id, new Y.Map()); // a nested type
      else if (r === 6) this.doc.getText(pick(rng, ["notes", "__proto__", "constructor"])).insert(0, "text"); // a root that is not ours
      else if (r === 7) this.doc.getArray(pick(rng, ["list", "toString"])).insert(0, [1, 2, 3]);
      else {
        const keys = [...items.keys()];
        if (keys.length > 0) items.delete(pick(rng, keys));
        else items.set(id, "x".repeat(int(rng, 300)));
      }
    });
    this.doc.off("update", capture);
    return out ?? Y.encodeStateAsUpdate(this.doc);
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }
}

export function createFrameGenerator(seed: number, options: FrameGeneratorOptions): FrameGenerator {
  const rng = makeRandom(seed);
  const known = options.knownClients ?? [];
  const clientIds = new Set<number>();
  let session: SessionDoc;
  const newSession = () => {
    // Stock clients draw 32-bit ids; the fuzzer's are drawn from the seed so a run replays.
    const id = 1 + int(rng, 2 ** 31);
    clientIds.add(id);
    session = new SessionDoc(id);
  };
  newSession();

  const weighted = CATEGORIES.flatMap((c) => [{ c, w: WEIGHTS[c] }]);
  const total = weighted.reduce((n, x) => n + x.w, 0);
  const drawCategory = (): Category => {
    let r = rng() * total;
    for (const { c, w } of weighted) {
      r -= w;
      if (r < 0) return c;
    }
    return "garbage";
  };

  /** A sync update (step 2 or update) around one of this session's edits: as it is, damaged, or with a wrong length. */
  function syncUpdate(kind: number, category: Category): FuzzFrame {
    const payload = session.edit(rng);
    const r = rng();
    if (r < 0.25) return { category, variant: "valid", data: syncMessage(kind, payload) };
    if (r < 0.45) {
      const w = wrongLength(rng, kind, payload);
      return { category, variant: w.variant, data: w.data };
    }
    if (r < 0.55) return { category, variant: "payload as its own update (no length)", data: concat(new Uint8Array([MESSAGE_SYNC, kind]), payload) };
    if (r < 0.65) {
      const d = damage(rng, payload);
      return { category, variant: `payload: ${d.variant}`, data: syncMessage(kind, d.data) };
    }
    if (r < 0.7) return { category, variant: "overlong varint type", data: concat(overlongVarint(MESSAGE_SYNC, 1 + int(rng, 3)), new Uint8Array([kind]), message((e) => encoding.writeVarUint8Array(e, payload))) };
    const d = damage(rng, syncMessage(kind, payload));
    return { category, variant: d.variant, data: d.data };
  }

  function step1(): FuzzFrame {
    const sv = session.stateVector();
    const r = int(rng, 6);
    if (r === 0) return { category: "step1", variant: "valid", data: syncMessage(0, sv) };
    if (r === 1) return { category: "step1", variant: "empty state vector", data: syncMessage(0, new Uint8Array(0)) };
    if (r === 2) {
      const count = pick(rng, [2 ** 31, Number.MAX_SAFE_INTEGER, 100_000]);
      return { category: "step1", variant: `state vector claims ${count} clients`, data: syncMessage(0, message((e) => encoding.writeVarUint(e, count), (e) => encoding.writeVarUint(e, 1))) };
    }
    if (r === 3) {
      const entries = int(rng, 2000);
      const payload = message((e) => {
        encoding.writeVarUint(e, entries);
        for (let i = 0; i < entries; i++) {
          encoding.writeVarUint(e, clientId(rng, known));
          encoding.writeVarUint(e, pick(rng, [0, 1, 2 ** 31, Number.MAX_SAFE_INTEGER]));
        }
      });
      return { category: "step1", variant: `state vector of ${entries} clients, clocks from 0 to 2^53`, data: syncMessage(0, payload) };
    }
    if (r === 4) {
      const w = wrongLength(rng, 0, sv);
      return { category: "step1", variant: w.variant, data: w.data };
    }
    const d = damage(rng, syncMessage(0, sv));
    return { category: "step1", variant: d.variant, data: d.data };
  }

  function deepNesting(): FuzzFrame {
    const client = [...clientIds].pop()!;
    const r = int(rng, 4);
    if (r === 0 || r === 1) {
      const depth = pick(rng, [40, 400, 2000, 4000, 6000, 9000, 50_000, 300_000]);
      const asObject = r === 1;
      const u = update(client, 0, 1, (e) => writeStruct(e, { parent: pick(rng, ["items", "placements", "meta"]), key: `deep${depth}`, contentRef: CONTENT_ANY, body: anyBody([deepAny(depth, asObject)]) }));
      return { category: "deep-nesting", variant: `JSON ${asObject ? "objects" : "arrays"} ${depth} deep`, data: syncMessage(2, u) };
    }
    if (r === 2) {
      // Y types nested in Y types, as a real document writes them (refused: nested types are not part of the format).
      const depth = pick(rng, [2, 30, 300, 1500]);
      const doc = new Y.Doc();
      doc.clientID = client;
      doc.transact(() => {
        let map = doc.getMap<unknown>(pick(rng, ["items", "meta", "placements"]));
        for (let i = 0; i < depth; i++) {
          const child = rng() < 0.5 ? new Y.Map<unknown>() : null;
          if (child) {
            map.set(`k${i}`, child);
            map = child;
          } else {
            const list = new Y.Array<unknown>();
            map.set(`k${i}`, list);
            const inner = new Y.Map<unknown>();
            list.insert(0, [inner]);
            map = inner;
          }
        }
        map.set("leaf", 1);
      });
      return { category: "deep-nesting", variant: `Y types nested ${depth} deep`, data: syncMessage(2, Y.encodeStateAsUpdate(doc)) };
    }
    // A chain of items, each under the previous one as its ID parent (a type that is not there).
    const depth = pick(rng, [10, 1000, 20_000]);
    const u = update(client, 0, depth, (e) => {
      for (let i = 0; i < depth; i++) {
        if (i === 0) writeStruct(e, { parent: "items", key: "chain", contentRef: CONTENT_TYPE, body: (b) => encoding.writeVarUint(b, 1) });
        else writeStruct(e, { parent: [client, i - 1], key: "k", contentRef: CONTENT_TYPE, body: (b) => encoding.writeVarUint(b, 1) });
      }
    });
    return { category: "deep-nesting", variant: `${depth} maps each under the last by ID`, data: syncMessage(2, u) };
  }

  function hugeCounts(): FuzzFrame {
    const client = [...clientIds].pop()!;
    const huge = pick(rng, [2 ** 31, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER, 10_000_000]);
    const r = int(rng, 7);
    const kind = pick(rng, [1, 2]);
    let variant: string;
    let u: Uint8Array;
    if (r === 0) {
      variant = `${huge} clients in the struct header`;
      u = message((e) => encoding.writeVarUint(e, huge), (e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint(e, client), (e) => encoding.writeVarUint(e, 0));
    } else if (r === 1) {
      variant = `${huge} structs for one client`;
      u = update(client, 0, huge, (e) => writeStruct(e, { parent: "items", key: "a", contentRef: CONTENT_ANY, body: anyBody([(b) => encoding.writeAny(b, 1)]) }));
    } else if (r === 2) {
      variant = `an item of ${huge} JSON values`;
      u = update(client, 0, 1, (e) => writeStruct(e, { parent: "items", key: "a", contentRef: CONTENT_ANY, body: (b) => encoding.writeVarUint(b, huge) }));
    } else if (r === 3) {
      variant = `a deleted item ${huge} clocks long`;
      u = update(client, 0, 1, (e) => writeStruct(e, { parent: "items", key: "a", contentRef: CONTENT_DELETED, body: (b) => encoding.writeVarUint(b, huge) }));
    } else if (r === 4) {
      variant = `a GC run ${huge} clocks long`;
      u = update(client, 0, 1, (e) => {
        encoding.writeUint8(e, STRUCT_GC);
        encoding.writeVarUint(e, huge);
      });
    } else if (r === 5) {
      variant = `a string of claimed length ${huge}`;
      u = update(client, 0, 1, (e) => writeStruct(e, { parent: "items", key: "a", contentRef: CONTENT_STRING, body: (b) => encoding.writeVarUint(b, huge) }));
    } else {
      const n = pick(rng, [5000, 60_000]);
      variant = `${n} small structs in one update`;
      u = update(client, 0, n, (e) => {
        for (let i = 0; i < n; i++) writeStruct(e, { parent: "items", key: `k${i % 50}`, contentRef: CONTENT_ANY, body: anyBody([(b) => encoding.writeAny(b, i)]) });
      });
    }
    return { category: "huge-counts", variant, data: syncMessage(kind, u) };
  }

  function unknownDeletes(): FuzzFrame {
    const r = int(rng, 4);
    const ranges: Array<{ client: number; clock: number; len: number }> = [];
    let variant: string;
    if (r === 0) {
      const n = 1 + int(rng, 20);
      for (let i = 0; i < n; i++) ranges.push({ client: clientId(rng, known), clock: int(rng, 1000), len: 1 + int(rng, 100) });
      variant = `${n} ranges of unknown or known clients`;
    } else if (r === 1) {
      const client = clientId(rng, known);
      ranges.push({ client, clock: 0, len: pick(rng, [2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER - 1]) });
      variant = "one range of 2^31 clocks or more";
    } else if (r === 2) {
      const target = known.length > 0 ? pick(rng, known) : { client: 1, clock: 10 };
      const n = pick(rng, [100, 5000]);
      for (let i = 0; i < n; i++) ranges.push({ client: target.client, clock: int(rng, Math.max(1, target.clock)), len: 1 + int(rng, Math.max(1, target.clock)) });
      variant = `${n} overlapping ranges of a client the board has`;
    } else {
      const target = known.length > 0 ? pick(rng, known) : { client: 1, clock: 10 };
      ranges.push({ client: target.client, clock: target.clock + int(rng, 100), len: 1 + int(rng, 1000) });
      variant = "a range past a known client's clock";
    }
    // Only a delete set, as the server writes one when it takes back refused content.
    const u = encodeDeleteUpdate(ranges);
    return { category: "unknown-deletes", variant, data: syncMessage(pick(rng, [1, 2]), u) };
  }

  function missingRefs(): FuzzFrame {
    const client = [...clientIds].pop()!;
    const other = clientId(rng, known);
    const value = anyBody([(b) => encoding.writeAny(b, { id: "x", text: "dangling", createdBy: "fz", createdAt: 1 })]);
    const r = int(rng, 7);
    let variant: string;
    let structs: (e: encoding.Encoder) => void;
    let count = 1;
    if (r === 0) {
      variant = "origin the board does not have";
      structs = (e) => writeStruct(e, { origin: [other, int(rng, 2 ** 20)], contentRef: CONTENT_ANY, body: value });
    } else if (r === 1) {
      variant = "right origin the board does not have";
      structs = (e) => writeStruct(e, { rightOrigin: [other, int(rng, 2 ** 20)], contentRef: CONTENT_ANY, body: value });
    } else if (r === 2) {
      variant = "parent type by an ID the board does not have";
      structs = (e) => writeStruct(e, { parent: [other, int(rng, 1000)], key: "k", contentRef: CONTENT_ANY, body: value });
    } else if (r === 3) {
      variant = "anchored to itself";
      structs = (e) => writeStruct(e, { origin: [client, 0], contentRef: CONTENT_ANY, body: value });
    } else if (r === 4) {
      variant = "two items anchored to each other";
      count = 2;
      structs = (e) => {
        writeStruct(e, { origin: [client, 1], contentRef: CONTENT_ANY, body: value });
        writeStruct(e, { rightOrigin: [client, 0], contentRef: CONTENT_ANY, body: value });
      };
    } else if (r === 5) {
      variant = "a skip over a gap, then an item";
      count = 2;
      structs = (e) => {
        encoding.writeUint8(e, STRUCT_SKIP);
        encoding.writeVarUint(e, 1 + int(rng, 1000));
        writeStruct(e, { parent: "items", key: "after-skip", contentRef: CONTENT_ANY, body: value });
      };
    } else {
      variant = "an item anchored to a discarded (GC) struct";
      count = 2;
      structs = (e) => {
        encoding.writeUint8(e, STRUCT_GC);
        encoding.writeVarUint(e, 3);
        writeStruct(e, { origin: [client, 1], contentRef: CONTENT_ANY, body: value });
      };
    }
    const startClock = r === 2 || r === 0 || r === 1 ? int(rng, 3) : 0;
    return { category: "missing-refs", variant, data: syncMessage(pick(rng, [1, 2]), update(client, startClock, count, structs)) };
  }

  function unknownType(): FuzzFrame {
    const r = int(rng, 4);
    if (r === 0) {
      let type = 4 + int(rng, 252);
      if (type === MESSAGE_HEARTBEAT) type++;
      return { category: "unknown-type", variant: `message type ${type}`, data: concat(message((e) => encoding.writeVarUint(e, type)), randomBytes(rng, int(rng, 16))) };
    }
    if (r === 1) return { category: "unknown-type", variant: "sync message of kind 3..", data: concat(new Uint8Array([MESSAGE_SYNC]), message((e) => encoding.writeVarUint(e, 3 + int(rng, 1000))), randomBytes(rng, int(rng, 8))) };
    if (r === 2) return { category: "unknown-type", variant: "heartbeat byte with a body", data: concat(new Uint8Array([MESSAGE_HEARTBEAT]), randomBytes(rng, 1 + int(rng, 8))) };
    return {
      category: "unknown-type",
      variant: "auth or query-awareness with a body",
      data: concat(new Uint8Array([pick(rng, [MESSAGE_AUTH, MESSAGE_QUERY_AWARENESS])]), randomBytes(rng, int(rng, 64))),
    };
  }

  function awareness(): FuzzFrame {
    const own = [...clientIds].pop()!;
    const entry = (id: number, clock: number, state: string) => (e: encoding.Encoder) => {
      encoding.writeVarUint(e, id);
      encoding.writeVarUint(e, clock);
      encoding.writeVarString(e, state);
    };
    const payload = (entries: Array<(e: encoding.Encoder) => void>, count = entries.length) =>
      message((e) => {
        encoding.writeVarUint(e, count);
        for (const w of entries) w(e);
      });
    const r = int(rng, 10);
    const clock = 1 + int(rng, 1000);
    let variant: string;
    let p: Uint8Array;
    if (r === 0) {
      const size = pick(rng, [7_000, 8_200, 64_000, 900_000]);
      variant = `JSON state of ${size} bytes`;
      p = payload([entry(own, clock, JSON.stringify({ user: { name: "x".repeat(size) } }))]);
    } else if (r === 1) {
      const depth = pick(rng, [100, 2000, 4000, 100_000]);
      variant = `JSON state ${depth} deep`;
      p = payload([entry(own, clock, deepJson(depth, rng() < 0.5))]);
    } else if (r === 2) {
      variant = "state that is not JSON";
      p = payload([entry(own, clock, pick(rng, ["{", "undefined", "NaN", "{'a':1}", "\u0000", "[1,]", ""]))]);
    } else if (r === 3) {
      const count = pick(rng, [2 ** 31, Number.MAX_SAFE_INTEGER, 1_000_000]);
      variant = `claims ${count} clients`;
      p = payload([entry(own, clock, "{}")], count);
    } else if (r === 4) {
      const n = pick(rng, [100, 20_000]);
      variant = `${n} client entries`;
      p = payload(Array.from({ length: n }, (_, i) => entry(i === 0 ? own : clientId(rng, known), clock, '{"a":1}')));
    } else if (r === 5) {
      variant = "clock going backwards";
      p = payload([entry(own, clock + 10, '{"a":1}'), entry(own, clock, '{"a":2}'), entry(own, 0, "null")]);
    } else if (r === 6) {
      variant = "null states for other clients' ids";
      p = payload([entry(own, clock, '{"a":1}'), ...Array.from({ length: 1 + int(rng, 20) }, () => entry(clientId(rng, known), 1 + int(rng, 2 ** 30), "null"))]);
    } else if (r === 7) {
      variant = "first entry speaks for another client";
      p = payload([entry(clientId(rng, known), Number.MAX_SAFE_INTEGER - int(rng, 10), '{"user":{"name":"impostor"}}')]);
    } else if (r === 8) {
      variant = "clock of 2^53";
      p = payload([entry(own, Number.MAX_SAFE_INTEGER, '{"a":1}')]);
    } else {
      const d = damage(rng, payload([entry(own, clock, '{"user":{"name":"x","color":"#123456"}}')]));
      variant = `damaged: ${d.variant}`;
      p = d.data;
    }
    const wrapped = rng() < 0.15 ? damage(rng, awarenessMessage(p)) : { variant: "", data: awarenessMessage(p) };
    return { category: "awareness", variant: wrapped.variant ? `${variant}, then ${wrapped.variant}` : variant, data: wrapped.data };
  }

  function trailing(): FuzzFrame {
    const r = int(rng, 3);
    const first = r === 0 ? syncMessage(2, session.edit(rng)) : r === 1 ? syncMessage(0, session.stateVector()) : awarenessMessage(message((e) => encoding.writeVarUint(e, 0)));
    const second = rng() < 0.5 ? syncMessage(1, session.edit(rng)) : randomBytes(rng, 1 + int(rng, 64));
    return { category: "trailing", variant: `${["update", "step 1", "awareness"][r]} followed by ${second.byteLength} more bytes`, data: concat(first, second) };
  }

  function next(): FuzzFrame {
    const category = drawCategory();
    switch (category) {
      case "step1":
        return step1();
      case "step2":
        return syncUpdate(1, "step2");
      case "update":
        return syncUpdate(2, "update");
      case "deep-nesting":
        return deepNesting();
      case "huge-counts":
        return hugeCounts();
      case "unknown-deletes":
        return unknownDeletes();
      case "missing-refs":
        return missingRefs();
      case "unknown-type":
        return unknownType();
      case "awareness":
        return awareness();
      case "trailing":
        return trailing();
      case "garbage":
        return { category, variant: "random bytes", data: randomBytes(rng, 1 + int(rng, pick(rng, [8, 256, 8192]))) };
      case "text":
        return { category, variant: "text frame", data: pick(rng, ["hello", "{}", '{"type":"sync"}', "\u0000\u0001", "x".repeat(int(rng, 5000))]) };
      case "empty":
        return { category, variant: "zero-length frame", data: new Uint8Array(0) };
      case "oversized":
        return { category, variant: "one byte over the limit", data: concat(new Uint8Array([MESSAGE_SYNC, 2]), randomBytes(rng, options.maxMessageBytes - 1)) };
    }
  }

  return {
    next,
    newSession,
    get clientIds() {
      return clientIds;
    },
  };
}
