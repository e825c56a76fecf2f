import { Awareness } from "y-protocols/awareness";
import { WebsocketProvider } from "y-websocket";
import { boardReader, type BoardState } from "./doc";
import { keepAlive, type Heartbeat } from "./heartbeat";
import type { LocalCopy } from "./local-copy";
import { readPeers, type Peer, type PeerDrag, type Presence } from "./presence";
import { CLOSE_LIMITED, closedStatus, limitedWaitSeconds, listenForRefusals, reopenWith, type ConnectionStatus, type Refusal } from "./refusals";
import { boardVerbs, type BoardVerbs } from "./verbs";
import * as Y from "yjs";

/*
 * A board in the browser: the one place that owns its Y.Doc and y-websocket
 * provider. Components get validated snapshots and verbs from here (through
 * the hooks in hooks/use-board.ts) and never see Yjs.
 */

export type { ConnectionStatus };

export interface BoardConnection extends BoardVerbs {
  /** The validated board: the same object until the document changes. */
  board(): BoardState;
  /**
   * True once the board can be shown: after the first full sync with the server, or before it
   * from this browser's copy when the server does not answer at once. Stays true after.
   */
  hasSynced(): boolean;
  /**
   * True while changes made here during an outage have not been sent yet and live only in this
   * page: never when this browser keeps a copy of the board, which holds them through a reload.
   */
  hasUnsentChanges(): boolean;
  status(): ConnectionStatus;
  subscribe(listener: () => void): () => void;
  reconnect(): void;
  /** Who else has the board open and what they are moving, validated; a new array only when that changes. */
  peers(): Peer[];
  /** Where the others' drags are now: changes many times a second, so it is kept apart from peers(). */
  drags(): PeerDrag[];
  /**
   * Takes up a seat while the board is open: writes go out as `participant` from now on, and the
   * connection opens again with the seat (y-websocket reads its parameters at each connect), while
   * the board stays on screen and the status stays as it was until the new connection is in step.
   */
  seatAs(participant: string, seat: string): void;
  /** The last change of this tab's the server did not accept, and why; null until one is refused. */
  refusal(): Refusal | null;
  /** Announces who this tab is, once known. */
  setUser(user: Presence["user"] | null): void;
  /** Tells the others what this tab is dragging (throttled); null when the drag ends. */
  setDrag(drag: Presence["drag"]): void;
  destroy(): void;
}

/** How long a connection must stay up after a limit before the next wait starts again at the first. */
const LIMITED_CALM_MS = 120_000;

/** How long taking a seat may keep the connection's status as it was while it opens again. */
const SEAT_SWITCH_MS = 5000;

/** Other people's drags are drawn live; this many updates a second is smooth without flooding the room. */
const DRAG_INTERVAL_MS = 50;

/**
 * The server's close code for a client id another of its connections still writes with: usually
 * this device's previous page, whose socket the server has not noticed is dead yet. Unlike the
 * other 44xx codes it passes, so it is retried (with y-websocket's back-off) rather than final.
 */
const CLIENT_ID_IN_USE = 4409;

/**
 * How long a page waits for the server before it shows the board from this browser's copy.
 * Long enough that a normal load goes straight to the server's board, never to an older one first.
 */
const LOCAL_COPY_GRACE_MS = 1500;

export interface ConnectOptions {
  /** This device's participant id on the board, or null for a tab that only watches (or has no seat yet). */
  participant: string | null;
  /** This device's seat on the board (contract v2), passed with a participant key so that its writes count. */
  seat: string | null;
  /** This browser's copy of the board (lib/client/session/local-copies.ts), or null to keep none. */
  localCopy: LocalCopyOptions | null;
}

export interface LocalCopyOptions {
  name: string;
  /** The client id under which edits in the copy wait to be sent (from an earlier visit), or null. */
  unsentUnder: number | null;
  /** Records that edits in the copy wait to be sent under this client id, or (null) that none do. */
  recordUnsent(clientId: number | null): void;
}

