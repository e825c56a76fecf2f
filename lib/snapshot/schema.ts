import { z } from "zod/mini";
import "../zod-messages";
import { sizeOf } from "../board/grid";
import { AxisSchema, CellSchema, ColorSchema, EpochMsSchema, GoalCornerSchema, GridSchema, IdSchema, LIMITS, ReasonSchema, TemplateNameSchema, nonnegative, trimmedString, wholeFrom } from "../board/schema";
import { cruxStats, SPLIT_AT_LEAST, SPLIT_MIN_N } from "../stats/crux";
import { priorityOf } from "../stats/priority";
import { StoredStatsSchema, type ItemStats } from "../stats/schema";

/**
 * Snapshot format, version 1 — the single definition used by export, import,
 * the snapshots API and the tests. Fields may be added; none may be renamed.
 */
export const SNAPSHOT_FORMAT = "cruxboard-snapshot";
export const SNAPSHOT_VERSION = 1;

const shortId = z.string().check(z.minLength(1), z.maxLength(64));

export const SnapshotPlacementSchema = z.object({
  participant: IdSchema,
  col: nonnegative,
  row: nonnegative,
  at: EpochMsSchema,
  reason: z.optional(ReasonSchema),
});

export const SnapshotItemSchema = z.object({
  id: IdSchema,
  text: trimmedString(1, LIMITS.itemTextMax),
  note: z.optional(z.nullable(z.string().check(z.maxLength(LIMITS.itemNoteMax)))),
  createdBy: IdSchema,
  createdAt: EpochMsSchema,
  /** The facilitator's order, when the board was reordered (lib/board/order.ts). */
  order: z.optional(z.number()),
  placements: z.array(SnapshotPlacementSchema),
  stats: z.nullable(StoredStatsSchema),
});

export const SnapshotParticipantSchema = z.object({
  id: IdSchema,
  name: trimmedString(1, LIMITS.nameMax),
  color: z.optional(ColorSchema),
  joinedAt: z.optional(EpochMsSchema),
});

export const SnapshotV1Schema = z
  .object({
    format: z.literal(SNAPSHOT_FORMAT),
    version: z.literal(SNAPSHOT_VERSION),
    exportedAt: z.iso.datetime({ offset: true }),
    board: z.object({
      id: shortId,
      title: trimmedString(1, LIMITS.titleMax),
      grid: GridSchema,
      template: z.optional(TemplateNameSchema),
      round: z.optional(wholeFrom(1)),
      reference: z.optional(z.record(IdSchema, CellSchema)),
      /** True when taken during a blind round. An import always starts revealed. */
      blind: z.optional(z.boolean()),
      /** The corner priorities are measured towards; absent (files from before it) or null: no priorities. */
      goal: z.optional(z.nullable(GoalCornerSchema)),
    }),
    participants: z.array(SnapshotParticipantSchema),
    items: z.array(SnapshotItemSchema),
    /** Set on a named snapshot's file: which one it is. Absent on an export of the board as it is. */
    snapshot: z.optional(z.object({ id: shortId, name: trimmedString(1, LIMITS.titleMax), takenAt: z.iso.datetime({ offset: true }) })),
  })
  .check(
    z.superRefine((snap, ctx) => {
    const rows = snap.board.grid.rows.length;
    const cols = snap.board.grid.columns.length;
    const people = new Set<string>();
    snap.participants.forEach((p, i) => {
      if (people.has(p.id)) ctx.addIssue({ code: "custom", path: ["participants", i, "id"], message: "duplicate participant id" });
      people.add(p.id);
    });
    const itemIds = new Set<string>();
    snap.items.forEach((item, i) => {
      if (itemIds.has(item.id)) ctx.addIssue({ code: "custom", path: ["items", i, "id"], message: "duplicate item id" });
      itemIds.add(item.id);
      const placed = new Set<string>();
      item.placements.forEach((p, j) => {
        const at = ["items", i, "placements", j];
        if (p.col >= cols) ctx.addIssue({ code: "custom", path: [...at, "col"], message: `must be < ${cols} (grid columns)` });
        if (p.row >= rows) ctx.addIssue({ code: "custom", path: [...at, "row"], message: `must be < ${rows} (grid rows)` });
        if (!people.has(p.participant))
          ctx.addIssue({ code: "custom", path: [...at, "participant"], message: "is not listed in participants" });
        if (placed.has(p.participant))
          ctx.addIssue({ code: "custom", path: [...at, "participant"], message: "places this item twice" });
        placed.add(p.participant);
      });
      if (item.stats) checkCrux(item, ["items", i, "stats"], ctx);
      if (item.stats?.priority !== undefined && (item.stats.priority === null) !== ((snap.board.goal ?? null) === null)) {
        ctx.addIssue({
          code: "custom",
          path: ["items", i, "stats", "priority"],
          message: snap.board.goal ? "must be a number when the board has a goal" : "must be null when the board has no goal",
        });
      }
    });
    }),
  );

