/**
 * The one versioned migration runner every store uses. A database records each version applied to it
 * in `schema_migrations`; a migration runs in its own transaction together with the row that records
 * it, so a crash leaves it either applied and recorded or neither. A database that records a version
 * this code does not know was written by a newer release: it is refused rather than half-understood.
 */

export interface Migration<Db, Result = void> {
  /** Positive and strictly increasing through the list; never reused once released. */
  version: number;
  name: string;
  up(db: Db): Result;
}

/** Portable between SQLite and Postgres. */
export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

export class SchemaTooNewError extends Error {
  constructor(database: string, found: number, known: number) {
    super(
      `${database} has schema version ${found}, newer than this release of Cruxboard knows (${known}): ` +
        `it was written by a newer release. Run that release (or newer), or point this one at another database.`,
    );
    this.name = "SchemaTooNewError";
  }
}

/** A database whose statements run synchronously (better-sqlite3). */
export interface SyncMigrationTarget<Db> {
  /** Names the database in errors, e.g. "SQLite database ./data/cruxboard.sqlite". */
  readonly label: string;
  /** Creates `schema_migrations` when it is missing and lists the versions it holds. */
  appliedVersions(): number[];
  /** Runs `migration.up` and records its version, in one transaction. */
  apply(migration: Migration<Db>): void;
}

/** The same for a database whose statements are asynchronous (pg). */
export interface AsyncMigrationTarget<Db> {
  readonly label: string;
  appliedVersions(): Promise<number[]>;
  apply(migration: Migration<Db, Promise<void>>): Promise<void>;
}

/** Applies what `target` lacks, in order; returns the versions it applied. */
export function migrateSync<Db>(target: SyncMigrationTarget<Db>, migrations: ReadonlyArray<Migration<Db>>): number[] {
  const pending = pendingMigrations(target.label, target.appliedVersions(), migrations);
  for (const m of pending) target.apply(m);
  return pending.map((m) => m.version);
}

/** `migrateSync` for an asynchronous database. */
export async function migrate<Db>(
  target: AsyncMigrationTarget<Db>,
  migrations: ReadonlyArray<Migration<Db, Promise<void>>>,
): Promise<number[]> {
  const pending = pendingMigrations(target.label, await target.appliedVersions(), migrations);
  for (const m of pending) await target.apply(m);
  return pending.map((m) => m.version);
}

/** The migrations still to apply, in order; throws when the database is newer than `migrations`. */
function pendingMigrations<M extends { version: number }>(label: string, applied: readonly number[], migrations: readonly M[]): M[] {
  migrations.forEach((m, i) => {
    if (!Number.isInteger(m.version) || m.version < 1 || (i > 0 && m.version <= migrations[i - 1]!.version)) {
      throw new Error(`migrations must have positive, strictly increasing versions (at ${m.version})`);
    }
  });
  const known = migrations.at(-1)?.version ?? 0;
  const newest = Math.max(0, ...applied);
  if (newest > known) throw new SchemaTooNewError(label, newest, known);
  const done = new Set(applied);
  return migrations.filter((m) => !done.has(m.version));
}
