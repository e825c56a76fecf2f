import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** A backup that cannot be made; the message says why and what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

export interface BackupResult {
  source: string;
  target: string;
  boards: number;
  snapshots: number;
  bytes: number;
}

/**
 * Copies the SQLite store at `source` to `target` while a server may be writing to it. SQLite's online
 * backup copies every page in one step, inside one read transaction: in WAL mode that neither blocks
 * the server's writes nor sees half of one, so the copy is the store as of one moment. The copy is
 * written beside the target and renamed onto it only once it is whole and checks out, so a failed
 * backup never leaves a half-written file, nor harms an older backup that `force` would replace.
 */
export async function backupSqliteFile(source: string, target: string, options: { force?: boolean } = {}): Promise<BackupResult> {
  source = path.resolve(source);
  target = path.resolve(target);
  if (!fs.existsSync(source)) throw new BackupError(`there is no SQLite store at ${source}: nothing to back up (is DATA_DIR right?)`);
  if (source === target) throw new BackupError(`the backup cannot be the store itself (${source})`);
  const existing = fs.statSync(target, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new BackupError(`${target} is a directory; name the file to write`);
  if (existing && !options.force) throw new BackupError(`${target} already exists; pass --force to replace it`);
  const dir = path.dirname(target);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new BackupError(`cannot write to ${dir}: it does not exist or is not writable`);
  }

  const partial = path.join(dir, `.${path.basename(target)}.${process.pid}.partial`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    // Every remaining page in the next step: a copy made in several steps restarts whenever the server
    // writes between two of them, and a busy server writes every few milliseconds.
    await db.backup(partial, { progress: () => 0x7fffffff });
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw new BackupError(`the copy failed: ${(err as Error).message}`);
  } finally {
    db.close();
  }
  let counts: { boards: number; snapshots: number };
  try {
    counts = checkCopy(partial);
    fs.renameSync(partial, target);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err instanceof BackupError ? err : new BackupError(`the copy could not be written to ${target}: ${(err as Error).message}`);
  }
  return { source, target, ...counts, bytes: fs.statSync(target).size };
}

/** Opens the copy on its own, checks its pages and counts what it holds. */
function checkCopy(file: string): { boards: number; snapshots: number } {
  const copy = new Database(file, { fileMustExist: true });
  try {
    const check = copy.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new BackupError(`the copy failed its integrity check: ${String(check)}`);
    // The copy keeps the store's WAL mode; a file that stands alone is easier to move and restore.
    copy.pragma("journal_mode = DELETE");
    const tables = new Set(copy.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    if (!tables.has("boards") || !tables.has("snapshots")) throw new BackupError("the file is an SQLite database but not a Cruxboard store");
    const count = (table: string) => copy.prepare<[], number>(`SELECT COUNT(*) FROM ${table}`).pluck().get() ?? 0;
    return { boards: count("boards"), snapshots: count("snapshots") };
  } finally {
    copy.close();
  }
}
