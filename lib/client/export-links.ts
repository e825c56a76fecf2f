import type { ExportFormat, PictureView } from "../api/schemas";
import { boardPath } from "./http";

/** The files the export API makes, in the order they are offered. */
export const EXPORT_FORMATS: ReadonlyArray<{ format: ExportFormat; label: string; hint: string }> = [
  { format: "json", label: "JSON", hint: "snapshot file, re-importable" },
  { format: "csv", label: "CSV", hint: "one row per placement" },
  { format: "stats-csv", label: "Statistics CSV", hint: "one row per item" },
  { format: "priorities-csv", label: "Priorities CSV", hint: "the ranked decision list" },
  { format: "md", label: "Markdown", hint: "report for meeting notes" },
];

/**
 * The pictures, drawn in the browser from what this person sees, in the order they are offered;
 * the export API draws the same SVGs with `format=svg` (and `view=overview`).
 */
export const PICTURES: ReadonlyArray<{ view: PictureView; format: "png" | "svg"; label: string; hint: string }> = [
  { view: "grid", format: "png", label: "PNG", hint: "picture of the board" },
  { view: "grid", format: "svg", label: "SVG", hint: "picture for print, scales cleanly" },
  { view: "overview", format: "png", label: "overview PNG", hint: "one small grid per item" },
  { view: "overview", format: "svg", label: "overview SVG", hint: "the overview for print" },
];

/** The download address of the board as it is now, or of one of its snapshots. */
export const exportHref = (boardId: string, key: string, format: ExportFormat, snapshotId?: string): string =>
  boardPath(boardId, snapshotId ? `/snapshots/${encodeURIComponent(snapshotId)}` : "/export", key, { format });
