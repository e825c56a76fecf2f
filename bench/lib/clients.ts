import * as Y from "yjs";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import { Awareness } from "y-protocols/awareness";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import * as decoding from "lib0/decoding";
import { movesInUpdate, type Move } from "./moves";
import type { AwarenessMode, ClientSpec, InitMessage } from "./messages";

/**
 * One simulated user: a real provider with its own Y.Doc that writes its moves
 * into `placements` and, on the same socket (one socket per user, as in the
 * app), receives everyone else's. See ReceiveMode and AwarenessMode for how
 * much of a browser's receiving work it does.
 */

export interface Placement {
  item: string;
  participant: string;
  col: number;
  row: number;
  at: number;
}

export interface Client {
  spec: ClientSpec;
  doc: Y.Doc;
  placements: Y.Map<Placement>;
  participant: string;
  seq: number;
  nextDue: number;
  synced: boolean;
  /** Opens the socket; the client's doc and presence exist from creation. */
  connect: () => void;
  destroy: () => void;
}

/** What the worker counts; called from every client's socket. */
export interface ClientEvents {
  frame(bytes: number): void;
  awarenessFrame(): void;
  /** Moves decoded from an update, or seen in the client's doc, at `now`. */
  moves(client: Client, moves: Move[], now: number): void;
  synced(client: Client): void;
  disconnected(client: Client): void;
  error(message: string): void;
}

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_UPDATE = 2;

/** The awareness state the app publishes for a participant who is not dragging (lib/board/presence.ts). */
function presence(spec: ClientSpec): object {
  const color = `#${((spec.g * 2654435761) >>> 8).toString(16).padStart(6, "0").slice(-6)}`;
  return { user: { participant: spec.participant, name: `Bench user ${spec.g}`, color, role: "participant" }, drag: null };
}

function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (data instanceof Uint8Array) return data;
  if (Array.isArray(data)) return Buffer.concat(data.filter((b): b is Buffer => Buffer.isBuffer(b)));
  return null;
}

/** Returns true when the message was consumed and must not reach the provider. */
type Consumer = (bytes: Uint8Array) => boolean;

/**
 * The providers' WebSocket. It counts inbound frames (to show how much each
 * server batches) and lets a consumer take messages away from the provider.
 */
function socketClass(events: ClientEvents, consumer: { consume: Consumer | null }) {
  return class BenchWebSocket extends WebSocket {
    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event === "message") {
        const bytes = toBytes(args[0]);
        events.frame(bytes?.length ?? 0);
        if (bytes !== null && consumer.consume !== null && consumer.consume(bytes)) return true;
      }
      return super.emit(event, ...args);
    }
  };
}

/**
 * Takes update messages (parse mode, once synced) and awareness messages
 * (unless they are to be applied) away from the provider and decodes them.
 * `named`: Hocuspocus prefixes every message with the document name.
 * Anything this cannot read goes to the provider untouched.
 */
function consumer(c: Client, cfg: InitMessage, events: ClientEvents, named: boolean, touch: () => void, now: () => number): Consumer {
  const parseUpdates = cfg.receive === "parse";
  const applyAwareness = cfg.awareness === "echo";
  return (bytes) => {
    let moves: Move[];
    try {
      const d = decoding.createDecoder(bytes);
      if (named) decoding.readVarString(d);
      const type = decoding.readVarUint(d);
      if (type === MESSAGE_AWARENESS) {
        events.awarenessFrame();
        if (applyAwareness) return false;
        touch();
        return true;
      }
      if (!parseUpdates || !c.synced || type !== MESSAGE_SYNC || decoding.readVarUint(d) !== SYNC_UPDATE) return false;
      moves = movesInUpdate(decoding.readVarUint8Array(d));
    } catch {
      return false;
    }
    events.moves(c, moves, now());
    // The providers drop a connection that has been silent for 30 s.
    touch();
    return true;
  };
}

/** Doc-mode receiver: moves integrated into this client's doc by someone else. */
function observe(c: Client, events: ClientEvents, now: () => number): void {
  c.placements.observe((event) => {
    if (event.transaction.local) return;
    const moves: Move[] = [];
    for (const key of event.keysChanged) {
      const v = c.placements.get(key);
      if (v !== undefined && typeof v.at === "number") moves.push({ participant: v.participant, at: v.at });
    }
    events.moves(c, moves, now());
  });
}

function startAwareness(awareness: Awareness | null, mode: AwarenessMode, spec: ClientSpec): void {
  if (awareness === null) return;
  awareness.setLocalState(mode === "off" ? null : presence(spec));
}

export function createClient(spec: ClientSpec, cfg: InitMessage, events: ClientEvents, now: () => number): Client {
  const doc = new Y.Doc();
  const client: Client = {
    spec,
    doc,
    placements: doc.getMap<Placement>("placements"),
    participant: spec.participant,
    seq: 0,
    nextDue: Infinity,
    synced: false,
    connect: () => undefined,
    destroy: () => undefined,
  };
  if (cfg.receive === "doc") observe(client, events, now);
  const markSynced = (): void => {
    if (client.synced) return;
    client.synced = true;
    events.synced(client);
  };
  const onDisconnect = (): void => {
    if (client.synced) events.disconnected(client);
  };
  const base = `ws://127.0.0.1:${spec.port}`;
  const hooks: { consume: Consumer | null } = { consume: null };

  if (cfg.protocol === "hocuspocus") {
    const socket = new HocuspocusProviderWebsocket({ url: base, WebSocketPolyfill: socketClass(events, hooks), autoConnect: false });
    hooks.consume = consumer(client, cfg, events, true, () => (socket.lastMessageReceived = Date.now()), now);
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: spec.room,
      document: doc,
      ...(cfg.awareness === "off" ? { awareness: null } : {}),
    });
    startAwareness(provider.awareness, cfg.awareness, spec);
    provider.on("synced", markSynced);
    provider.on("disconnect", onDisconnect);
    provider.on("authenticationFailed", () => events.error(`client ${spec.g}: authentication failed`));
    provider.attach();
    client.connect = () => void socket.connect().catch((err: unknown) => events.error(`client ${spec.g}: ${String(err)}`));
    client.destroy = () => {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    };
    return client;
  }

  const awareness = new Awareness(doc);
  startAwareness(awareness, cfg.awareness, spec);
  const url = cfg.protocol === "cruxboard" ? `${base}/sync` : base;
  const provider = new WebsocketProvider(url, spec.room, doc, {
    connect: false,
    awareness,
    // The seat makes this connection write as its person (our server); the others ignore both params.
    params: { ...(spec.key !== undefined ? { key: spec.key } : {}), ...(spec.seat !== undefined ? { seat: spec.seat } : {}) },
    WebSocketPolyfill: socketClass(events, hooks) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  hooks.consume = consumer(client, cfg, events, false, () => (provider.wsLastMessageReceived = Date.now()), now);
  provider.on("sync", (isSynced: boolean) => {
    if (isSynced) markSynced();
  });
  provider.on("connection-close", (event: CloseEvent | null) => {
    if (!client.synced && event !== null) events.error(`client ${spec.g}: closed ${event.code} ${event.reason}`);
    onDisconnect();
  });
  provider.on("connection-error", () => {
    if (!client.synced) events.error(`client ${spec.g}: connection error`);
  });
  client.connect = () => provider.connect();
  client.destroy = () => {
    provider.destroy();
    doc.destroy();
  };
  return client;
}
