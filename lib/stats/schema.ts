import { z } from "zod";
import { CellSchema } from "../board/schema";

const finite = z.number().finite();

/**
 * An item's disagreement statistics (DESIGN.md): the one declaration that the
 * statistics compute, the snapshot format carries and an import validates.
 */
export const StatsSchema = z.object({
  n: z.number().int().positive(),
  centroid: z.object({ col: finite, row: finite }),
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
export type ItemStats = z.infer<typeof StatsSchema>;
