import type Database from "better-sqlite3";
import { MIGRATIONS_TABLE, migrateSync, type Migration } from "./migrations";

/**
 * The SQLite schema, one migration per release that changed it. Files written before versioning have
 * no `schema_migrations` table and hold the tables of whichever release wrote them, so every step
 * creates only what is missing: on such a file all three run and add just what it lacks.
 */
const SQLITE_MIGRATIONS: ReadonlyArray<Migration<Database.Database>> = [
  {
    version: 1,
    name: "boards, update log and snapshots",
    up(db) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS boards (
          id TEXT PRIMARY KEY,
          created_at INTEGER NOT NULL,
          facilitator_hash TEXT NOT NULL,
          participant_hash TEXT NOT NULL,
          viewer_hash TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS updates (
          board_id TEXT NOT NULL REFERENCES boards(id),
          seq INTEGER NOT NULL,
          data BLOB NOT NULL,
          PRIMARY KEY (board_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS snapshots (
          board_id TEXT NOT NULL REFERENCES boards(id),
          id TEXT NOT NULL,
          name TEXT NOT NULL,
          taken_at INTEGER NOT NULL,
          json TEXT NOT NULL,
          state BLOB NOT NULL,
          PRIMARY KEY (board_id, id)
        );
        CREATE INDEX IF NOT EXISTS snapshots_by_time ON snapshots (board_id, taken_at);
        CREATE TRIGGER IF NOT EXISTS snapshots_immutable BEFORE UPDATE ON snapshots
        BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END;
      `);
    },
  },
  {
    // Updates written before this get no time (history shows them as of unknown time) and none is
    // marked compacted: a board holds at most one compacted state, its first row, and with the updates
    // it replaced gone that state is the oldest history there is, so history keeps it once it is
    // compacted again.
    version: 2,
    name: "update times and history",
    up(db) {
      const updates = columnsOf(db, "updates");
      if (!updates.has("at")) db.exec("ALTER TABLE updates ADD COLUMN at INTEGER");
      if (!updates.has("compacted")) db.exec("ALTER TABLE updates ADD COLUMN compacted INTEGER NOT NULL DEFAULT 0");
      db.exec(`
        CREATE TABLE IF NOT EXISTS history (
          board_id TEXT NOT NULL REFERENCES boards(id),
          seq INTEGER NOT NULL,
          at INTEGER,
          data BLOB NOT NULL,
          PRIMARY KEY (board_id, seq)
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    // Boards from before join codes keep no participant key; codes for them are refused with a reason.
    version: 3,
    name: "participant keys and join codes",
    up(db) {
      if (!columnsOf(db, "boards").has("participant_key")) db.exec("ALTER TABLE boards ADD COLUMN participant_key TEXT");
      db.exec(`
        CREATE TABLE IF NOT EXISTS join_codes (
          code TEXT PRIMARY KEY,
          board_id TEXT NOT NULL REFERENCES boards(id),
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS join_codes_by_expiry ON join_codes (expires_at);
      `);
    },
  },
];

const columnsOf = (db: Database.Database, table: string) =>
  new Set(db.prepare<[string], { name: string }>("SELECT name FROM pragma_table_info(?)").all(table).map((c) => c.name));

/** Brings the file up to this release's schema; throws when a newer release wrote it. */
export function migrateSqlite(db: Database.Database, file: string): number[] {
  return migrateSync(
    {
      label: `SQLite database ${file}`,
      appliedVersions() {
        db.exec(MIGRATIONS_TABLE);
        return db.prepare<[], number>("SELECT version FROM schema_migrations").pluck().all();
      },
      apply(m) {
        // IMMEDIATE: a migration reads the schema before it changes it, so it takes the write lock first.
        db.transaction(() => {
          m.up(db);
          db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(m.version, m.name, Date.now());
        }).immediate();
      },
    },
    SQLITE_MIGRATIONS,
  );
}