/** A snapshot file as read: files written before the crux statistics lack them. */
export type StoredSnapshot = z.infer<typeof SnapshotV1Schema>;
type StoredItem = z.infer<typeof SnapshotItemSchema>;
export type SnapshotItem = Omit<StoredItem, "stats"> & { stats: ItemStats | null };
/** A snapshot with every statistic: what exports write and screens read. */
export type Snapshot = Omit<StoredSnapshot, "items"> & { items: SnapshotItem[] };

/**
 * Crux statistics in a file must hang together and fit the item's placements: all three or none,
 * null exactly when there are fewer than four, two camps only with camps and a strong split,
 * and camps that divide exactly the item's placements. A file that breaks this is refused
 * rather than shown with camps nobody is in.
 */
function checkCrux(item: StoredItem, at: (string | number)[], ctx: Pick<z.core.$RefinementCtx, "addIssue">): void {
  const { split, camps, shape } = item.stats!;
  const given = [split, camps, shape].filter((v) => v !== undefined).length;
  if (given === 0) return;
  const fail = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [...at, field], message });
  if (given < 3) return fail(split === undefined ? "split" : camps === undefined ? "camps" : "shape", "split, camps and shape come together, or not at all");
  const n = item.placements.length;
  if ((split === null) !== n < SPLIT_MIN_N) return fail("split", `must be ${n < SPLIT_MIN_N ? "null with fewer than" : "a number with at least"} ${SPLIT_MIN_N} placements`);
  if ((camps === null) !== (split === null)) return fail("camps", "must be null exactly when split is");
  if (shape === null) return fail("shape", "must be set when the item has placements");
  if (shape === "split" && (camps === null || split! < SPLIT_AT_LEAST)) return fail("shape", `"split" needs camps and a split of at least ${SPLIT_AT_LEAST}`);
  if (!camps) return;
  const placed = new Set(item.placements.map((p) => p.participant));
  const members = camps.flatMap((c) => c.participants);
  if (camps.some((c) => c.size !== c.participants.length) || members.length !== n || new Set(members).size !== n || members.some((m) => !placed.has(m))) {
    fail("camps", "must divide exactly the item's placements, each camp's size matching its participants");
  }
}

/**
 * Every statistic of every item: crux statistics a file lacks are worked out from its placements,
 * and a priority it lacks from the item's centre and the board's goal (none in a file from before goals).
 */
export function completeSnapshot(stored: StoredSnapshot): Snapshot {
  const size = sizeOf(stored.board.grid);
  const goal = stored.board.goal ?? null;
  return {
    ...stored,
    items: stored.items.map((item) => {
      const stats = item.stats;
      if (stats === null) return item as SnapshotItem;
      const { split, camps, shape, priority } = stats;
      if (split !== undefined && camps !== undefined && shape !== undefined && priority !== undefined) return item as SnapshotItem;
      const crux = split !== undefined && camps !== undefined && shape !== undefined ? { split, camps, shape } : cruxStats(item.placements, stats.spread);
      return { ...item, stats: { ...stats, ...crux, priority: priority === undefined ? priorityOf(stats.centroid, goal, size) : priority } };
    }),
  };
}
export { AxisSchema };

/** The snapshot schema with its completion: a file read straight into a complete snapshot. */
export const SnapshotSchema = z.pipe(SnapshotV1Schema, z.transform(completeSnapshot));
