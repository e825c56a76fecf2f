import { z } from "zod/mini";
import "../zod-messages";

/**
 * The board document, format 1: one schema per value stored in the Y.Doc.
 * Client and server both read through these; a change here is a change to
 * the public contract (DESIGN.md) and needs a new format number.
 */
export const BOARD_FORMAT = 1;

export const ROOT_NAMES = ["meta", "items", "placements", "participants"] as const;
export type RootName = (typeof ROOT_NAMES)[number];

export const LIMITS = {
  titleMax: 120,
  itemTextMax: 200,
  itemNoteMax: 2000,
  nameMax: 60,
  axisLabelMax: 60,
  axisHintMax: 300,
  axesMin: 2,
  axesMax: 5,
  reasonMax: 280,
  /** The most items an import fills a board to (README, "Session prep"). */
  boardItemsMax: 1000,
} as const;

export const IdSchema = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(64),
    z.regex(/^[A-Za-z0-9_-]+$/, "must contain only letters, digits, '-' and '_'"),
    z.refine((id) => id !== "__proto__", "is reserved"),
  );

/** A number, never NaN or infinite (as every zod number is). */
const finite = z.number();
/** A number, 0 or more: a coordinate, a spread. */
export const nonnegative = z.number().check(z.nonnegative());
/** A whole number at least `min`. */
export const wholeFrom = (min: number) => z.int().check(z.minimum(min));
/** A whole number above 0: a count of placements, a line number. */
export const positiveInt = z.int().check(z.positive());
/** A string trimmed of surrounding spaces, of `min` to `max` characters after that. */
export const trimmedString = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

/** What a board key lets its holder do, strongest first. */
export const ROLES = ["facilitator", "participant", "viewer"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** The starting contents a board can be created from (lib/board/templates.ts). */
export const TEMPLATE_NAMES = [
  "alignment",
  "impact-effort",
  "impact-effort-3x3",
  "urgent-important",
  "risk-3x3",
  "risk-5x5",
  "value-confidence",
  "blank",
] as const;
export const TemplateNameSchema = z.enum(TEMPLATE_NAMES);
export type TemplateName = z.infer<typeof TemplateNameSchema>;

/** The corner of the grid the group is aiming for (DESIGN.md, "Priority"); its point is goalPoint in ./grid.ts. */
export const GOAL_CORNERS = ["top-left", "top-right", "bottom-left", "bottom-right"] as const;
export const GoalCornerSchema = z.enum(GOAL_CORNERS);
export type GoalCorner = z.infer<typeof GoalCornerSchema>;

/** A colour as the board stores it: "#rrggbb". */
export const ColorSchema = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, "must be a #rrggbb colour"));
/** Milliseconds since 1970, within what a JavaScript Date can represent. */
export const EpochMsSchema = z.number().check(z.nonnegative(), z.maximum(8.64e15));

export const AxisSchema = z.object({
  id: IdSchema,
  label: trimmedString(1, LIMITS.axisLabelMax),
  hint: z.optional(z.string().check(z.maxLength(LIMITS.axisHintMax))),
});
export type Axis = z.infer<typeof AxisSchema>;

const axisList = z
  .array(AxisSchema)
  .check(
    z.minLength(LIMITS.axesMin),
    z.maxLength(LIMITS.axesMax),
    z.refine((axes) => new Set(axes.map((a) => a.id)).size === axes.length, "axis ids must be unique"),
  );

export const GridSchema = z.object({ rows: axisList, columns: axisList });
export type Grid = z.infer<typeof GridSchema>;

/** A countdown to `endsAt` (server clock); while paused, `remainingMs` holds what is left and `endsAt` is ignored. */
export const TimerSchema = z.nullable(z.object({ endsAt: EpochMsSchema, remainingMs: z.optional(z.number().check(z.nonnegative(), z.maximum(86_400_000))) }));
export type Timer = z.infer<typeof TimerSchema>;

export const CellSchema = z.object({ row: wholeFrom(0), col: wholeFrom(0) });
export type Cell = z.infer<typeof CellSchema>;

/** A board's items are no more than this; the cap keeps a meta value from growing without bound. */
const ITEM_LIST_MAX = LIMITS.boardItemsMax;

/** One pair (or trio) for a double-crux conversation, with the items its members placed furthest apart, furthest first. */
export const PairGroupSchema = z.object({
  members: z.array(IdSchema).check(z.minLength(2), z.maxLength(3)),
  items: z.array(IdSchema).check(z.maxLength(3)),
  /** Mean distance (cells) between the members' placements over the items they share; null when they share none. */
  disagreement: z.nullable(nonnegative),
});
export type PairGroup = z.infer<typeof PairGroupSchema>;

/** The facilitator's "Pair up": made in `round` at `at`; screens show it only during that round. */
export const PairsSchema = z.nullable(z.object({ round: wholeFrom(1), at: EpochMsSchema, groups: z.array(PairGroupSchema).check(z.maxLength(ITEM_LIST_MAX)) }));
export type Pairs = z.infer<typeof PairsSchema>;

/** Each meta field is validated on its own so one bad field never hides the rest. */
export const MetaFieldSchemas = {
  format: z.literal(BOARD_FORMAT),
  title: trimmedString(1, LIMITS.titleMax),
  grid: GridSchema,
  blind: z.boolean(),
  locked: z.boolean(),
  round: wholeFrom(1),
  focus: z.nullable(IdSchema),
  timer: TimerSchema,
  template: TemplateNameSchema,
  reference: z.record(IdSchema, CellSchema),
  /** Names are replaced by stable pseudonyms in the group's view and in exports. */
  anonymous: z.boolean(),
  /** The items the facilitator has taken up for discussion, in the order taken up (the agenda ticks them). */
  discussed: z.array(IdSchema).check(z.maxLength(ITEM_LIST_MAX)),
  pairs: PairsSchema,
  /** The corner items are ranked towards ("Priorities"); null: the board has no goal, so no priorities. */
  goal: z.nullable(GoalCornerSchema),
} as const;

export type MetaField = keyof typeof MetaFieldSchemas;
export type Meta = { [K in MetaField]: z.infer<(typeof MetaFieldSchemas)[K]> };

export const ItemSchema = z.object({
  id: IdSchema,
  text: trimmedString(1, LIMITS.itemTextMax),
  note: z.optional(z.string().check(z.maxLength(LIMITS.itemNoteMax))),
  createdBy: IdSchema,
  createdAt: EpochMsSchema,
  /**
   * The facilitator's order (an addition to format 1): items with one come first, by it; items
   * without follow by `createdAt`, as before there was an order (./order.ts).
   */
  order: z.optional(finite),
});
export type Item = z.infer<typeof ItemSchema>;

/** A participant's own short reason for a placement; absent (or empty) when they gave none. */
export const ReasonSchema = z.string().check(z.maxLength(LIMITS.reasonMax));

export const PlacementSchema = z.object({
  item: IdSchema,
  participant: IdSchema,
  col: nonnegative,
  row: nonnegative,
  at: EpochMsSchema,
  reason: z.optional(ReasonSchema),
});
export type Placement = z.infer<typeof PlacementSchema>;

export const ParticipantSchema = z.object({
  id: IdSchema,
  name: trimmedString(1, LIMITS.nameMax),
  color: ColorSchema,
  joinedAt: EpochMsSchema,
});
export type Participant = z.infer<typeof ParticipantSchema>;

export const placementKey = (item: string, participant: string): string => `${item}:${participant}`;
