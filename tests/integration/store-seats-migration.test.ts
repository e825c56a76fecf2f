import Database from "better-sqlite3";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../server/log";
import { openPostgresStore } from "../../server/storage/postgres";
import { openSqliteStore } from "../../server/storage/sqlite";
import type { DocStore } from "../../server/storage/types";
import { freshDatabase, type FreshDatabase } from "../services";
import { tempDir } from "./harness";
import { board, bytes } from "./store-contract";

/**
 * The seats migration (SQLite 6, Postgres 4) only adds `boards.seats_since` and the `seats` table; a
 * database as the release before seats left it is one at the current version with those undone.
 */
const UNDO_SEATS = ["DROP INDEX seats_by_hash", "DROP TABLE seats", "ALTER TABLE boards DROP COLUMN seats_since"];

/**
 * What a board from before seats and one created after must show, for a store opened by `reopen` on
 * a database where `old` was stored before seats came at some time in [`before`, `after`].
 */
async function checkSeatsCame(reopen: () => Promise<DocStore>, old: ReturnType<typeof board>) {
  const before = Date.now();
  const store = await reopen();
  const after = Date.now();
  const upgraded = await store.getBoard(old.id);
  expect(upgraded).toEqual({ ...old, seatsSince: expect.any(Number) });
  expect(upgraded!.seatsSince).toBeGreaterThanOrEqual(before);
  expect(upgraded!.seatsSince).toBeLessThanOrEqual(after);
  expect(await store.countSeats(old.id)).toBe(0);
  expect(await store.addSeat({ boardId: old.id, participantId: "ann", seatHash: "1".repeat(64), createdAt: after })).toBe(true);
  const created = board();
  await store.createBoard(created, bytes(0));
  expect(await store.getBoard(created.id)).not.toHaveProperty("seatsSince");
  await store.close();

  // Reopening runs no migration again: the older board keeps its time, the newer one stays without.
  const again = await reopen();
  expect(await again.getBoard(old.id)).toEqual(upgraded);
  expect(await again.getBoard(created.id)).toEqual(created);
  expect((await again.getSeat(old.id, "ann"))?.removedAt).toBeNull();
  await again.close();
}

describe("sqlite store on a file of the release before seats", () => {
  it("gives the boards it holds the time seats came, and boards created afterwards none", async () => {
    const dir = tempDir();
    const old = board({ viewerKey: "the-viewer-key" });
    const first = openSqliteStore({ dir });
    await first.createBoard(old, bytes(0));
    await first.close();
    const db = new Database(path.join(dir, "cruxboard.sqlite"));
    for (const statement of UNDO_SEATS) db.exec(statement);
    db.prepare("DELETE FROM schema_migrations WHERE version = 6").run();
    db.close();

    await checkSeatsCame(async () => openSqliteStore({ dir }), old);
    const check = new Database(path.join(dir, "cruxboard.sqlite"), { readonly: true });
    expect(check.prepare("SELECT version, name FROM schema_migrations WHERE version = 6").all()).toEqual([{ version: 6, name: "seats" }]);
    check.close();
  });
});

// The Postgres half runs where the test services answer (vitest.config.mts); there it is never skipped.
if (process.env.CRUXBOARD_SERVICES === "1") {
  describe("postgres store on a database of the release before seats", () => {
    let database: FreshDatabase;
    beforeAll(async () => {
      database = await freshDatabase();
    });
    afterAll(async () => {
      await database?.drop();
    });

    it("gives the boards it holds the time seats came, and boards created afterwards none", async () => {
      const open = () => openPostgresStore({ url: database.url, poolMax: 2, statementTimeoutMs: 5000, logger: silentLogger });
      const old = board({ viewerKey: "the-viewer-key" });
      const first = await open();
      await first.createBoard(old, bytes(0));
      await first.close();
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        for (const statement of UNDO_SEATS) await admin.query(statement);
        await admin.query("DELETE FROM schema_migrations WHERE version = 4");

        await checkSeatsCame(open, old);
        const { rows } = await admin.query("SELECT version, name FROM schema_migrations WHERE version = 4");
        expect(rows).toEqual([{ version: 4, name: "seats" }]);
      } finally {
        await admin.end();
      }
    });
  });
}
