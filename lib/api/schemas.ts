import { z } from "zod/mini";
import "../zod-messages";
import {
  EpochMsSchema,
  GridSchema,
  IdSchema,
  ItemSchema,
  LIMITS,
  MetaFieldSchemas,
  nonnegative,
  ParticipantSchema,
  PlacementSchema,
  ReasonSchema,
  RoleSchema,
  TemplateNameSchema,
  trimmedString,
  wholeFrom,
} from "../board/schema";

/** Bodies, queries and answers of the HTTP API (public contract v1), shared by the server and the web client. */
export const CreateBoardBodySchema = z.strictObject({
  title: z.optional(trimmedString(1, LIMITS.titleMax)),
  template: z.optional(TemplateNameSchema),
  grid: z.optional(GridSchema),
  /** The goal corner (contract addition); absent: the template's own, null: none. */
  goal: z.optional(MetaFieldSchemas.goal),
});
export type CreateBoardBody = z.infer<typeof CreateBoardBodySchema>;

/** A board page of the board itself: the browser only ever follows links the API gives to one of those. */
const ownBoardPage = (id: string, link: string) => link.startsWith(`/b/${id}?`);

/** `POST /api/boards` and `POST /api/boards/import` → 201: the new board, its three keys and a link for each. */
export const CreatedBoardSchema = z
  .object({
    id: z.string(),
    keys: z.object({ facilitator: z.string(), participant: z.string(), viewer: z.string() }),
    links: z.object({ facilitate: z.string(), join: z.string(), view: z.string() }),
  })
  .check(z.refine((b) => Object.values(b.links).every((link) => ownBoardPage(b.id, link)), { path: ["links"], message: "a link leads away from the board" }));
export type CreatedBoard = z.infer<typeof CreatedBoardSchema>;

/** `GET /api/boards/<id>?key=…` → 200: what the key may do on the board. */
export const BoardAccessSchema = z.object({ id: z.string(), role: RoleSchema, createdAt: z.iso.datetime() });
export type BoardAccess = z.infer<typeof BoardAccessSchema>;

/** `GET /api/time` → 200: the server's clock, in epoch ms. */
export const ServerTimeSchema = z.object({ now: z.number() });
export type ServerTime = z.infer<typeof ServerTimeSchema>;

export const ExportFormatSchema = z.enum(["json", "csv", "md", "stats-csv", "priorities-csv", "svg"]);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;
/** Which picture `format=svg` draws: the board's grid with every item (the default), or one small grid per item. */
export const PictureViewSchema = z.enum(["grid", "overview"]);
export type PictureView = z.infer<typeof PictureViewSchema>;

export const CreateSnapshotBodySchema = z.strictObject({
  name: z.optional(trimmedString(1, LIMITS.titleMax)),
});

/** One entry of `GET /api/boards/<id>/snapshots` (oldest first), and `POST` of the same path → 201. */
export const SnapshotSummarySchema = z.object({ id: z.string(), name: z.string(), takenAt: z.iso.datetime() });
export type SnapshotSummaryJson = z.infer<typeof SnapshotSummarySchema>;
export const SnapshotListSchema = z.array(SnapshotSummarySchema);

const count = wholeFrom(0);

/** One change in a board's timeline; replayHistory (lib/board/history) says how events are made and timed. */
export const HistoryEventSchema = z.discriminatedUnion("kind", [
  z.object({ at: EpochMsSchema, kind: z.literal("place"), item: IdSchema, participant: IdSchema, col: nonnegative, row: nonnegative, reason: z.optional(ReasonSchema) }),
  z.object({ at: EpochMsSchema, kind: z.literal("unplace"), item: IdSchema, participant: IdSchema }),
  z.object({ at: EpochMsSchema, kind: z.literal("item"), item: ItemSchema }),
  z.object({ at: EpochMsSchema, kind: z.literal("item-removed"), item: IdSchema }),
  z.object({ at: EpochMsSchema, kind: z.literal("participant"), participant: ParticipantSchema }),
]);
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;

