import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { Seat } from "../../lib/api/seats";
import { placeItem, unplaceItem } from "../../lib/board/commands";
import { readGrid, roots } from "../../lib/board/doc";
import type { Presence } from "../../lib/board/presence";
import { makeRandom } from "../../tests/random";
import type { BoardLedger } from "./ledger";

/** The provider's longest wait between reconnection attempts (its default is 2.5 s). */
const MAX_BACKOFF_MS = 1000;

/**
 * One person's tab: a stock y-websocket provider (Node's `ws` as its WebSocket, no
 * BroadcastChannel), its own doc, a presence that y-protocols renews every 15 s. Every change
 * that reaches the doc from the server goes into the board's ledger, as does every change it makes.
 * It writes as the person whose seat it took (the server wrote their entry when seating them).
 */
export class SoakClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  /** Local changes made (each one update sent, now or on reconnecting). */
  sent = 0;
  /** When this client last finished a sync with the server; 0 before the first. */
  syncedAt = 0;
  /** Whether the latest sync came after the socket was last lost. */
  private lostAt = 0;

  readonly participant: string;

  constructor(
    serverUrl: string,
    readonly boardId: string,
    key: string,
    seat: Seat,
    /** A fast writer rather than a person's pace. */
    readonly bot: boolean,
    readonly ledger: BoardLedger,
  ) {
    this.participant = seat.participant.id;
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) ledger.recordRelayed(update);
      else {
        this.sent++;
        ledger.recordSent(update);
      }
    });
    this.provider = new WebsocketProvider(serverUrl.replace(/^http/, "ws") + "/sync", boardId, this.doc, {
      params: { key, seat: seat.seat },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: MAX_BACKOFF_MS,
    });
    this.provider.on("sync", (isSynced: boolean) => {
      if (isSynced) this.syncedAt = Date.now();
      else this.lostAt = Date.now();
    });
    const { id, name, color } = seat.participant;
    const presence: Presence = { user: { participant: id, name, color, role: "participant" }, drag: null };
    this.provider.awareness.setLocalState(presence);
  }

  /** Synced with the server, and (when `since` is given) synced again after losing it at or after `since`. */
  inStep(since = 0): boolean {
    return this.provider.synced && this.provider.wsconnected && this.syncedAt >= since && this.syncedAt >= this.lostAt;
  }

  private destroyed = false;

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.provider.destroy();
    this.doc.destroy();
  }
}

/**
 * One action on the client's own placements, as a person makes them: place a note not yet
 * placed, move one already placed, or take one back. Through the project's verbs, so every
 * write has the board format's shape.
 */
export function act(client: SoakClient, random: () => number, takeBackShare: number): void {
  const grid = readGrid(client.doc);
  if (!grid) return;
  const items = [...roots(client.doc).items.keys()];
  if (items.length === 0) return;
  const placements = roots(client.doc).placements;
  const placed = items.filter((item) => placements.has(`${item}:${client.participant}`));
  const unplaced = items.filter((item) => !placements.has(`${item}:${client.participant}`));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const r = random();
  if (placed.length > 0 && r < takeBackShare) {
    unplaceItem(client.doc, pick(placed), client.participant);
    return;
  }
  const item = placed.length === 0 || (unplaced.length > 0 && r < takeBackShare + (1 - takeBackShare) / 2) ? pick(unplaced) : pick(placed);
  // Strictly inside the grid: col < columns, row < rows.
  const col = random() * grid.columns.length * 0.999;
  const row = random() * grid.rows.length * 0.999;
  placeItem(client.doc, { item, participant: client.participant, col, row }, grid);
}

/** Something that acts until stopped. */
export interface Actor {
  readonly client: SoakClient;
  stop(): void;
}

/** A person: an action every `min`–`max` seconds (a random wait each time), a fifth of them take-backs. */
export function startParticipant(client: SoakClient, seed: number, [min, max]: [number, number]): Actor {
  const random = makeRandom(seed);
  let timer: NodeJS.Timeout | null = null;
  const next = () => {
    timer = setTimeout(
      () => {
        act(client, random, 0.2);
        next();
      },
      (min + random() * (max - min)) * 1000,
    );
  };
  next();
  return {
    client,
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/** A fast writer: `perSecond` actions a second, mostly moves, whether or not the server is up. */
export function startBot(client: SoakClient, seed: number, perSecond: number): Actor {
  const random = makeRandom(seed);
  const timer = setInterval(() => act(client, random, 0.1), 1000 / perSecond);
  return { client, stop: () => clearInterval(timer) };
}
