import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from "./schema";

/**
 * One step of the snapshot migration chain: takes a file of version N (already
 * known to be a JSON object with the right `format` and `version: N`) and
 * returns the same content as version N + 1. A step returns a new value and
 * leaves its argument alone; it may throw `MigrationError` to point at the part
 * of an old file that cannot be carried forward.
 */
export type Migration = (older: unknown) => unknown;

/**
 * Every shipped snapshot version below the current one, keyed by the version
 * each step upgrades FROM. Version 1 is the only one that has shipped, so the
 * chain is empty; the day version 2 ships, `1: (v1) => v2` goes here and
 * tests/fixtures keeps a v1 file to prove it still imports.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = Object.freeze({});

/** A failure inside a migration step that knows which part of the old file is to blame. */
export class MigrationError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export interface MigrateOptions {
  /** The chain to walk; the shipped one unless a test injects its own. */
  migrations?: Readonly<Record<number, Migration>>;
  /** The version the chain ends at; the one `SnapshotV1Schema` reads unless a test simulates a later one. */
  current?: number;
}

export type MigrateResult = { ok: true; value: Record<string, unknown>; from: number } | { ok: false; path: string; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A short account of a bad value for an error message; never the whole of a long string or a deep object. */
function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 20 ? value.slice(0, 20) + "…" : value)}`;
  if (typeof value === "object") return "an object";
  return String(value);
}

/**
 * Checks the envelope every version shares (a JSON object with our `format`
 * and an integer `version` no newer than `current`), then upgrades it one
 * version at a time to `current`. The result still has to pass the current
 * schema: migrating says nothing about the rest of the content.
 */
export function migrateSnapshot(input: unknown, options: MigrateOptions = {}): MigrateResult {
  const migrations = options.migrations ?? MIGRATIONS;
  const current = options.current ?? SNAPSHOT_VERSION;
  if (!isRecord(input)) return { ok: false, path: "(root)", message: "a snapshot must be a JSON object" };
  if (input.format !== SNAPSHOT_FORMAT) return { ok: false, path: "format", message: `must be "${SNAPSHOT_FORMAT}"` };
  const from = input.version;
  if (typeof from !== "number" || !Number.isInteger(from)) {
    return { ok: false, path: "version", message: `must be an integer, got ${shown(from)}` };
  }
  if (from > current) {
    return { ok: false, path: "version", message: `${from} is newer than this server reads (up to ${current}); import it with a newer Cruxboard` };
  }

  let value: Record<string, unknown> = input;
  for (let version = from; version < current; version++) {
    // Own keys only: the chain is exactly what its object lists, nothing inherited.
    const step = Object.hasOwn(migrations, version) ? migrations[version] : undefined;
    if (!step) {
      return {
        ok: false,
        path: "version",
        message:
          from === version
            ? `${from} is not a version this server reads (it reads ${readable(oldestReadable(migrations, current), current)})`
            : `no migration from version ${version}`,
      };
    }
    let next: unknown;
    try {
      next = step(value);
    } catch (err) {
      if (err instanceof MigrationError) return { ok: false, path: err.path, message: err.message };
      return { ok: false, path: "version", message: `cannot upgrade from version ${version}: ${err instanceof Error ? err.message : String(err)}` };
    }
    const fault = stepFault(next, version);
    if (fault) return { ok: false, path: "version", message: `the upgrade from version ${version} ${fault}` };
    value = next as Record<string, unknown>;
  }
  return { ok: true, value, from };
}

/** Why a step's output cannot go on to the next step; a step that skips or repeats a version would run the wrong later ones. */
function stepFault(next: unknown, from: number): string | null {
  if (!isRecord(next)) return `gave ${shown(next)}, not a snapshot object`;
  if (next.format !== SNAPSHOT_FORMAT) return `lost the format "${SNAPSHOT_FORMAT}"`;
  if (next.version !== from + 1) return `gave version ${shown(next.version)}, not ${from + 1}`;
  return null;
}

const readable = (oldest: number, current: number) => (oldest === current ? `only version ${current}` : `versions ${oldest} to ${current}`);

/** The oldest version from which the chain reaches `current` without a gap. */
export function oldestReadable(migrations: Readonly<Record<number, Migration>>, current: number = SNAPSHOT_VERSION): number {
  let oldest = current;
  while (Object.hasOwn(migrations, oldest - 1)) oldest--;
  return oldest;
}
