import type Database from "better-sqlite3";
import { MIGRATIONS_TABLE, migrateSync, type Migration } from "./migrations";

/**
 * The SQLite schema, one migration per release that changed it. Files written before versioning have
 * no `schema_migrations` table and hold the tables of whichever release wrote them, so every step
 * creates only what is missing: on such a file all of them run and add just what it lacks.
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
  {
    // Pruning finds old entries by time and leaves one folded state per board in their place.
    version: 4,
    name: "history pruning",
    up(db) {
      if (!columnsOf(db, "history").has("folded")) db.exec("ALTER TABLE history ADD COLUMN folded INTEGER NOT NULL DEFAULT 0");
      db.exec("CREATE INDEX IF NOT EXISTS history_by_time ON history (at)");
    },
  },
  {
    // Boards from before this keep no viewer key: replacing their participant link cannot hand out the viewer link.
    version: 5,
    name: "viewer keys",
    up(db) {
      if (!columnsOf(db, "boards").has("viewer_key")) db.exec("ALTER TABLE boards ADD COLUMN viewer_key TEXT");
    },
  },
  {
    // Every board here was created before seats, so its participant entries were made without one:
    // each may be claimed once by the device that placed under it (BoardRecord.seatsSince). Boards
    // created from now on keep NULL. No release with seats left a board NULL without recording this
    // version in the same transaction, so every NULL found here is such an older board.
    version: 6,
    name: "seats",
    up(db) {
      if (!columnsOf(db, "boards").has("seats_since")) db.exec("ALTER TABLE boards ADD COLUMN seats_since INTEGER");
      db.prepare("UPDATE boards SET seats_since = ? WHERE seats_since IS NULL").run(Date.now());
      db.exec(`
        CREATE TABLE IF NOT EXISTS seats (
          board_id TEXT NOT NULL REFERENCES boards(id),
          participant_id TEXT NOT NULL,
          seat_hash TEXT,
          created_at INTEGER NOT NULL,
          removed_at INTEGER,
          PRIMARY KEY (board_id, participant_id)
        );
        CREATE INDEX IF NOT EXISTS seats_by_hash ON seats (board_id, seat_hash);
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