export function connectBoard(id: string, key: string, { participant: initialParticipant, seat, localCopy: keep }: ConnectOptions): BoardConnection {
  let participant = initialParticipant;
  const params = (): Record<string, string> => (seat ? { key, seat } : { key });
  /** A seat was just taken: the connection opens again with it, and nothing on screen should say it went away. */
  let switchingSeat = false;
  let refusal: Refusal | null = null;
  const doc = new Y.Doc();
  // Registered before anything else listens, so a snapshot is never stale when listeners are told.
  const reader = boardReader(doc);
  /** Presence: made with the provider, once the document's client id is settled (y-websocket speaks for that id). */
  let awareness: Awareness | null = null;
  const listeners = new Set<() => void>();
  let synced = false;
  let everSynced = false;
  let localCopy: LocalCopy | null = null;
  /** The copy holds a board and the server has not answered in time: show the copy. */
  let showingLocalCopy = false;
  let graceOver = false;
  /** Whether device storage says edits in the copy wait to be sent. */
  let recordedUnsent = keep?.unsentUnder != null;
  let started = false;
  let socketOpen = false;
  let everOpened = false;
  let failedAttempts = 0;
  let status: ConnectionStatus = { kind: "connecting" };
  let destroyed = false;
  let limitedTimes = 0;
  let limitedTimer: ReturnType<typeof setTimeout> | null = null;
  /** Forgets the limit's growing wait once a connection has stayed up a while without going over. */
  let calmTimer: ReturnType<typeof setTimeout> | null = null;
  const stopCalmTimer = () => {
    if (calmTimer) clearTimeout(calmTimer);
    calmTimer = null;
  };

  const notify = () => {
    for (const listener of Array.from(listeners)) listener();
  };

  const recompute = () => {
    if (status.kind === "closed") return;
    if (switchingSeat) {
      if (!(socketOpen && synced)) return;
      switchingSeat = false;
      refreshPeers();
    }
    let next: ConnectionStatus;
    if (socketOpen && synced) next = { kind: "live" };
    // Until something has gone wrong, a slow first handshake is still "connecting", not "offline".
    else if (everOpened || failedAttempts > 0) next = { kind: "offline", keptOn: participant === null ? null : localCopy ? "device" : "page" };
    else next = { kind: "connecting" };
    if (failedAttempts > 0) showLocalCopy();
    if (next.kind !== status.kind) {
      status = next;
      notify();
    }
  };

  let unsent = false;
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    // Our own edits made while the socket is down wait in the document until it is back.
    if (origin !== provider && !(socketOpen && synced)) {
      unsent = true;
      recordUnsent();
    }
    notify();
  };

  const recordUnsent = () => {
    if (!keep || !localCopy || !unsent || recordedUnsent) return;
    recordedUnsent = true;
    keep.recordUnsent(doc.clientID);
  };

  const showLocalCopy = () => {
    if (everSynced || showingLocalCopy || !localCopy || doc.getMap("meta").size === 0) return;
    showingLocalCopy = true;
    notify();
  };

  let provider: WebsocketProvider | null = null;
  let heartbeat: Heartbeat | null = null;
  let graceTimer: ReturnType<typeof setTimeout> | null = null;
  // The browser knows before any heartbeat when the device itself went offline.
  const onOffline = () => heartbeat?.drop();
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
    awareness?.setLocalState(user ? ({ user, drag } satisfies Presence) : null);
  };
  const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    // Our own drag changes our own state twenty times a second; nothing anyone here reads changes with it.
    if ([...added, ...updated, ...removed].every((id) => id === doc.clientID)) return;
    // Taking a seat drops everyone's presence with the old connection for a moment; the new one brings it back.
    if (!switchingSeat) refreshPeers();
  };
  const refreshPeers = () => {
    if (!awareness) return;
    const next = readPeers(awareness.getStates(), doc.clientID);
    const nextKey = JSON.stringify(next.map((p) => [p.clientId, p.user, p.drag?.item ?? null]));
    const nextDrags = next.flatMap((p) => (p.drag ? [{ clientId: p.clientId, user: p.user, ...p.drag }] : []));
    const nextDragsKey = JSON.stringify(nextDrags);
    if (nextKey === peersKey && nextDragsKey === dragsKey) return;
    if (nextKey !== peersKey) [peers, peersKey] = [next, nextKey];
    if (nextDragsKey !== dragsKey) [drags, dragsKey] = [nextDrags, nextDragsKey];
    notify();
  };

  /** Connects to the server, once this browser's copy (if any) is in the document. */
  const start = () => {
    if (destroyed || started) return;
    started = true;
    const presence = new Awareness(doc);
    // A page that resumes an earlier visit's client id (below) must say its presence with a newer clock than that
    // visit last did, or the server and everyone else ignore it: a clock from the time (at most one change a
    // millisecond) always is.
    presence.meta.set(doc.clientID, { clock: Date.now(), lastUpdated: Date.now() });
    presence.on("change", onAwareness);
    awareness = presence;
    if (user) publish();
    const serverUrl = window.location.origin.replace(/^http/, "ws") + "/sync";
    const socket = new WebsocketProvider(serverUrl, id, doc, {
      params: params(),
      awareness: presence,
      shouldReconnect: ({ code }) => code === CLIENT_ID_IN_USE || code < 4400 || code >= 4500,
      // Cross-tab BroadcastChannel sync would let a tab opened with a weaker key
      // hand its edits to a facilitator tab, which would then send them as its own.
      disableBc: true,
    });
    provider = socket;
    listenForRefusals(socket, (next) => {
      refusal = next;
      notify();
    });
    doc.on("update", onUpdate);
    heartbeat = keepAlive(socket);
    window.addEventListener("offline", onOffline);
    if (keep) {
      graceTimer = setTimeout(() => {
        graceOver = true;
        showLocalCopy();
      }, LOCAL_COPY_GRACE_MS);
    }
    socket.on("status", ({ status: s }) => {
      socketOpen = s === "connected";
      // Back after a drop: the server let our presence go with the old connection and takes it again only
      // with a newer clock, so it is said again (without this, others saw us away until the 15 s renewal).
      if (socketOpen && everOpened && user) publish();
      if (socketOpen) everOpened = true;
      recompute();
    });
    socket.on("sync", (isSynced) => {
      synced = isSynced;
      if (isSynced) {
        failedAttempts = 0;
        // A handshake can finish before the server counts the messages that go over its limit.
        stopCalmTimer();
        if (limitedTimes > 0) calmTimer = setTimeout(() => ((calmTimer = null), (limitedTimes = 0)), LIMITED_CALM_MS);
        // The sync exchange on reconnecting sends everything the server lacks, our waiting edits included.
        unsent = false;
        if (recordedUnsent) {
          recordedUnsent = false;
          keep?.recordUnsent(null);
        }
        if (!everSynced) {
          everSynced = true;
          notify();
        }
      }
      recompute();
    });
    socket.on("connection-close", () => {
      synced = false;
      socketOpen = false;
      failedAttempts++;
      recompute();
    });
    socket.on("closed", ({ code, reason }) => {
      stopCalmTimer();
      status = closedStatus(code, reason, code === CLOSE_LIMITED ? limitedWaitSeconds(limitedTimes) : undefined);
      if (code === CLOSE_LIMITED) {
        // Over a limit: come back on our own after a while rather than at once.
        const wait = limitedWaitSeconds(limitedTimes++);
        limitedTimer = setTimeout(() => {
          limitedTimer = null;
          if (!destroyed && status.kind === "closed") reconnectNow();
        }, wait * 1000);
      }
      switchingSeat = false;
      notify();
    });
  };

  if (!keep) start();
  else {
    // Edits waiting from an earlier visit must be in the document, and their client id taken,
    // before the page connects; otherwise it connects at once and the copy comes in beside it.
    const resume = keep.unsentUnder;
    if (resume === null) start();
    // Loaded on demand, once the page has rendered, and only for a link that keeps a copy.
    import("./local-copy")
      .then(({ openLocalCopy }) => openLocalCopy(doc, keep.name))
      .then(
        (copy) => {
          if (destroyed) return copy?.close();
          localCopy = copy;
          // Only after the stored edits are in: Yjs draws a new id when content under its own arrives.
          if (copy && resume !== null && !started) doc.clientID = resume;
          recordUnsent();
          start();
          if (status.kind === "offline" && copy) {
            status = { ...status, keptOn: "device" };
            notify();
          }
          if (graceOver || failedAttempts > 0) showLocalCopy();
        },
        // Not even the code could be had: the board opens as it would without a copy.
        start,
      );
  }

  const reconnectNow = () => {
    if (limitedTimer) clearTimeout(limitedTimer);
    limitedTimer = null;
    status = { kind: "connecting" };
    notify();
    provider?.connect();
  };

  return {
    // Nothing is written before this browser's copy is in: the document's client id may still change.
    ...boardVerbs(doc, reader.read, () => participant, () => started && !destroyed),
    get participant() {
      return participant;
    },
    seatAs(nextParticipant, nextSeat) {
      if (destroyed) return;
      participant = nextParticipant;
      seat = nextSeat;
      // Whatever the page said before (live, or still connecting), it goes on saying until the new connection is in step.
      switchingSeat = true;
      if (!provider || !reopenWith(provider, params())) switchingSeat = false;
      else {
        // Should the new connection not come up soon, the page says what it really is.
        setTimeout(() => switchingSeat && ((switchingSeat = false), recompute()), SEAT_SWITCH_MS);
      }
      notify();
    },
    refusal: () => refusal,
    board: reader.read,
    hasSynced: () => everSynced || showingLocalCopy,
    hasUnsentChanges: () => unsent && !localCopy,
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
      if (!destroyed) reconnectNow();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      listeners.clear();
      heartbeat?.stop();
      window.removeEventListener("offline", onOffline);
      if (dragTimer) clearTimeout(dragTimer);
      if (graceTimer) clearTimeout(graceTimer);
      if (limitedTimer) clearTimeout(limitedTimer);
      stopCalmTimer();
      awareness?.off("change", onAwareness);
      doc.off("update", onUpdate);
      reader.dispose();
      // The copy stops before the document goes, so destroying it never reads as a change to keep.
      localCopy?.close();
      provider?.destroy();
      awareness?.destroy();
      doc.destroy();
    },
  };
}
