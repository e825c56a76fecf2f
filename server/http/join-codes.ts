import { randomInt } from "node:crypto";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, isJoinCode, normalizeJoinCode, type IssuedJoinCode, type JoinTarget } from "../../lib/api/schemas";
import type { SharedLimiter } from "../bus/types";
import type { OnLimited } from "./address-limits";
import type { BoardRecord, DocStore } from "../storage/types";
import { HttpError } from "./respond";

export interface JoinCodeLimits {
  /** How long a code works after it is issued. */
  joinCodeTtlMs: number;
  /** Wrong codes one address may try per window; past that it waits (429) until the window ends. */
  joinGuesses: number;
  joinGuessWindowMs: number;
}

/** An expired code answers 410 for this long, then it is swept and answers 404 like any unknown code. */
const KEEP_EXPIRED_MS = 7 * 24 * 3_600_000;
/** Tries at drawing a code no live one holds; with 64 million codes a second try is already rare. */
const DRAWS = 8;

const drawCode = () => Array.from({ length: JOIN_CODE_LENGTH }, () => JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]).join("");

/**
 * Short join codes: the facilitator issues one for a board, anyone with it gets
 * the board's participant link (the current one, read from the board each
 * time) until it expires. Guessing is what a six-character code invites, so
 * wrong codes are counted per address and answered 429 past the limit.
 */
export function createJoinCodes(options: {
  store: DocStore;
  now: () => number;
  limits: JoinCodeLimits;
  /** Makes the wrong-guess counter; with several nodes, one they all share. */
  limiter: (name: string, points: number, durationSeconds: number) => SharedLimiter;
  /** Told each time the guess limit refuses a request. */
  onLimited: OnLimited;
}) {
  const { store, now, limits } = options;
  const wrongGuesses = options.limiter("join-guesses", limits.joinGuesses, Math.max(1, Math.ceil(limits.joinGuessWindowMs / 1000)));

  return {
    async issue(board: BoardRecord): Promise<IssuedJoinCode> {
      if (!board.participantKey) {
        throw new HttpError(409, "this board was created before join codes existed: share its participant link instead");
      }
      const issuedAt = now();
      await store.sweepJoinCodes(issuedAt - KEEP_EXPIRED_MS);
      const expiresAt = issuedAt + limits.joinCodeTtlMs;
      for (let i = 0; i < DRAWS; i++) {
        const code = drawCode();
        if (await store.addJoinCode({ code, boardId: board.id, createdAt: issuedAt, expiresAt }, issuedAt)) {
          return { code, expiresAt: new Date(expiresAt).toISOString() };
        }
      }
      throw new HttpError(503, "no free join code was found; try again");
    },

    /** Where a typed code leads. `address` is who is asking, for the guess limit. */
    async resolve(typed: string, remoteAddress: string): Promise<JoinTarget> {
      const address = guesserOf(remoteAddress);
      const state = await wrongGuesses.get(address);
      if (state && state.consumedPoints >= limits.joinGuesses) {
        options.onLimited("join-guesses");
        throw new HttpError(
          429,
          "too many wrong codes from this address; wait, then try again",
          undefined,
          { "Retry-After": String(Math.max(1, Math.ceil(state.msBeforeNext / 1000))) },
          "join-guesses",
        );
      }
      const code = normalizeJoinCode(typed);
      const record = isJoinCode(code) ? await store.getJoinCode(code) : null;
      if (!record) {
        await wrongGuesses.penalty(address);
        throw new HttpError(404, "unknown code");
      }
      if (record.expiresAt <= now()) throw new HttpError(410, "this code has expired: ask the facilitator for a new one");
      const board = await store.getBoard(record.boardId);
      // The board is gone, or can no longer say its participant link: the code leads nowhere.
      if (!board?.participantKey) throw new HttpError(404, "unknown code");
      return { id: board.id, link: `/b/${board.id}?key=${board.participantKey}` };
    },
  };
}

/**
 * Who is guessing, for the limit: an IPv4 address, or an IPv6 address's /64 network, since one
 * IPv6 host is handed a whole /64 and could otherwise step past the limit address by address.
 */
export function guesserOf(address: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (v4) return v4[1]!;
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.split("%")[0]!.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
