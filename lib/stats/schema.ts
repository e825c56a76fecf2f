import { z } from "zod";
import { CellSchema } from "../board/schema";

const finite = z.number().finite();
const PointSchema = z.object({ col: finite, row: finite });

/** One of the two groups of an item's optimal split (DESIGN.md, "Crux statistics"). */
export const CampSchema = z.object({
  size: z.number().int().positive(),
  centroid: PointSchema,
  participants: z.array(z.string()),
});
export type Camp = z.infer<typeof CampSchema>;

export const SHAPES = ["agreed", "split", "diffuse"] as const;
export const ShapeSchema = z.enum(SHAPES);
export type Shape = z.infer<typeof ShapeSchema>;

/** Whether a disagreement is two camps or a cloud. */
export const CruxFieldsSchema = z.object({
  /** 1 − W2/W1 in [0, 1]; null with fewer than four placements. */
  split: finite.min(0).max(1).nullable(),
  /** The two groups of an optimal split, larger first; null when `split` is. */
  camps: z.tuple([CampSchema, CampSchema]).nullable(),
  shape: ShapeSchema.nullable(),
});
export type CruxStats = z.infer<typeof CruxFieldsSchema>;

const BaseStatsSchema = z.object({
  n: z.number().int().positive(),
  centroid: PointSchema,
  /** RMS distance to the centroid, in cell units. */
  spread: finite.nonnegative(),
  sdCol: finite.nonnegative(),
  sdRow: finite.nonnegative(),
  /** Share of placements in the modal cell. */
  agreement: finite.min(0).max(1),
  /** Normalised Shannon entropy of the cell counts, 0..1. */
  entropy: finite.min(0).max(1),
  /** 0 at the top-left (capabilities) corner, towards 1 at the bottom-right (alignment) corner. */
  alignment: finite.min(0).max(1),
  modalCell: CellSchema,
});

/** How close the group's centre is to the board's goal corner (DESIGN.md, "Priority"; ./priority.ts). */
export const PriorityFieldsSchema = z.object({
  /** 1 at the goal corner, 0 at the far corner; null when the board has no goal. */
  priority: finite.min(0).max(1).nullable(),
});

/**
 * An item's disagreement statistics (DESIGN.md): the one declaration that the
 * statistics compute, the snapshot format carries and an import validates.
 */
export const StatsSchema = BaseStatsSchema.extend(CruxFieldsSchema.shape).extend(PriorityFieldsSchema.shape);
export type ItemStats = z.infer<typeof StatsSchema>;

/**
 * As files written before the crux statistics and priority carry them: those fields may be
 * missing, and are then worked out again.
 */
export const StoredStatsSchema = BaseStatsSchema.extend(CruxFieldsSchema.partial().shape).extend(PriorityFieldsSchema.partial().shape);
