import { z } from "zod";
import { GridSchema, LIMITS } from "../board/schema";

/** Bodies and queries of the HTTP API (public contract v1), shared by the server and the web client. */
export const CreateBoardBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(LIMITS.titleMax).optional(),
  template: z.enum(["alignment", "blank"]).optional(),
  grid: GridSchema.optional(),
});
export type CreateBoardBody = z.infer<typeof CreateBoardBodySchema>;

export interface CreatedBoard {
  id: string;
  keys: { facilitator: string; participant: string; viewer: string };
  links: { facilitate: string; join: string; view: string };
}

export const ExportFormatSchema = z.enum(["json", "csv", "md", "stats-csv"]);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const CreateSnapshotBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(LIMITS.titleMax).optional(),
});

export interface SnapshotSummaryJson {
  id: string;
  name: string;
  takenAt: string;
}

export interface ApiError {
  error: string;
  /** The field or path the error is about, when there is one. */
  path?: string;
}
