import Database from "better-sqlite3";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../server/storage/sqlite";
import { tempDir } from "./harness";
import { storeContractSuite } from "./store-contract";

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

/** The schema as released before updates carried a time and history was kept. */
const SCHEMA_BEFORE_HISTORY = `
CREATE TABLE boards (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  facilitator_hash TEXT NOT NULL,
  participant_hash TEXT NOT NULL,
  viewer_hash TEXT NOT NULL
);
CREATE TABLE updates (
  board_id TEXT NOT NULL REFERENCES boards(id),
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (board_id, seq)
) WITHOUT ROWID;
`;

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
    // A board from before join codes has no participant key on record.
    expect(await store.getBoard("old")).toEqual({ id: "old", createdAt: 1, keyHashes: { facilitator: "a", participant: "b", viewer: "c" } });
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
