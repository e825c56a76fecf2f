import { WebsocketProvider } from "y-websocket";
import { addItem, deleteItem, editItem, joinParticipant, placeItem, removeParticipant, setMeta, setReason, startRound, unplaceItem } from "./commands";
import { boardReader, type BoardState } from "./doc";
import { keepAlive } from "./heartbeat";
import { readPeers, type Peer, type PeerDrag, type Presence } from "./presence";
import type { GridPoint } from "./grid";
import type { Item, Meta, Participant } from "./schema";
import * as Y from "yjs";

/*
 * A board in the browser: the one place that owns its Y.Doc and y-websocket
 * provider. Components get validated snapshots and verbs from here (through
 * the hooks in hooks/use-board.ts) and never see Yjs.
 */

export type ConnectionStatus =
  | { kind: "connecting" }
  | { kind: "live" }
  | { kind: "offline" }
  /** The server closed the socket with a code that says retrying cannot help (4400–4499). */
  | { kind: "closed"; code: number; reason: string };

export interface BoardConnection extends BoardVerbs {
  /** The validated board: the same object until the document changes. */
  board(): BoardState;
  /** True once the first full sync with the server has completed; stays true after. */
  hasSynced(): boolean;
  /** True while changes made here during an outage have not been sent yet. */
  hasUnsentChanges(): boolean;
  status(): ConnectionStatus;
  subscribe(listener: () => void): () => void;
  reconnect(): void;
  /** Who else has the board open and what they are moving, validated; a new array only when that changes. */
  peers(): Peer[];
  /** Where the others' drags are now: changes many times a second, so it is kept apart from peers(). */
  drags(): PeerDrag[];
  /** Announces who this tab is, once known. */
  setUser(user: Presence["user"] | null): void;
  /** Tells the others what this tab is dragging (throttled); null when the drag ends. */
  setDrag(drag: Presence["drag"]): void;
  destroy(): void;
}

/**
 * What a tab writes to its board. Each write is made as this device's participant and checked
 * against the grid the document holds at that moment, so screens pass only what the person meant.
 */
export interface BoardVerbs {
  /** This device's participant id: who adds items and places them. Null for viewers and the projector, who write nothing of their own. */
  readonly participant: string | null;
  /** Changes a facilitator-controlled field; the server applies it only from a facilitator's connection. */
  setMeta<K extends keyof Meta>(field: K, value: Meta[K]): void;
  /** Moves to the given round, clearing every placement unless they are kept (facilitator only). */
  startRound(round: number, keepPlacements: boolean): void;
  /** Registers (or renames, or recolours) this device's participant on the board. */
  join(entry: Omit<Participant, "id">): void;
  /** Takes this device's participant entry off the board (a facilitator who only runs it). */
  leave(): void;
  addItem(item: Pick<Item, "id" | "text" | "note">): void;
  editItem(id: string, change: Pick<Item, "text" | "note">): void;
  deleteItem(id: string): void;
  /** Places (or moves) this participant's note of an item; false when the point is outside the grid or nothing was written. */
  place(item: string, point: GridPoint): boolean;
  /** Takes this participant's note of an item back off the grid. */
  unplace(item: string): void;
  /** Gives this participant's reason for their placement of an item (empty: none); false when they have not placed it or it is too long. */
  setReason(item: string, reason: string): boolean;
}

/** The verbs over a document; `open` says whether writes still go anywhere (a destroyed connection's do not). */
export function boardVerbs(doc: Y.Doc, read: () => BoardState, participant: string | null, open: () => boolean): BoardVerbs {
  return {
    participant,
    setMeta(field, value) {
      if (open()) setMeta(doc, field, value);
    },
    startRound(round, keepPlacements) {
      if (open()) startRound(doc, round, keepPlacements);
    },
    join(entry) {
      if (open() && participant) joinParticipant(doc, { ...entry, id: participant });
    },
    leave() {
      if (open() && participant) removeParticipant(doc, participant);
    },
    addItem(item) {
      if (open() && participant) addItem(doc, { ...item, createdBy: participant, createdAt: Date.now() });
    },
    editItem(id, change) {
      if (open()) editItem(doc, id, change);
    },
    deleteItem(id) {
      if (open()) deleteItem(doc, id);
    },
    place(item, point) {
      if (!open() || !participant) return false;
      try {
        placeItem(doc, { item, participant, col: point.col, row: point.row }, read().meta.grid);
        return true;
      } catch {
        return false;
      }
    },
    unplace(item) {
      if (open() && participant) unplaceItem(doc, item, participant);
    },
    setReason(item, reason) {
      if (!open() || !participant) return false;
      try {
        return setReason(doc, item, participant, reason) !== null;
      } catch {
        return false;
      }
    },
  };
}

/** Other people's drags are drawn live; this many updates a second is smooth without flooding the room. */
const DRAG_INTERVAL_MS = 50;

