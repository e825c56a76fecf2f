/**
 * The SQLite schemas of earlier releases, as they wrote their files, before the schema was versioned.
 * A file from any of them must open in this release and read as it was written.
 */

const SNAPSHOTS = `
CREATE TABLE snapshots (
  board_id TEXT NOT NULL REFERENCES boards(id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  taken_at INTEGER NOT NULL,
  json TEXT NOT NULL,
  state BLOB NOT NULL,
  PRIMARY KEY (board_id, id)
);
CREATE INDEX snapshots_by_time ON snapshots (board_id, taken_at);
CREATE TRIGGER snapshots_immutable BEFORE UPDATE ON snapshots
BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END;
`;

const HISTORY = `
CREATE TABLE history (
  board_id TEXT NOT NULL REFERENCES boards(id),
  seq INTEGER NOT NULL,
  at INTEGER,
  data BLOB NOT NULL,
  PRIMARY KEY (board_id, seq)
) WITHOUT ROWID;
`;

const TIMED_UPDATES = `
CREATE TABLE updates (
  board_id TEXT NOT NULL REFERENCES boards(id),
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  at INTEGER,
  compacted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (board_id, seq)
) WITHOUT ROWID;
`;

const boards = (extra: string) => `
CREATE TABLE boards (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  facilitator_hash TEXT NOT NULL,
  participant_hash TEXT NOT NULL,
  viewer_hash TEXT NOT NULL${extra}
);
`;

/** Before updates carried a time and history was kept (snapshots left out: that file never took one). */
export const SCHEMA_BEFORE_HISTORY = `${boards("")}
CREATE TABLE updates (
  board_id TEXT NOT NULL REFERENCES boards(id),
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (board_id, seq)
) WITHOUT ROWID;
`;

/** Updates with times, compaction marks and history; no participant keys or join codes yet. */
export const SCHEMA_WITH_HISTORY = `${boards("")}${TIMED_UPDATES}${HISTORY}${SNAPSHOTS}`;

/** The schema of the release before versioned migrations: everything this one has but `schema_migrations`. */
export const SCHEMA_WITH_JOIN_CODES = `${boards(",\n  participant_key TEXT")}${TIMED_UPDATES}${HISTORY}${SNAPSHOTS}
CREATE TABLE join_codes (
  code TEXT PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX join_codes_by_expiry ON join_codes (expires_at);
`;
