import type { z } from "zod/mini";
import { migrateSnapshot, type Migration } from "./migrate";
import { completeSnapshot, SnapshotV1Schema, type Snapshot, type StoredSnapshot } from "./schema";

export type ParseResult = { ok: true; snapshot: Snapshot } | { ok: false; path: string; message: string };
export type ReadResult = { ok: true; snapshot: StoredSnapshot } | { ok: false; path: string; message: string };

/** "items[3].placements[0].col" — the form our 400 errors use. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? String(seg) : `.${String(seg)}`;
  }
  return out === "" ? "(root)" : out;
}

export function firstIssue(error: z.core.$ZodError): { path: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { path: "(root)", message: "invalid" };
  return { path: formatPath(issue.path), message: issue.message };
}

export interface ParseOptions {
  /** The migration chain to use instead of the shipped one; it must end at the current version. */
  migrations?: Readonly<Record<number, Migration>>;
}

/**
 * The one entry point for reading snapshot files of any shipped version:
 * envelope check (object, format, version), then the migration chain step by
 * step up to the current version, then the current schema. Every failure is a
 * result naming the first bad path, never an exception, so callers can answer
 * 400 for anything a file can contain.
 */
export function parseSnapshot(input: unknown, options: ParseOptions = {}): ParseResult {
  const read = readSnapshot(input, options);
  return read.ok ? { ok: true, snapshot: completeSnapshot(read.snapshot) } : read;
}

/**
 * The same checks, without working out what a file may leave out (the crux statistics, which
 * grow as n² log n): for an import, which keeps placements and recomputes every statistic as
 * the board is read, so a file cannot make the server do that work for nothing.
 */
export function readSnapshot(input: unknown, options: ParseOptions = {}): ReadResult {
  const migrated = migrateSnapshot(input, options.migrations ? { migrations: options.migrations } : {});
  if (!migrated.ok) return migrated;
  const parsed = SnapshotV1Schema.safeParse(migrated.value);
  if (!parsed.success) return { ok: false, ...firstIssue(parsed.error) };
  return { ok: true, snapshot: parsed.data };
}
