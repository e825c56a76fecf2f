import { z } from "zod/mini";
import "../zod-messages";
import { CellSchema, nonnegative, positiveInt } from "../board/schema";

const PointSchema = z.object({ col: z.number(), row: z.number() });
/** A share, a ratio or a score from 0 to 1. */
const unit = z.number().check(z.minimum(0), z.maximum(1));

/** One of the two groups of an item's optimal split (DESIGN.md, "Crux statistics"). */
export const CampSchema = z.object({
  size: positiveInt,
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
  split: z.nullable(unit),
  /** The two groups of an optimal split, larger first; null when `split` is. */
  camps: z.nullable(z.tuple([CampSchema, CampSchema])),
  shape: z.nullable(ShapeSchema),
});
export type CruxStats = z.infer<typeof CruxFieldsSchema>;

const BaseStatsSchema = z.object({
  n: positiveInt,
  centroid: PointSchema,
  /** RMS distance to the centroid, in cell units. */
  spread: nonnegative,
  sdCol: nonnegative,
  sdRow: nonnegative,
  /** Share of placements in the modal cell. */
  agreement: unit,
  /** Normalised Shannon entropy of the cell counts, 0..1. */
  entropy: unit,
  /** 0 at the top-left (capabilities) corner, towards 1 at the bottom-right (alignment) corner. */
  alignment: unit,
  modalCell: CellSchema,
});

/** How close the group's centre is to the board's goal corner (DESIGN.md, "Priority"; ./priority.ts). */
export const PriorityFieldsSchema = z.object({
  /** 1 at the goal corner, 0 at the far corner; null when the board has no goal. */
  priority: z.nullable(unit),
});

/**
 * An item's disagreement statistics (DESIGN.md): the one declaration that the
 * statistics compute, the snapshot format carries and an import validates.
 */
export const StatsSchema = z.extend(BaseStatsSchema, { ...CruxFieldsSchema.shape, ...PriorityFieldsSchema.shape });
export type ItemStats = z.infer<typeof StatsSchema>;

/**
 * As files written before the crux statistics and priority carry them: those fields may be
 * missing, and are then worked out again.
 */
export const StoredStatsSchema = z.extend(BaseStatsSchema, { ...z.partial(CruxFieldsSchema).shape, ...z.partial(PriorityFieldsSchema).shape });
