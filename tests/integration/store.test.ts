import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../../lib/env";
import { createLogger, silentLogger } from "../../server/log";
import { openStore } from "../../server/storage/open";
import { SchemaTooNewError } from "../../server/storage/migrations";
import { openPostgresStore, type PostgresOptions } from "../../server/storage/postgres";
import { openSqliteStore } from "../../server/storage/sqlite";
import { freshDatabase, type FreshDatabase } from "../services";
import { sleep, tempDir } from "./harness";
import { SCHEMA_BEFORE_HISTORY, SCHEMA_WITH_HISTORY, SCHEMA_WITH_JOIN_CODES } from "./sqlite-releases";
import { board, bytes, storeContractSuite } from "./store-contract";
import { sharedStoreSuite } from "./store-contract-nodes";

storeContractSuite("sqlite", async (options) => {
  const dir = tempDir();
  return { store: openSqliteStore({ dir, ...options }), reopen: async () => openSqliteStore({ dir, ...options }) };
});
storeContractSuite("sqlite (synchronous=FULL)", async (options) => {
  const dir = tempDir();
  return {
    store: openSqliteStore({ dir, synchronous: "FULL", ...options }),
    reopen: async () => openSqliteStore({ dir, synchronous: "FULL", ...options }),
  };
});

describe("sqlite store on a database from before history", () => {
  it("adds the new columns, keeps the old log readable and starts history with it", async () => {
    const dir = tempDir();
    const old = new Database(path.join(dir, "cruxboard.sqlite"));
    old.exec(SCHEMA_BEFORE_HISTORY);
    old.prepare("INSERT INTO boards VALUES ('old', 1, 'a', 'b', 'c')").run();
    // An earlier compaction left its state at seq 3, then two more updates came.
    const insert = old.prepare("INSERT INTO updates (board_id, seq, data) VALUES ('old', ?, ?)");
    insert.run(3, Buffer.from([7, 7]));
    insert.run(4, Buffer.from([4]));
    insert.run(5, Buffer.from([5]));
    old.close();

    const before = Date.now();
    const store = openSqliteStore({ dir });
    // A board from before join codes has no participant key on record; one from before seats has the time they came.
    expect(await store.getBoard("old")).toEqual({
      id: "old",
      createdAt: 1,
      keyHashes: { facilitator: "a", participant: "b", viewer: "c" },
      seatsSince: expect.any(Number),
    });
    expect((await store.loadDoc("old")).updates.map((u) => [...u])).toEqual([[7, 7], [4], [5]]);
    expect((await store.loadHistory("old")).map((e) => ({ seq: e.seq, at: e.at, data: [...e.update] }))).toEqual([
      { seq: 3, at: null, data: [7, 7] },
      { seq: 4, at: null, data: [4] },
      { seq: 5, at: null, data: [5] },
    ]);
    expect(await store.appendUpdates("old", [new Uint8Array([6])])).toBe(6);
    await store.compact("old", new Uint8Array([9]), 6);
    await store.appendUpdates("old", [new Uint8Array([10])]);
    await store.close();

    const again = openSqliteStore({ dir });
    const history = await again.loadHistory("old");
    expect(history.map((e) => [e.seq, [...e.update]])).toEqual([[3, [7, 7]], [4, [4]], [5, [5]], [6, [6]], [7, [10]]]);
    expect(history.slice(0, 3).map((e) => e.at)).toEqual([null, null, null]);
    for (const e of history.slice(3)) {
      expect(e.at).toBeGreaterThanOrEqual(before);
      expect(e.at).toBeLessThanOrEqual(Date.now());
    }
    expect((await again.loadDoc("old")).updates.map((u) => [...u])).toEqual([[9], [10]]);
    await again.close();
  });
});

const migrationsIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { version: number; name: string; applied_at: number }>("SELECT * FROM schema_migrations ORDER BY version").all();
  } finally {
    db.close();
  }
};
const updatesOf = async (log: Promise<Array<{ seq: number; update: Uint8Array }> | null>) =>
  (await log)?.map((e) => [e.seq, [...e.update]]) ?? null;

