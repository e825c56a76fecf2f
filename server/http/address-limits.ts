import { RateLimiterRes } from "rate-limiter-flexible";
import type { SharedLimiter } from "../bus/types";
import type { Logger } from "../log";
import { guesserOf } from "./join-codes";

/** The abuse limits by name: what `onLimited` is told, what a refused client reads in the error. */
export type LimitName =
  | "board-creation"
  | "import"
  | "seats"
  | "join-guesses"
  | "ws-connects"
  | "ws-connections"
  | "ws-messages"
  | "ws-awareness";

/** Told every time a limit refuses something, for metrics. */
export type OnLimited = (limit: LimitName) => void;

/** How much one client address may do per window. Counted on every node together (through the bus). */
export interface AddressLimits {
  /** `POST /api/boards` per address per window. */
  boardCreates: number;
  boardCreateWindowMs: number;
  /** `POST /api/boards/import` per address per window. */
  imports: number;
  importWindowMs: number;
  /** Seats taken (`POST /api/boards/<id>/seats`) per address per window: one per person joining. */
  seats: number;
  seatWindowMs: number;
  /** New websocket connections (upgrades) per address per window. */
  wsConnects: number;
  wsConnectWindowMs: number;
  /** Websocket connections one address may hold open at once, on one node. */
  wsConnectionsPerAddress: number;
}

export const DEFAULT_ADDRESS_LIMITS: AddressLimits = {
  boardCreates: 60,
  boardCreateWindowMs: 600_000,
  imports: 30,
  importWindowMs: 600_000,
  seats: 600,
  seatWindowMs: 600_000,
  wsConnects: 1200,
  wsConnectWindowMs: 60_000,
  wsConnectionsPerAddress: 1000,
};

type Counted = "board-creation" | "import" | "seats" | "ws-connects";

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Windowed counts per client address, for what is cheap to ask and costly to answer (a new board,
 * an import, a websocket). An IPv6 address is counted by its /64, as one host is handed a whole /64.
 */
export function createAddressLimits(options: {
  limits: AddressLimits;
  /** Makes a counter that every node shares. */
  limiter: (name: string, points: number, durationSeconds: number) => SharedLimiter;
  onLimited: OnLimited;
  logger: Logger;
}) {
  const { limits, limiter, onLimited, logger } = options;
  const counters: Record<Counted, SharedLimiter> = {
    "board-creation": limiter("board-creation", limits.boardCreates, seconds(limits.boardCreateWindowMs)),
    import: limiter("import", limits.imports, seconds(limits.importWindowMs)),
    seats: limiter("seats", limits.seats, seconds(limits.seatWindowMs)),
    "ws-connects": limiter("ws-connects", limits.wsConnects, seconds(limits.wsConnectWindowMs)),
  };
  /** What a connection closed for flooding costs its address, in new connections. */
  const floodPenalty = Math.max(1, Math.ceil(limits.wsConnects / 10));
  return {
    /**
     * Counts a connection closed for going over its message rate as a tenth of the window's new
     * connections: each connection starts with a full burst, so reconnecting at once would otherwise
     * buy a flooder a fresh allowance every time. Honest clients never meet the message rate.
     */
    async flooded(address: string): Promise<void> {
      try {
        await counters["ws-connects"].penalty(guesserOf(address), floodPenalty);
      } catch (err) {
        logger.warn("limit counter unavailable", { limit: "ws-connects", error: String(err) });
      }
    },
    /**
     * Counts one attempt from `address`. Null when it may go ahead; past the limit, the seconds to
     * wait before the window lets it through again. A counter that cannot be reached lets it through:
     * a limit is no reason to stop serving.
     */
    async take(limit: Counted, address: string): Promise<number | null> {
      try {
        await counters[limit].consume(guesserOf(address));
        return null;
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) {
          onLimited(limit);
          return seconds(refusal.msBeforeNext);
        }
        logger.warn("limit counter unavailable", { limit, error: String(refusal) });
        return null;
      }
    },
  };
}

export type AddressLimiter = ReturnType<typeof createAddressLimits>;
