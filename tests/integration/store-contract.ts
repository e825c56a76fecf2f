import { describe, expect, it } from "vitest";
import type { BoardRecord, DocStore } from "../../server/storage/types";

const bytes = (...xs: number[]) => new Uint8Array(xs);
let counter = 0;
const board = (over: Partial<BoardRecord> = {}): BoardRecord => ({
  id: `board${Date.now().toString(36)}${(counter++).toString(36)}`,
  createdAt: 1_700_000_000_000 + counter,
  keyHashes: { facilitator: "a".repeat(64), participant: "b".repeat(64), viewer: "c".repeat(64) },
  ...over,
});

/**
 * What every DocStore adapter must do. Run it with a factory that returns a
 * fresh, empty store and a way to reopen it on the same data.
 */
export function storeContractSuite(name: string, open: () => Promise<{ store: DocStore; reopen: () => Promise<DocStore> }>) {
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
      await store.compact(b.id, bytes(7, 7), 3);
      await store.appendUpdates(b.id, [bytes(5)]);
      const doc = await store.loadDoc(b.id);
      expect(doc.updates.map((u) => [...u])).toEqual([[7, 7], [3], [5]]);
      expect(doc.lastSeq).toBe(5);
      await store.close();
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

    it("refuses work after close", async () => {
      const { store } = await open();
      await store.close();
      await expect(store.getBoard("x")).rejects.toThrow();
    });
  });
}
