import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { BoardRecord, DocStore, HistoryEntry } from "../../server/storage/types";
import { seatContractCases } from "./store-contract-seats";

export const bytes = (...xs: number[]) => new Uint8Array(xs);
let counter = 0;
/** A board record with an id no other test run uses. */
export const board = (over: Partial<BoardRecord> = {}): BoardRecord => ({
  id: `board${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${(counter++).toString(36)}`,
  createdAt: 1_700_000_000_000 + counter,
  keyHashes: { facilitator: "a".repeat(64), participant: "b".repeat(64), viewer: "c".repeat(64) },
  participantKey: `pk${counter}`,
  ...over,
});

/** A clock the test moves by hand. */
const manualClock = (start: number) => {
  let t = start;
  return { now: () => t, set: (ms: number) => void (t = ms) };
};

/** A doc whose every update is recorded, the first being its initial state, as a board's log holds them. */
function yjsBoard() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  doc.getMap("items").set("seed", "initial");
  /** The updates recorded since the last call. */
  const take = () => updates.splice(0);
  return { doc, take };
}
/** What applying a history gives, as plain JSON. */
const contentOf = (updates: readonly Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return { items: doc.getMap("items").toJSON(), placements: doc.getMap("placements").toJSON() };
};

/**
 * Pruning covers every board in the store, and a factory may hand out one database to every test: the
 * history that earlier tests stamped by hand (well before this horizon) is pruned first, so that a
 * test's counts are its own boards'.
 */
const pruneEarlierTests = (store: DocStore) => store.pruneHistory(10_000_000);

const summary = (entries: HistoryEntry[]) => entries.map((e) => ({ seq: e.seq, at: e.at, data: [...e.update] }));

export interface StoreFactoryOptions {
  /** The clock the store stamps updates with; the adapter's default when absent. */
  now?: () => number;
}

/**
 * What every DocStore adapter must do. Run it with a factory that returns a
 * fresh, empty store (on the given clock) and a way to reopen it on the same data.
 */