/** `participant`: this device's participant id on the board, or null for a tab that only watches. */
export function connectBoard(id: string, key: string, participant: string | null): BoardConnection {
  const doc = new Y.Doc();
  // Registered before anything else listens, so a snapshot is never stale when listeners are told.
  const reader = boardReader(doc);
  const listeners = new Set<() => void>();
  let synced = false;
  let everSynced = false;
  let socketOpen = false;
  let everOpened = false;
  let failedAttempts = 0;
  let status: ConnectionStatus = { kind: "connecting" };
  let destroyed = false;

  const notify = () => {
    for (const listener of Array.from(listeners)) listener();
  };

  const recompute = () => {
    if (status.kind === "closed") return;
    let next: ConnectionStatus;
    if (socketOpen && synced) next = { kind: "live" };
    // Until something has gone wrong, a slow first handshake is still "connecting", not "offline".
    else if (everOpened || failedAttempts > 0) next = { kind: "offline" };
    else next = { kind: "connecting" };
    if (next.kind !== status.kind) {
      status = next;
      notify();
    }
  };

  let unsent = false;
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    // Our own edits made while the socket is down wait in the document until it is back.
    if (origin !== provider && !(socketOpen && synced)) unsent = true;
    notify();
  };

  const serverUrl = window.location.origin.replace(/^http/, "ws") + "/sync";
  const provider = new WebsocketProvider(serverUrl, id, doc, {
    params: { key },
    // Cross-tab BroadcastChannel sync would let a tab opened with a weaker key
    // hand its edits to a facilitator tab, which would then send them as its own.
    disableBc: true,
  });

  doc.on("update", onUpdate);
  const heartbeat = keepAlive(provider);
  // The browser knows before any heartbeat when the device itself went offline.
  const onOffline = () => heartbeat.drop();
  window.addEventListener("offline", onOffline);
  const awareness = provider.awareness;
  let peers: Peer[] = [];
  let peersKey = "[]";
  let drags: PeerDrag[] = [];
  let dragsKey = "[]";
  let user: Presence["user"] | null = null;
  let drag: Presence["drag"] = null;
  let dragSentAt = 0;
  let dragTimer: ReturnType<typeof setTimeout> | null = null;
  const publish = () => {
    if (dragTimer) clearTimeout(dragTimer);
    dragTimer = null;
    dragSentAt = Date.now();
    awareness.setLocalState(user ? ({ user, drag } satisfies Presence) : null);
  };
  const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    // Our own drag changes our own state twenty times a second; nothing anyone here reads changes with it.
    if ([...added, ...updated, ...removed].every((id) => id === doc.clientID)) return;
    const next = readPeers(awareness.getStates(), doc.clientID);
    const nextKey = JSON.stringify(next.map((p) => [p.clientId, p.user, p.drag?.item ?? null]));
    const nextDrags = next.flatMap((p) => (p.drag ? [{ clientId: p.clientId, user: p.user, ...p.drag }] : []));
    const nextDragsKey = JSON.stringify(nextDrags);
    if (nextKey === peersKey && nextDragsKey === dragsKey) return;
    if (nextKey !== peersKey) [peers, peersKey] = [next, nextKey];
    if (nextDragsKey !== dragsKey) [drags, dragsKey] = [nextDrags, nextDragsKey];
    notify();
  };
  awareness.on("change", onAwareness);

  provider.on("status", ({ status: s }) => {
    socketOpen = s === "connected";
    if (socketOpen) everOpened = true;
    recompute();
  });
  provider.on("sync", (isSynced) => {
    synced = isSynced;
    if (isSynced) {
      failedAttempts = 0;
      // The sync exchange on reconnecting sends everything the server lacks, our waiting edits included.
      unsent = false;
      if (!everSynced) {
        everSynced = true;
        notify();
      }
    }
    recompute();
  });
  provider.on("connection-close", () => {
    synced = false;
    socketOpen = false;
    failedAttempts++;
    recompute();
  });
  provider.on("closed", ({ code, reason }) => {
    status = { kind: "closed", code, reason };
    notify();
  });

  return {
    ...boardVerbs(doc, reader.read, participant, () => !destroyed),
    board: reader.read,
    hasSynced: () => everSynced,
    hasUnsentChanges: () => unsent,
    status: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    peers: () => peers,
    drags: () => drags,
    setUser(next) {
      if (destroyed) return;
      user = next;
      publish();
    },
    setDrag(next) {
      if (destroyed) return;
      drag = next;
      // The start and end of a drag go out at once; the moves in between at most every DRAG_INTERVAL_MS.
      const wait = DRAG_INTERVAL_MS - (Date.now() - dragSentAt);
      if (next === null || wait <= 0) publish();
      else dragTimer ??= setTimeout(publish, wait);
    },
    reconnect() {
      if (destroyed) return;
      status = { kind: "connecting" };
      notify();
      provider.connect();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      listeners.clear();
      heartbeat.stop();
      window.removeEventListener("offline", onOffline);
      if (dragTimer) clearTimeout(dragTimer);
      awareness.off("change", onAwareness);
      doc.off("update", onUpdate);
      reader.dispose();
      provider.destroy();
      doc.destroy();
    },
  };
}