describe("sqlite store on a file from before versioned migrations", () => {
  it.each([
    { release: "that kept history but had no join codes", schema: SCHEMA_WITH_HISTORY, joinCodes: false },
    { release: "with the current tables but no schema_migrations", schema: SCHEMA_WITH_JOIN_CODES, joinCodes: true },
  ])("opens a file of the release $release and reads it as it was written", async ({ schema, joinCodes }) => {
    const dir = tempDir();
    const file = path.join(dir, "cruxboard.sqlite");
    const old = new Database(file);
    old.exec(schema);
    old.prepare(`INSERT INTO boards VALUES ('old', 1, 'a', 'b', 'c'${joinCodes ? ", 'the-room-key'" : ""})`).run();
    const archived = old.prepare("INSERT INTO history (board_id, seq, at, data) VALUES ('old', ?, ?, ?)");
    archived.run(1, 10, Buffer.from([1]));
    archived.run(2, 20, Buffer.from([2]));
    const logged = old.prepare("INSERT INTO updates (board_id, seq, at, data, compacted) VALUES ('old', ?, ?, ?, ?)");
    logged.run(2, 25, Buffer.from([7, 7]), 1);
    logged.run(3, 30, Buffer.from([3]), 0);
    logged.run(4, 40, Buffer.from([4]), 0);
    old.prepare("INSERT INTO snapshots VALUES ('old', 's1', 'Kick-off', 100, '{}', ?)").run(Buffer.from([9]));
    if (joinCodes) old.prepare("INSERT INTO join_codes VALUES ('KXT49M', 'old', 1, 5000)").run();
    old.close();

    const before = Date.now();
    const store = openSqliteStore({ dir });
    expect(await store.getBoard("old")).toEqual({
      id: "old",
      createdAt: 1,
      keyHashes: { facilitator: "a", participant: "b", viewer: "c" },
      ...(joinCodes ? { participantKey: "the-room-key" } : {}),
      seatsSince: expect.any(Number),
    });
    const { seatsSince } = (await store.getBoard("old"))!;
    expect(seatsSince).toBeGreaterThanOrEqual(before);
    expect(seatsSince).toBeLessThanOrEqual(Date.now());
    const doc = await store.loadDoc("old");
    expect({ ...doc, updates: doc.updates.map((u) => [...u]) }).toEqual({ updates: [[7, 7], [3], [4]], lastSeq: 4, bytes: 4 });
    expect((await store.loadHistory("old")).map((e) => [e.seq, e.at, [...e.update]])).toEqual([
      [1, 10, [1]],
      [2, 20, [2]],
      [3, 30, [3]],
      [4, 40, [4]],
    ]);
    expect(await updatesOf(store.loadUpdatesSince("old", 1))).toBeNull();
    expect(await updatesOf(store.loadUpdatesSince("old", 2))).toEqual([
      [3, [3]],
      [4, [4]],
    ]);
    expect(await store.listSnapshots("old")).toEqual([{ id: "s1", name: "Kick-off", takenAt: 100 }]);
    expect([...(await store.getSnapshot("old", "s1"))!.state]).toEqual([9]);
    expect(await store.getJoinCode("KXT49M")).toEqual(joinCodes ? { code: "KXT49M", boardId: "old", createdAt: 1, expiresAt: 5000 } : null);
    expect(await store.appendUpdates("old", [bytes(5)])).toBe(5);
    await store.close();
    expect(migrationsIn(file).map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe("sqlite schema versions", () => {
  it("records each migration once and applies none again on reopen", async () => {
    const dir = tempDir();
    const file = path.join(dir, "cruxboard.sqlite");
    await openSqliteStore({ dir }).close();
    const applied = migrationsIn(file);
    expect(applied.map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6]);
    const again = openSqliteStore({ dir });
    await again.createBoard(board(), bytes(0));
    await again.close();
    expect(migrationsIn(file)).toEqual(applied);
  });

  it("refuses a file that a newer release wrote, naming both versions, and leaves it as it was", async () => {
    const dir = tempDir();
    const file = path.join(dir, "cruxboard.sqlite");
    await openSqliteStore({ dir }).close();
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (7, 'from a newer release', 0)").run();
    db.close();
    expect(() => openSqliteStore({ dir })).toThrow(SchemaTooNewError);
    expect(() => openSqliteStore({ dir })).toThrow(/schema version 7, newer than this release of Cruxboard knows \(6\)/);
    expect(migrationsIn(file).map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe("closing the sqlite store", () => {
  it("resolves even when nothing else keeps the process alive, so a script's steps after it run", () => {
    const dir = tempDir();
    // A process of its own: in this one, vitest keeps the event loop alive whatever the store does.
    const script = `const { openSqliteStore } = require("./server/storage/sqlite.ts");
      const store = openSqliteStore({ dir: ${JSON.stringify(dir)} });
      store.close().then(() => console.log("after close"));`;
    const out = execFileSync(process.execPath, ["--import", "tsx", "--eval", script], { cwd: path.resolve(__dirname, "../.."), encoding: "utf8" });
    expect(out.trim()).toBe("after close");
  });
});

describe("openStore", () => {
  it("opens the SQLite file under DATA_DIR when no DATABASE_URL is set, and says so", async () => {
    const lines: string[] = [];
    const dir = tempDir();
    const store = await openStore(loadEnv({ DATA_DIR: dir }), createLogger("info", (l) => lines.push(l)));
    expect(store.name).toBe("sqlite");
    await store.close();
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: "store: sqlite", file: path.join(dir, "cruxboard.sqlite") });
  });
});

// The Postgres half runs where the test services answer (vitest.config.mts); there it is never skipped.
if (process.env.CRUXBOARD_SERVICES === "1") {
  describe("postgres store", () => {
    let database: FreshDatabase;
    beforeAll(async () => {
      database = await freshDatabase();
    });
    afterAll(async () => {
      await database?.drop();
    });
    const openPg = (over: Partial<PostgresOptions> = {}) =>
      openPostgresStore({ url: database.url, poolMax: 4, statementTimeoutMs: 5000, logger: silentLogger, ...over });
    /** A connection of the test's own, beside the store's, to look at the database or hold locks in it. */
    const adminOf = async (url: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    };
    const tagged = (name: string) => {
      const url = new URL(database.url);
      url.searchParams.set("application_name", name);
      return url.toString();
    };

    storeContractSuite("postgres", async (options) => ({ store: await openPg(options), reopen: () => openPg(options) }));
    sharedStoreSuite("postgres", () => openPg());

    it("runs each migration once when several nodes start together, and none again on reopen", async () => {
      const own = await freshDatabase();
      try {
        const open = () => openPostgresStore({ url: own.url, poolMax: 2, statementTimeoutMs: 5000, logger: silentLogger });
        const nodes = await Promise.all([open(), open(), open()]);
        await nodes[0]!.createBoard(board(), bytes(0));
        await Promise.all(nodes.map((n) => n.close()));
        const admin = await adminOf(own.url);
        const applied = async () => (await admin.query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")).rows;
        const first = await applied();
        expect(first.map((m) => m.version)).toEqual([1, 2, 3, 4]);
        await (await open()).close();
        expect(await applied()).toEqual(first);

        await admin.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (5, 'from a newer release', 0)");
        await expect(open()).rejects.toThrow(SchemaTooNewError);
        await expect(open()).rejects.toThrow(/Postgres database cruxboard_test_\w+ at 127\.0\.0\.1:5432 has schema version 5, newer than this release of Cruxboard knows \(4\)/);
        await admin.end();
      } finally {
        await own.drop();
      }
    });

    it("holds no more connections than the pool allows; the rest wait their turn", async () => {
      const appName = `cruxboard-pool-${Date.now()}`;
      const store = await openPg({ url: tagged(appName), poolMax: 2 });
      // Two connections of the test's own: one holds the lock; the other looks (a transaction would see stale activity).
      const [locker, observer] = await Promise.all([adminOf(database.url), adminOf(database.url)]);
      const b = board();
      await store.createBoard(b, bytes(0));
      await locker.query("BEGIN");
      await locker.query("SELECT 1 FROM boards WHERE id = $1 FOR UPDATE", [b.id]);
      const appends = Array.from({ length: 5 }, (_, i) => store.appendUpdates(b.id, [bytes(i + 1)]));
      const connections = async () =>
        (
          await observer.query<{ waiting: number; total: number }>(
            "SELECT count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS waiting, count(*)::int AS total FROM pg_stat_activity WHERE application_name = $1",
            [appName],
          )
        ).rows[0]!;
      for (let tries = 0; (await connections()).waiting < 2; tries++) {
        if (tries > 200) throw new Error("the appends never reached the locked board");
        await sleep(10);
      }
      await sleep(200);
      expect(await connections()).toEqual({ waiting: 2, total: 2 });
      await locker.query("COMMIT");
      expect((await Promise.all(appends)).sort()).toEqual([2, 3, 4, 5, 6]);
      await Promise.all([locker.end(), observer.end(), store.close()]);
    });

    it("cancels a statement past the statement timeout, times out a ping, and loses no sequence number", async () => {
      const store = await openPg({ poolMax: 1, statementTimeoutMs: 300, pingTimeoutMs: 100 });
      const admin = await adminOf(database.url);
      const b = board();
      await store.createBoard(b, bytes(0));
      await admin.query("BEGIN");
      await admin.query("SELECT 1 FROM boards WHERE id = $1 FOR UPDATE", [b.id]);
      const append = store.appendUpdates(b.id, [bytes(1)]);
      // The pool's one connection waits on the lock: nothing answers the ping in time.
      await expect(store.ping()).rejects.toThrow(/did not answer within 100 ms/);
      await expect(append).rejects.toThrow(/statement timeout/);
      await admin.query("COMMIT");
      await store.ping();
      expect(await store.appendUpdates(b.id, [bytes(2)])).toBe(2);
      expect((await store.loadDoc(b.id)).updates.map((u) => [...u])).toEqual([[0], [2]]);
      await Promise.all([admin.end(), store.close()]);
    });

    it("answers false, not an error, for a seat taken while its board is being deleted", async () => {
      const appName = `cruxboard-seat-race-${Date.now()}`;
      const store = await openPg({ url: tagged(appName), poolMax: 2 });
      const [deleter, observer] = await Promise.all([adminOf(database.url), adminOf(database.url)]);
      const b = board();
      await store.createBoard(b, bytes(0));
      // A deletion in progress holds the board's row, as deleteBoard does on another node.
      await deleter.query("BEGIN");
      await deleter.query("SELECT 1 FROM boards WHERE id = $1 FOR UPDATE", [b.id]);
      const added = store.addSeat({ boardId: b.id, participantId: "ann", seatHash: "1".repeat(64), createdAt: 1 });
      const waiting = async () =>
        (await observer.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", [appName])).rowCount;
      for (let tries = 0; (await waiting()) === 0; tries++) {
        if (tries > 200) throw new Error("the seat never waited for the board's row");
        await sleep(10);
      }
      await deleter.query("DELETE FROM updates WHERE board_id = $1", [b.id]);
      await deleter.query("DELETE FROM boards WHERE id = $1", [b.id]);
      await deleter.query("COMMIT");
      expect(await added).toBe(false);
      expect(await store.countSeats(b.id)).toBe(0);
      await Promise.all([deleter.end(), observer.end(), store.close()]);
    });

    it("refuses to change a stored snapshot, even by a direct UPDATE", async () => {
      const store = await openPg();
      const admin = await adminOf(database.url);
      const b = board();
      await store.createBoard(b, bytes(0));
      await store.addSnapshot({ id: "s", boardId: b.id, name: "Kick-off", takenAt: 1, json: "{}", state: bytes(1) });
      await expect(admin.query("UPDATE snapshots SET name = 'Rewritten' WHERE board_id = $1", [b.id])).rejects.toThrow(/snapshots are immutable/);
      expect((await store.getSnapshot(b.id, "s"))?.name).toBe("Kick-off");
      await Promise.all([admin.end(), store.close()]);
    });

    it("outlives its connections being killed: logs it, fails only the call in flight, and reconnects", async () => {
      const appName = `cruxboard-kill-${Date.now()}`;
      const lines: string[] = [];
      const store = await openPg({ url: tagged(appName), poolMax: 2, logger: createLogger("warn", (l) => lines.push(l)) });
      const [locker, killer] = await Promise.all([adminOf(database.url), adminOf(database.url)]);
      const b = board();
      await store.createBoard(b, bytes(0));
      await locker.query("BEGIN");
      await locker.query("SELECT 1 FROM boards WHERE id = $1 FOR UPDATE", [b.id]);
      // Handled from the start: the call may fail while the kill is still being awaited.
      const append = store.appendUpdates(b.id, [bytes(1)]).then(
        (seq) => ({ failed: false as const, seq }),
        (error: unknown) => ({ failed: true as const, error }),
      );
      await sleep(100);
      await killer.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [appName]);
      expect(await append).toMatchObject({ failed: true, error: expect.any(Error) });
      await locker.query("COMMIT");
      for (let tries = 0; !lines.some((l) => l.includes("postgres connection error")); tries++) {
        if (tries > 200) throw new Error("the broken connection was never logged");
        await sleep(10);
      }
      await store.ping();
      expect(await store.appendUpdates(b.id, [bytes(2)])).toBe(2);
      await Promise.all([locker.end(), killer.end(), store.close()]);
    });

    it("is what openStore opens when DATABASE_URL is set; the log names the database, never the password", async () => {
      const url = new URL(database.url);
      url.password = "hunter2-secret";
      const lines: string[] = [];
      const store = await openStore(loadEnv({ DATABASE_URL: url.toString(), PG_POOL_MAX: "2" }), createLogger("info", (l) => lines.push(l)));
      expect(store.name).toBe("postgres");
      await store.ping();
      await store.close();
      expect(JSON.parse(lines[0]!)).toMatchObject({ msg: "store: postgres", database: database.url, poolMax: 2, statementTimeoutMs: 5000 });
      expect(lines.join("\n")).not.toContain("hunter2");
    });

    it("refuses to open, naming the server, when Postgres does not answer", async () => {
      const url = new URL(database.url);
      url.port = "1";
      await expect(openPg({ url: url.toString() })).rejects.toThrow(/cannot connect to Postgres database cruxboard_test_\w+ at 127\.0\.0\.1:1: /);
    });

    it("rejects a ping once its database is gone", async () => {
      const own = await freshDatabase();
      const store = await openPostgresStore({ url: own.url, poolMax: 1, statementTimeoutMs: 5000, logger: silentLogger });
      await store.ping();
      await own.drop();
      await expect(store.ping()).rejects.toThrow();
      await store.close();
    });
  });
}
