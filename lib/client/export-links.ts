import type { ExportFormat } from "../api/schemas";
import { boardPath } from "./http";

/** The files the export API makes, in the order they are offered. */
export const EXPORT_FORMATS: ReadonlyArray<{ format: ExportFormat; label: string; hint: string }> = [
  { format: "json", label: "JSON", hint: "snapshot file, re-importable" },
  { format: "csv", label: "CSV", hint: "one row per placement" },
  { format: "stats-csv", label: "Statistics CSV", hint: "one row per item" },
  { format: "md", label: "Markdown", hint: "report for meeting notes" },
];

/** The download address of the board as it is now, or of one of its snapshots. */
export const exportHref = (boardId: string, key: string, format: ExportFormat, snapshotId?: string): string =>
  boardPath(boardId, snapshotId ? `/snapshots/${encodeURIComponent(snapshotId)}` : "/export", key, { format });
