import type { z } from "zod";
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotV1Schema, type Snapshot } from "./schema";

export type ParseResult = { ok: true; snapshot: Snapshot } | { ok: false; path: string; message: string };

/** "items[3].placements[0].col" — the form our 400 errors use. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? String(seg) : `.${String(seg)}`;
  }
  return out === "" ? "(root)" : out;
}

export function firstIssue(error: z.ZodError): { path: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { path: "(root)", message: "invalid" };
  return { path: formatPath(issue.path), message: issue.message };
}

/**
 * The one entry point for reading snapshot files of any shipped version.
 * Older versions are migrated here, step by step, up to the current one.
 */
export function parseSnapshot(input: unknown): ParseResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, path: "(root)", message: "a snapshot must be a JSON object" };
  }
  const head = input as { format?: unknown; version?: unknown };
  if (head.format !== SNAPSHOT_FORMAT) {
    return { ok: false, path: "format", message: `must be "${SNAPSHOT_FORMAT}"` };
  }
  if (typeof head.version !== "number" || !Number.isInteger(head.version) || head.version < 1) {
    return { ok: false, path: "version", message: "must be a positive integer" };
  }
  if (head.version > SNAPSHOT_VERSION) {
    return { ok: false, path: "version", message: `version ${head.version} is newer than this server reads (${SNAPSHOT_VERSION})` };
  }
  const parsed = SnapshotV1Schema.safeParse(input);
  if (!parsed.success) return { ok: false, ...firstIssue(parsed.error) };
  return { ok: true, snapshot: parsed.data };
}
