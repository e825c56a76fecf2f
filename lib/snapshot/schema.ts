import { z } from "zod";
import { AxisSchema, CellSchema, ColorSchema, EpochMsSchema, GridSchema, IdSchema, LIMITS, ReasonSchema, TemplateNameSchema } from "../board/schema";
import { cruxStats } from "../stats/crux";
import { StoredStatsSchema, type ItemStats } from "../stats/schema";

/**
 * Snapshot format, version 1 — the single definition used by export, import,
 * the snapshots API and the tests. Fields may be added; none may be renamed.
 */
export const SNAPSHOT_FORMAT = "cruxboard-snapshot";
export const SNAPSHOT_VERSION = 1;

const finite = z.number().finite();

export const SnapshotPlacementSchema = z.object({
  participant: IdSchema,
  col: finite.nonnegative(),
  row: finite.nonnegative(),
  at: EpochMsSchema,
  reason: ReasonSchema.optional(),
});

export const SnapshotItemSchema = z.object({
  id: IdSchema,
  text: z.string().trim().min(1).max(LIMITS.itemTextMax),
  note: z.string().max(LIMITS.itemNoteMax).nullable().optional(),
  createdBy: IdSchema,
  createdAt: EpochMsSchema,
  placements: z.array(SnapshotPlacementSchema),
  stats: StoredStatsSchema.nullable(),
}).transform(({ stats, ...item }) => ({
  ...item,
  // Files written before the crux statistics lack them: they follow from the placements and spread.
  stats: stats === null ? null : ({ ...cruxStats(item.placements, stats.spread), ...definedOnly(stats) } as ItemStats),
}));

const definedOnly = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export const SnapshotParticipantSchema = z.object({
  id: IdSchema,
  name: z.string().trim().min(1).max(LIMITS.nameMax),
  color: ColorSchema.optional(),
  joinedAt: EpochMsSchema.optional(),
});

export const SnapshotV1Schema = z
  .object({
    format: z.literal(SNAPSHOT_FORMAT),
    version: z.literal(SNAPSHOT_VERSION),
    exportedAt: z.iso.datetime({ offset: true }),
    board: z.object({
      id: z.string().min(1).max(64),
      title: z.string().trim().min(1).max(LIMITS.titleMax),
      grid: GridSchema,
      template: TemplateNameSchema.optional(),
      round: z.number().int().min(1).optional(),
      reference: z.record(IdSchema, CellSchema).optional(),
      /** True when taken during a blind round. An import always starts revealed. */
      blind: z.boolean().optional(),
    }),
    participants: z.array(SnapshotParticipantSchema),
    items: z.array(SnapshotItemSchema),
    /** Set on a named snapshot's file: which one it is. Absent on an export of the board as it is. */
    snapshot: z
      .object({ id: z.string().min(1).max(64), name: z.string().trim().min(1).max(LIMITS.titleMax), takenAt: z.iso.datetime({ offset: true }) })
      .optional(),
  })
  .superRefine((snap, ctx) => {
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
    });
  });

export type Snapshot = z.infer<typeof SnapshotV1Schema>;
export type SnapshotItem = z.infer<typeof SnapshotItemSchema>;
export { AxisSchema };