export function storeContractSuite(
  name: string,
  open: (options?: StoreFactoryOptions) => Promise<{ store: DocStore; reopen: () => Promise<DocStore> }>,
) {
  describe(`DocStore contract: ${name}`, () => {
    it("creates a board with its initial state and finds it again", async () => {
      const { store } = await open();
      const b = board();
      await store.createBoard(b, bytes(1, 2, 3));
      expect(await store.getBoard(b.id)).toEqual(b);
      expect(await store.getBoard("nope")).toBeNull();
      const doc = await store.loadDoc(b.id);
      expect(doc.updates.map((u) => [...u])).toEqual([[1, 2, 3]]);
      expect(doc.lastSeq).toBe(1);
      expect(doc.bytes).toBe(3);
      expect((await store.listBoards()).map((x) => x.id)).toContain(b.id);
      await store.close();
    });

    it("refuses a second board with the same id and keeps the first intact", async () => {
      const { store } = await open();
      const b = board();
      await store.createBoard(b, bytes(1));
      await expect(store.createBoard({ ...b, createdAt: 5 }, bytes(9))).rejects.toThrow();
      expect((await store.loadDoc(b.id)).updates.map((u) => [...u])).toEqual([[1]]);
      expect((await store.getBoard(b.id))?.createdAt).toBe(b.createdAt);
      await store.close();
    });

    it("appends updates in order and returns the last sequence number", async () => {
      const { store } = await open();
      const b = board();
      await store.createBoard(b, bytes(0));
      expect(await store.appendUpdates(b.id, [bytes(1), bytes(2)])).toBe(3);
      expect(await store.appendUpdates(b.id, [bytes(3)])).toBe(4);
      expect(await store.appendUpdates(b.id, [])).toBe(4);
      const doc = await store.loadDoc(b.id);
      expect(doc.updates.map((u) => [...u])).toEqual([[0], [1], [2], [3]]);
      expect(doc.lastSeq).toBe(4);
      await store.close();
    });

    it("appends several boards' updates in one batch", async () => {
      const { store } = await open();
      const a = board();
      const c = board();
      await store.createBoard(a, bytes(0));
      await store.createBoard(c, bytes(0));
      expect(await store.appendBatch([{ boardId: a.id, updates: [bytes(1)] }, { boardId: c.id, updates: [bytes(2), bytes(3)] }])).toEqual([2, 3]);
      expect((await store.loadDoc(c.id)).updates.map((u) => [...u])).toEqual([[0], [2], [3]]);
      await expect(store.appendBatch([{ boardId: a.id, updates: [bytes(4)] }, { boardId: "missing", updates: [bytes(5)] }])).rejects.toThrow();
      expect((await store.loadDoc(a.id)).updates.map((u) => [...u])).toEqual([[0], [1]]);
      await store.close();
    });

    it("compacts a prefix of the log atomically and keeps later updates", async () => {
      const { store } = await open();
      const b = board();
      await store.createBoard(b, bytes(0));
      await store.appendUpdates(b.id, [bytes(1), bytes(2), bytes(3)]);
      expect(await store.compact(b.id, bytes(7, 7), 3)).toBe(true);
      await store.appendUpdates(b.id, [bytes(5)]);
      const doc = await store.loadDoc(b.id);
      expect(doc.updates.map((u) => [...u])).toEqual([[7, 7], [3], [5]]);
      expect(doc.lastSeq).toBe(5);
      await store.close();
    });

    it("hands over the log's updates after a sequence number, or null once a compaction replaced some", async () => {
      const { store } = await open();
      const b = board();
      await store.createBoard(b, bytes(0));
      await store.appendUpdates(b.id, [bytes(1), bytes(2), bytes(3)]);
      const since = async (afterSeq: number) => (await store.loadUpdatesSince(b.id, afterSeq))?.map((e) => [e.seq, [...e.update]]) ?? null;
      expect(await since(0)).toEqual([[1, [0]], [2, [1]], [3, [2]], [4, [3]]]);
      expect(await since(2)).toEqual([[3, [2]], [4, [3]]]);
      expect(await since(4)).toEqual([]);
      expect(await since(9)).toEqual([]);
      expect(await store.compact(b.id, bytes(7, 7), 3)).toBe(true);
      expect(await since(2)).toBeNull();
      expect(await since(0)).toBeNull();
      expect(await since(3)).toEqual([[4, [3]]]);
      await store.appendUpdates(b.id, [bytes(5)]);
      expect(await since(3)).toEqual([[4, [3]], [5, [5]]]);
      expect(await since(5)).toEqual([]);
      expect(await store.loadUpdatesSince("nope", 0)).toEqual([]);
      await store.close();
    });

    it("compacts only past the log's compacted start: anything else does nothing and says so", async () => {
      const { store } = await open();
      const b = board();
      await store.createBoard(b, bytes(0));
      await store.appendUpdates(b.id, [bytes(1), bytes(2), bytes(3), bytes(4)]);
      expect(await store.compact(b.id, bytes(7), 3)).toBe(true);
      // Another node compacted this far already (or further): its state stands.
      expect(await store.compact(b.id, bytes(8), 3)).toBe(false);
      expect(await store.compact(b.id, bytes(8), 2)).toBe(false);
      expect((await store.loadDoc(b.id)).updates.map((u) => [...u])).toEqual([[7], [3], [4]]);
      expect(await store.compact(b.id, bytes(9), 5)).toBe(true);
      expect((await store.loadDoc(b.id)).updates.map((u) => [...u])).toEqual([[9]]);
      expect((await store.loadHistory(b.id)).map((e) => [e.seq, [...e.update]])).toEqual([
        [1, [0]],
        [2, [1]],
        [3, [2]],
        [4, [3]],
        [5, [4]],
      ]);
      await store.close();
    });

    it("answers a ping while open and refuses one after close", async () => {
      const { store } = await open();
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
    });

    it("keeps boards apart", async () => {
      const { store } = await open();
      const a = board();
      const c = board();
      await store.createBoard(a, bytes(1));
      await store.createBoard(c, bytes(2));
      await store.appendUpdates(a.id, [bytes(3)]);
      expect((await store.loadDoc(c.id)).updates.map((u) => [...u])).toEqual([[2]]);
      await store.close();
    });

    it("stores snapshots immutably and lists them oldest first", async () => {
      const { store } = await open();
      const b = board();
      await store.createBoard(b, bytes(1));
      await store.addSnapshot({ id: "s2", boardId: b.id, name: "Later", takenAt: 2000, json: "{}", state: bytes(2) });
      await store.addSnapshot({ id: "s1", boardId: b.id, name: "Earlier", takenAt: 1000, json: '{"a":1}', state: bytes(1) });
      expect(await store.listSnapshots(b.id)).toEqual([
        { id: "s1", name: "Earlier", takenAt: 1000 },
        { id: "s2", name: "Later", takenAt: 2000 },
      ]);
      const s1 = await store.getSnapshot(b.id, "s1");
      expect(s1?.json).toBe('{"a":1}');
      expect([...(s1?.state ?? [])]).toEqual([1]);
      expect(await store.getSnapshot(b.id, "nope")).toBeNull();
      await expect(
        store.addSnapshot({ id: "s1", boardId: b.id, name: "Overwrite", takenAt: 3, json: "{}", state: bytes(0) }),
      ).rejects.toThrow();
      expect((await store.getSnapshot(b.id, "s1"))?.name).toBe("Earlier");
      await store.close();
    });

    it("keeps everything across a reopen", async () => {
      const { store, reopen } = await open();
      const b = board();
      await store.createBoard(b, bytes(1));
      await store.appendUpdates(b.id, [bytes(2)]);
      await store.addSnapshot({ id: "s", boardId: b.id, name: "n", takenAt: 1, json: "{}", state: bytes(1) });
      await store.close();
      const again = await reopen();
      expect(await again.getBoard(b.id)).toEqual(b);
      expect((await again.loadDoc(b.id)).updates.map((u) => [...u])).toEqual([[1], [2]]);
      expect(await again.listSnapshots(b.id)).toHaveLength(1);
      await again.close();
    });

    it("keeps every accepted update, with the store's time, as history through compactions and a reopen", async () => {
      const clock = manualClock(1000);
      const { store, reopen } = await open({ now: clock.now });
      const b = board();
      await store.createBoard(b, bytes(0));
      clock.set(2000);
      await store.appendUpdates(b.id, [bytes(1), bytes(2)]);
      clock.set(3000);
      await store.appendBatch([{ boardId: b.id, updates: [bytes(3)] }]);
      const beforeCompaction = [
        { seq: 1, at: 1000, data: [0] },
        { seq: 2, at: 2000, data: [1] },
        { seq: 3, at: 2000, data: [2] },
        { seq: 4, at: 3000, data: [3] },
      ];
      expect(summary(await store.loadHistory(b.id))).toEqual(beforeCompaction);

      clock.set(4000);
      await store.compact(b.id, bytes(7, 7), 3);
      expect(summary(await store.loadHistory(b.id))).toEqual(beforeCompaction);
      clock.set(5000);
      await store.appendUpdates(b.id, [bytes(5)]);
      // The second compaction replaces the first compacted state too; that state is not history.
      clock.set(6000);
      await store.compact(b.id, bytes(8, 8), 5);
      expect((await store.loadDoc(b.id)).updates.map((u) => [...u])).toEqual([[8, 8]]);
      const all = [...beforeCompaction, { seq: 5, at: 5000, data: [5] }];
      expect(summary(await store.loadHistory(b.id))).toEqual(all);

      await store.close();
      const again = await reopen();
      expect(summary(await again.loadHistory(b.id))).toEqual(all);
      expect(await again.appendUpdates(b.id, [bytes(6)])).toBe(6);
      const history = await again.loadHistory(b.id);
      expect(history.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect([...history.at(-1)!.update]).toEqual([6]);
      expect(history.at(-1)!.at).toEqual(expect.any(Number));
      await again.close();
    });

    it("returns history in sequence order, per board, and [] for an unknown board", async () => {
      const clock = manualClock(10);
      const { store } = await open({ now: clock.now });
      const a = board();
      const c = board();
      await store.createBoard(a, bytes(0));
      await store.createBoard(c, bytes(100));
      for (let i = 1; i <= 12; i++) {
        clock.set(10 + i);
        await store.appendUpdates(i % 3 === 0 ? c.id : a.id, [bytes(i)]);
        if (i === 5) await store.compact(a.id, bytes(99), 4);
      }
      const historyA = await store.loadHistory(a.id);
      expect(historyA.map((e) => [...e.update])).toEqual([[0], [1], [2], [4], [5], [7], [8], [10], [11]]);
      expect(historyA.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(historyA.map((e) => e.at)).toEqual([10, 11, 12, 14, 15, 17, 18, 20, 21]);
      expect((await store.loadHistory(c.id)).map((e) => [...e.update])).toEqual([[100], [3], [6], [9], [12]]);
      expect(await store.loadHistory("nope")).toEqual([]);
      await store.close();
    });

    it("keeps a board's participant key when there is one", async () => {
      const { store, reopen } = await open();
      const { participantKey: _, ...withoutKey } = board();
      await store.createBoard(withoutKey, bytes(1));
      expect(await store.getBoard(withoutKey.id)).toEqual(withoutKey);
      const withKey = board({ participantKey: "the-room-key" });
      await store.createBoard(withKey, bytes(1));
      await store.close();
      const again = await reopen();
      expect((await again.getBoard(withKey.id))?.participantKey).toBe("the-room-key");
      expect(await again.getBoard(withoutKey.id)).not.toHaveProperty("participantKey");
      await again.close();
    });

    it("stores join codes, never gives a live one to a second board, reuses expired ones and sweeps them", async () => {
      const { store, reopen } = await open();
      const a = board();
      const c = board();
      await store.createBoard(a, bytes(0));
      await store.createBoard(c, bytes(0));
      const code = { code: "KXT49M", boardId: a.id, createdAt: 1000, expiresAt: 5000 };
      expect(await store.addJoinCode(code, 1000)).toBe(true);
      expect(await store.getJoinCode("KXT49M")).toEqual(code);
      expect(await store.getJoinCode("NOPE00")).toBeNull();
      // Still live at 4999: the code stays with the first board.
      expect(await store.addJoinCode({ ...code, boardId: c.id, createdAt: 4999, expiresAt: 9000 }, 4999)).toBe(false);
      expect(await store.getJoinCode("KXT49M")).toEqual(code);
      // Expired (kept until swept, so it can be told apart from an unknown code): the code may be issued again.
      const reissued = { code: "KXT49M", boardId: c.id, createdAt: 5000, expiresAt: 9000 };
      expect(await store.addJoinCode(reissued, 5000)).toBe(true);
      expect(await store.getJoinCode("KXT49M")).toEqual(reissued);
      await store.addJoinCode({ code: "HJ3R7W", boardId: a.id, createdAt: 1000, expiresAt: 2000 }, 1000);
      await store.close();

      const again = await reopen();
      expect(await again.getJoinCode("HJ3R7W")).toEqual({ code: "HJ3R7W", boardId: a.id, createdAt: 1000, expiresAt: 2000 });
      expect(await again.sweepJoinCodes(2000)).toBe(0);
      expect(await again.sweepJoinCodes(2001)).toBe(1);
      expect(await again.getJoinCode("HJ3R7W")).toBeNull();
      expect(await again.getJoinCode("KXT49M")).toEqual(reissued);
      await expect(again.addJoinCode({ code: "MMMMMM", boardId: "missing", createdAt: 1, expiresAt: 2 }, 1)).rejects.toThrow();
      await again.close();
    });

    it("prunes history before a horizon into one folded state that still gives the board, and keeps the rest", async () => {
      const clock = manualClock(1000);
      const { store, reopen } = await open({ now: clock.now });
      await pruneEarlierTests(store);
      const b = board();
      const other = board();
      const y = yjsBoard();
      await store.createBoard(b, y.take()[0]!);
      await store.createBoard(other, bytes(5));
      const placements = y.doc.getMap("placements");
      for (let t = 2000; t <= 5000; t += 1000) {
        clock.set(t);
        placements.set("rlhf:ann", { col: t / 1000, row: 0.5 });
        await store.appendUpdates(b.id, y.take());
      }
      clock.set(5500);
      y.doc.transact(() => {
        placements.delete("rlhf:ann");
        placements.set("scaling:bo", { col: 0.5, row: 2.5 });
      });
      await store.appendUpdates(b.id, y.take());
      // Seqs 1–4 move to history, 5 and 6 stay in the log.
      await store.compact(b.id, Y.encodeStateAsUpdate(y.doc), 4);
      await store.addSnapshot({ id: "s1", boardId: b.id, name: "early", takenAt: 1500, json: "{}", state: bytes(1) });
      const full = await store.loadHistory(b.id);
      const log = (await store.loadDoc(b.id)).updates.map((u) => [...u]);
      expect(full.map((e) => [e.seq, e.at, e.folded])).toEqual([
        [1, 1000, false], [2, 2000, false], [3, 3000, false], [4, 4000, false], [5, 5000, false], [6, 5500, false],
      ]);

      expect(await store.pruneHistory(3500)).toBe(3);
      const pruned = await store.loadHistory(b.id);
      expect(pruned.map((e) => [e.seq, e.at, e.folded])).toEqual([[3, 3500, true], [4, 4000, false], [5, 5000, false], [6, 5500, false]]);
      expect(pruned.slice(1).map((e) => [...e.update])).toEqual(full.slice(3).map((e) => [...e.update]));
      expect(contentOf(pruned.map((e) => e.update))).toEqual(contentOf(full.map((e) => e.update)));
      expect(contentOf(pruned.map((e) => e.update))).toEqual({ items: { seed: "initial" }, placements: { "scaling:bo": { col: 0.5, row: 2.5 } } });
      // The board's log, its snapshots and other boards are untouched.
      expect((await store.loadDoc(b.id)).updates.map((u) => [...u])).toEqual(log);
      expect(await store.listSnapshots(b.id)).toEqual([{ id: "s1", name: "early", takenAt: 1500 }]);
      expect(summary(await store.loadHistory(other.id))).toEqual([{ seq: 1, at: 1000, data: [5] }]);

      // Again at the same horizon, or with only the folded state older: nothing to do.
      expect(await store.pruneHistory(3500)).toBe(0);
      expect(await store.pruneHistory(3900)).toBe(0);
      expect((await store.loadHistory(b.id)).map((e) => [e.seq, e.at, e.folded])).toEqual([[3, 3500, true], [4, 4000, false], [5, 5000, false], [6, 5500, false]]);

      // A later horizon folds the folded state together with what followed it; the log's entries are
      // history too, but only compaction moves them out of the log.
      await store.close();
      const again = await reopen();
      expect(await again.pruneHistory(5200)).toBe(2);
      const later = await again.loadHistory(b.id);
      expect(later.map((e) => [e.seq, e.at, e.folded])).toEqual([[4, 5200, true], [5, 5000, false], [6, 5500, false]]);
      expect(contentOf(later.map((e) => e.update))).toEqual(contentOf(full.map((e) => e.update)));
      await again.close();
    });

    it("leaves a history it cannot decode as it was, and prunes once when two prunings run at once", async () => {
      const clock = manualClock(1000);
      const { store } = await open({ now: clock.now });
      await pruneEarlierTests(store);
      const garbled = board();
      await store.createBoard(garbled, bytes(1, 2, 3));
      await store.appendUpdates(garbled.id, [bytes(4)]);
      await store.compact(garbled.id, bytes(9), 2);
      const b = board();
      const y = yjsBoard();
      await store.createBoard(b, y.take()[0]!);
      for (let i = 0; i < 5; i++) {
        y.doc.getMap("placements").set(`item${i}:ann`, { col: i, row: 0 });
        await store.appendUpdates(b.id, y.take());
      }
      await store.compact(b.id, Y.encodeStateAsUpdate(y.doc), 6);
      const garbledBefore = summary(await store.loadHistory(garbled.id));

      clock.set(2000);
      const results = await Promise.all([store.pruneHistory(1500), store.pruneHistory(1500)]);
      expect(results.reduce((x, n) => x + n, 0)).toBe(6);
      const history = await store.loadHistory(b.id);
      expect(history.map((e) => [e.seq, e.at, e.folded])).toEqual([[6, 1500, true]]);
      expect(contentOf(history.map((e) => e.update))).toEqual(contentOf([Y.encodeStateAsUpdate(y.doc)]));
      expect(summary(await store.loadHistory(garbled.id))).toEqual(garbledBefore);
      await store.close();
    });

    it("keeps a board's viewer key when there is one", async () => {
      const { store, reopen } = await open();
      const withKey = board({ viewerKey: "the-viewer-key" });
      const { viewerKey: _, ...withoutKey } = withKey;
      await store.createBoard(withKey, bytes(1));
      await store.createBoard({ ...withoutKey, id: `${withKey.id}b` }, bytes(1));
      await store.close();
      const again = await reopen();
      expect(await again.getBoard(withKey.id)).toEqual(withKey);
      expect(await again.getBoard(`${withKey.id}b`)).not.toHaveProperty("viewerKey");
      await again.close();
    });

    it("replaces one role's key, retiring the board's join codes with the participant key", async () => {
      const { store, reopen } = await open();
      const b = board({ viewerKey: "old-viewer" });
      const other = board();
      await store.createBoard(b, bytes(1));
      await store.createBoard(other, bytes(1));
      for (const [code, boardId] of [["AAAAAA", b.id], ["CCCCCC", b.id], ["DDDDDD", other.id]] as const) {
        expect(await store.addJoinCode({ code, boardId, createdAt: 1, expiresAt: 10_000 }, 1)).toBe(true);
      }

      expect(await store.replaceKey(b.id, "viewer", "d".repeat(64), "new-viewer")).toBe(true);
      expect(await store.getBoard(b.id)).toEqual({ ...b, keyHashes: { ...b.keyHashes, viewer: "d".repeat(64) }, viewerKey: "new-viewer" });
      expect(await store.getJoinCode("AAAAAA")).not.toBeNull();

      expect(await store.replaceKey(b.id, "participant", "e".repeat(64), "new-participant")).toBe(true);
      const expected = { ...b, keyHashes: { facilitator: "a".repeat(64), participant: "e".repeat(64), viewer: "d".repeat(64) }, viewerKey: "new-viewer", participantKey: "new-participant" };
      expect(await store.getBoard(b.id)).toEqual(expected);
      expect(await store.getJoinCode("AAAAAA")).toBeNull();
      expect(await store.getJoinCode("CCCCCC")).toBeNull();
      expect(await store.getJoinCode("DDDDDD")).toEqual({ code: "DDDDDD", boardId: other.id, createdAt: 1, expiresAt: 10_000 });
      expect(await store.getBoard(other.id)).toEqual(other);

      // The facilitator's key itself is never kept, only its hash.
      expect(await store.replaceKey(b.id, "facilitator", "f".repeat(64), "ignored")).toBe(true);
      expect(await store.replaceKey("missing", "viewer", "d".repeat(64), "k")).toBe(false);
      expect(await store.getBoard("missing")).toBeNull();
      await store.close();
      const again = await reopen();
      expect(await again.getBoard(b.id)).toEqual({ ...expected, keyHashes: { ...expected.keyHashes, facilitator: "f".repeat(64) } });
      await again.close();
    });

    it("deletes a board with its log, history, snapshots and join codes, and nothing of another board", async () => {
      const { store, reopen } = await open();
      const gone = board();
      const kept = board();
      for (const b of [gone, kept]) {
        await store.createBoard(b, bytes(1));
        await store.appendUpdates(b.id, [bytes(2), bytes(3)]);
        expect(await store.compact(b.id, bytes(1, 2), 2)).toBe(true);
        await store.addSnapshot({ id: "s1", boardId: b.id, name: "One", takenAt: 5, json: "{}", state: bytes(9) });
      }
      await store.addJoinCode({ code: "GGGGGG", boardId: gone.id, createdAt: 1, expiresAt: 10_000 }, 1);
      await store.addJoinCode({ code: "KKKKKK", boardId: kept.id, createdAt: 1, expiresAt: 10_000 }, 1);
      const keptHistory = summary(await store.loadHistory(kept.id));

      expect(await store.deleteBoard(gone.id)).toBe(true);
      expect(await store.deleteBoard(gone.id)).toBe(false);
      expect(await store.deleteBoard("missing")).toBe(false);
      const check = async (s: DocStore) => {
        expect(await s.getBoard(gone.id)).toBeNull();
        expect((await s.loadDoc(gone.id)).updates).toEqual([]);
        expect(await s.loadHistory(gone.id)).toEqual([]);
        expect(await s.loadUpdatesSince(gone.id, 0)).toEqual([]);
        expect(await s.listSnapshots(gone.id)).toEqual([]);
        expect(await s.getSnapshot(gone.id, "s1")).toBeNull();
        expect(await s.getJoinCode("GGGGGG")).toBeNull();
        expect((await s.listBoards()).map((x) => x.id)).not.toContain(gone.id);
        await expect(s.appendUpdates(gone.id, [bytes(4)])).rejects.toThrow();
        expect(await s.getBoard(kept.id)).toEqual(kept);
        expect(summary(await s.loadHistory(kept.id))).toEqual(keptHistory);
        expect(await s.listSnapshots(kept.id)).toEqual([{ id: "s1", name: "One", takenAt: 5 }]);
        expect(await s.getJoinCode("KKKKKK")).not.toBeNull();
      };
      await check(store);
      await store.close();
      const again = await reopen();
      await check(again);
      expect(await again.appendUpdates(kept.id, [bytes(5)])).toBe(4);
      await again.close();
    });

    seatContractCases(open);

    it("refuses work after close", async () => {
      const { store } = await open();
      await store.close();
      await expect(store.getBoard("x")).rejects.toThrow();
      await expect(store.getSeat("x", "ann")).rejects.toThrow();
      await expect(store.addSeat({ boardId: "x", participantId: "ann", seatHash: "1".repeat(64), createdAt: 1 })).rejects.toThrow();
    });
  });
}