/** Items, placements and participants at one moment: what a replay starts from. */
export const HistoryStateSchema = z.object({
  items: z.array(ItemSchema),
  placements: z.array(PlacementSchema),
  participants: z.array(ParticipantSchema),
});
export type HistoryState = z.infer<typeof HistoryStateSchema>;

export const ReplaySchema = z.object({
  /** Oldest first; `at` never decreases. */
  events: z.array(HistoryEventSchema),
  /** Oldest events left out to stay within the event limit; `start` already holds their effect. */
  dropped: count,
  /**
   * When history older than a retention horizon was pruned: that horizon (epoch ms). `start` then holds
   * the board as it was there; null when the whole history is kept.
   */
  prunedBefore: z.nullable(z.number()),
  /** The state the first event applies to: empty unless events were dropped or history was pruned. */
  start: HistoryStateSchema,
  /** Values that failed validation and made no event. */
  skipped: count,
  /** The board after the last update, as readBoard reads it. */
  final: z.extend(HistoryStateSchema, { meta: z.object(MetaFieldSchemas) }),
});
export type Replay = z.infer<typeof ReplaySchema>;

/**
 * `GET /api/boards/<id>/history`: the board's timeline for replay, oldest event
 * first. Folding `events` into `start` gives the board at any moment; `final`
 * is how it ended.
 */
export const BoardHistorySchema = z.extend(ReplaySchema, {
  boardId: z.string(),
  title: z.string(),
  grid: GridSchema,
  /** Stored updates the timeline was built from. */
  updates: count,
});
export type BoardHistoryJson = z.infer<typeof BoardHistorySchema>;

/**
 * Join codes: six characters from an alphabet with nothing easily misread on a projector or typed
 * wrong on a phone (no 0/O, 1/I/L, 5/S, 2/Z, 8/B, 6/G, U/V) and no vowels, so no code spells a word.
 */
export const JOIN_CODE_ALPHABET = "CDFHJKMNPQRTWXY34679";
export const JOIN_CODE_LENGTH = 6;

/** The code a person meant: upper case, without the spaces, dashes and dots they may type between its halves. */
export const normalizeJoinCode = (typed: string): string => typed.toUpperCase().replace(/[\s\-\u2010-\u2015.]/g, "");

export const isJoinCode = (code: string): boolean =>
  code.length === JOIN_CODE_LENGTH && [...code].every((c) => JOIN_CODE_ALPHABET.includes(c));

/** "KXT49M" → "KXT 49M": two halves are easier to read out and to type. */
export const formatJoinCode = (code: string): string => `${code.slice(0, 3)} ${code.slice(3)}`;

/** `POST /api/boards/<id>/codes` → 201. */
export const IssuedJoinCodeSchema = z.object({ code: z.string().check(z.refine(isJoinCode)), expiresAt: z.iso.datetime() });
export type IssuedJoinCode = z.infer<typeof IssuedJoinCodeSchema>;

/** `GET /api/join/<code>` → 200: the board and its participant link (a path, like every link the API gives). */
export const JoinTargetSchema = z
  .object({ id: z.string(), link: z.string() })
  .check(z.refine((t) => ownBoardPage(t.id, t.link), { path: ["link"], message: "the link leads away from the board" }));
export type JoinTarget = z.infer<typeof JoinTargetSchema>;

/** The body of every error answer (4xx, 5xx). */
export const ApiErrorSchema = z.object({
  error: z.string(),
  /** The field or path the error is about, when there is one. */
  path: z.optional(z.string()),
  /** The abuse limit that refused the request, with a 429 (README, "Abuse limits"). */
  limit: z.optional(z.string()),
  /** The lines of a list that could not be added, with why (POST /api/boards/<id>/items). */
  lines: z.optional(z.array(z.object({ line: z.number(), message: z.string() }))),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
