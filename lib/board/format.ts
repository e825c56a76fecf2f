import { BOARD_FORMAT } from "./schema";

/*
 * Which board documents this code can read, and how an older one is read as
 * the current format (like lib/snapshot/migrate.ts for files). A Y.Doc is
 * shared by everyone on the board, so an old board is never rewritten: it is
 * upgraded each time it is read, as plain values, before validation.
 *
 * `meta.format` absent: every release has written `format: 1` when it created
 * a board, but DESIGN.md's format 1 does not list the field, and a browser's
 * document holds no meta at all until its first sync. Either way it is read
 * as format 1.
 */

/** A board's stored values as plain JSON, before validation: meta by field, every other root by key. */
export interface StoredBoard {
  meta: Readonly<Record<string, unknown>>;
  items: ReadonlyArray<readonly [string, unknown]>;
  placements: ReadonlyArray<readonly [string, unknown]>;
  participants: ReadonlyArray<readonly [string, unknown]>;
}

/** One step: a board of format N (the key it is listed under) as format N + 1. Returns new values. */
export type BoardMigration = (older: StoredBoard) => StoredBoard;

/**
 * Every shipped format below the current one, keyed by the format a step
 * upgrades FROM. Format 1 is the only one that has shipped, so the chain is
 * empty; the day format 2 ships, `1: (v1) => v2` goes here.
 */
export const BOARD_MIGRATIONS: Readonly<Record<number, BoardMigration>> = Object.freeze({});

export interface FormatOptions {
  /** The chain to walk; the shipped one unless a test injects its own. */
  migrations?: Readonly<Record<number, BoardMigration>>;
  /** The format the chain ends at; BOARD_FORMAT unless a test simulates a later one. */
  current?: number;
}

export type FormatCheck =
  /** Read as it is. */
  | { kind: "current" }
  /** Read through the migration chain, from this format. */
  | { kind: "older"; from: number }
  /** Not readable by this code: `message` says why, for a person; `newer` when a newer Cruxboard can read it. */
  | { kind: "unreadable"; message: string; newer: boolean };

/** Whether a board whose `meta.format` holds `stored` can be read, without touching its content. */
export function checkFormat(stored: unknown, options: FormatOptions = {}): FormatCheck {
  // Absent is format 1: see the top of this file.
  const format = stored === undefined ? 1 : stored;
  const migrations = options.migrations ?? BOARD_MIGRATIONS;
  const current = options.current ?? BOARD_FORMAT;
  if (typeof format !== "number" || !Number.isInteger(format) || format < 0) {
    return { kind: "unreadable", newer: false, message: `This board has a format Cruxboard does not know (${shown(format)}); this version reads ${readable(migrations, current)}.` };
  }
  if (format === current) return { kind: "current" };
  if (format > current) {
    return { kind: "unreadable", newer: true, message: `This board was made by a newer version of Cruxboard (format ${format}); this version reads ${readable(migrations, current)}.` };
  }
  if (format < oldestReadable(migrations, current)) {
    return { kind: "unreadable", newer: false, message: `This board is of format ${format}, which this version of Cruxboard no longer reads; it reads ${readable(migrations, current)}.` };
  }
  return { kind: "older", from: format };
}

/**
 * An older board as the current format, one step at a time. Throws when a step
 * breaks the chain (a bug in a step, not something a board can cause).
 */
export function upgradeBoard(board: StoredBoard, from: number, options: FormatOptions = {}): StoredBoard {
  const migrations = options.migrations ?? BOARD_MIGRATIONS;
  const current = options.current ?? BOARD_FORMAT;
  let value = board;
  for (let format = from; format < current; format++) {
    // Own keys only: the chain is exactly what its object lists, nothing inherited.
    if (!Object.hasOwn(migrations, format)) throw new Error(`no board migration from format ${format}`);
    value = migrations[format]!(value);
    if (value.meta.format !== format + 1) throw new Error(`the board migration from format ${format} gave format ${shown(value.meta.format)}`);
  }
  return value;
}

/** The oldest format from which the chain reaches `current` without a gap. */
function oldestReadable(migrations: Readonly<Record<number, BoardMigration>>, current: number): number {
  let oldest = current;
  while (Object.hasOwn(migrations, oldest - 1)) oldest--;
  return oldest;
}

function readable(migrations: Readonly<Record<number, BoardMigration>>, current: number): string {
  const oldest = oldestReadable(migrations, current);
  return oldest === current ? `format ${current}` : `formats ${oldest} to ${current}`;
}

/** A short account of a stored value for a message: never a whole long string or object. */
function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}
