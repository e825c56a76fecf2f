import pg from "pg";
import { MIGRATIONS_TABLE, migrate, type Migration } from "./migrations";
import { baseConfig } from "./postgres-pool";

/** Advisory lock keys (first half of the pair); arbitrary, only distinct from each other. */
const LOCK_MIGRATIONS = 0x43_52_58_01;
export const LOCK_COMPACTION = 0x43_52_58_02;
export const LOCK_PRUNING = 0x43_52_58_03;

/** The tables of the SQLite store, in Postgres types: bytea for bytes, bigint for times and seqs. */
const POSTGRES_MIGRATIONS: ReadonlyArray<Migration<pg.ClientBase, Promise<void>>> = [
  {
    version: 1,
    name: "boards, update log, history, snapshots and join codes",
    async up(db) {
      await db.query(`
        CREATE TABLE boards (
          id text PRIMARY KEY,
          created_at bigint NOT NULL,
          facilitator_hash text NOT NULL,
          participant_hash text NOT NULL,
          viewer_hash text NOT NULL,
          participant_key text,
          -- The board's last sequence number. An append raises it under the row's lock, so nodes
          -- writing one board get consecutive numbers, committed in order.
          last_seq bigint NOT NULL DEFAULT 0
        );
        CREATE INDEX boards_by_creation ON boards (created_at);
        CREATE TABLE updates (
          board_id text NOT NULL REFERENCES boards(id),
          seq bigint NOT NULL,
          data bytea NOT NULL,
          at bigint,
          compacted boolean NOT NULL DEFAULT false,
          PRIMARY KEY (board_id, seq)
        );
        CREATE TABLE history (
          board_id text NOT NULL REFERENCES boards(id),
          seq bigint NOT NULL,
          at bigint,
          data bytea NOT NULL,
          PRIMARY KEY (board_id, seq)
        );
        CREATE TABLE snapshots (
          board_id text NOT NULL REFERENCES boards(id),
          id text NOT NULL,
          name text NOT NULL,
          taken_at bigint NOT NULL,
          json text NOT NULL,
          state bytea NOT NULL,
          -- Snapshots taken at the same millisecond list in the order they were added.
          added bigint GENERATED ALWAYS AS IDENTITY,
          PRIMARY KEY (board_id, id)
        );
        CREATE INDEX snapshots_by_time ON snapshots (board_id, taken_at, added);
        CREATE FUNCTION snapshots_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'snapshots are immutable'; END $$;
        CREATE TRIGGER snapshots_immutable BEFORE UPDATE ON snapshots
          FOR EACH ROW EXECUTE FUNCTION snapshots_immutable();
        CREATE TABLE join_codes (
          code text PRIMARY KEY,
          board_id text NOT NULL REFERENCES boards(id),
          created_at bigint NOT NULL,
          expires_at bigint NOT NULL
        );
        CREATE INDEX join_codes_by_expiry ON join_codes (expires_at);
      `);
    },
  },
  {
    // Pruning finds old entries by time and leaves one folded state per board in their place.
    version: 2,
    name: "history pruning",
    async up(db) {
      await db.query(`
        ALTER TABLE history ADD COLUMN folded boolean NOT NULL DEFAULT false;
        CREATE INDEX history_by_time ON history (at);
      `);
    },
  },
  {
    // Boards from before this keep no viewer key: replacing their participant link cannot hand out the viewer link.
    version: 3,
    name: "viewer keys",
    async up(db) {
      await db.query("ALTER TABLE boards ADD COLUMN viewer_key text");
    },
  },
  {
    // Every board here was created before seats, so its participant entries were made without one:
    // each may be claimed once by the device that placed under it (BoardRecord.seatsSince). Boards
    // created from now on keep NULL.
    version: 4,
    name: "seats",
    async up(db) {
      await db.query(`
        ALTER TABLE boards ADD COLUMN seats_since bigint;
        CREATE TABLE seats (
          board_id text NOT NULL REFERENCES boards(id),
          participant_id text NOT NULL,
          seat_hash text,
          created_at bigint NOT NULL,
          removed_at bigint,
          PRIMARY KEY (board_id, participant_id)
        );
        CREATE INDEX seats_by_hash ON seats (board_id, seat_hash);
      `);
      await db.query("UPDATE boards SET seats_since = $1", [Date.now()]);
    },
  },
];

/**
 * Brings the database up to this release's schema on a connection of its own. Nodes starting together
 * take turns on a session advisory lock, so each migration runs once and the others find it done.
 * Statements are not timed out here: a migration on a large table may rightly take long.
 */
export async function migratePostgres(url: string, connectTimeoutMs: number): Promise<number[]> {
  const client = new pg.Client({ ...baseConfig(url), connectionTimeoutMillis: connectTimeoutMs });
  // An error on this short-lived connection rejects the query in flight; nothing else listens.
  client.on("error", () => undefined);
  const { host, pathname } = new URL(url);
  const database = `Postgres database ${pathname.slice(1) || "(default)"} at ${host || "(default host)"}`;
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`cannot connect to ${database}: ${(err as Error).message}`, { cause: err });
  }
  try {
    await client.query("SELECT pg_advisory_lock($1, 0)", [LOCK_MIGRATIONS]);
    return await migrate(
      {
        label: database,
        async appliedVersions() {
          await client.query(MIGRATIONS_TABLE);
          const { rows } = await client.query<{ version: number }>("SELECT version FROM schema_migrations");
          return rows.map((r) => r.version);
        },
        async apply(m) {
          await client.query("BEGIN");
          try {
            await m.up(client);
            await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [m.version, m.name, Date.now()]);
            await client.query("COMMIT");
          } catch (err) {
            await client.query("ROLLBACK").catch(() => undefined);
            throw err;
          }
        },
      },
      POSTGRES_MIGRATIONS,
    );
  } finally {
    // Ending the session releases the advisory lock too.
    await client.end().catch(() => undefined);
  }
}
