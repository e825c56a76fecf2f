import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DocStore } from "../../server/storage/types";
import { board, bytes } from "./store-contract";

/** Every update a Y.Doc emits, in order, from a fresh doc whose first is the board's initial state. */
function recordedDoc() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const set = (key: string) => doc.getMap("m").set(key, key);
  return { doc, updates, set };
}

/** Applies a stored log to a fresh doc: what a node loading the board would hold. */
const docFrom = (log: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of log) Y.applyUpdate(doc, u);
  return doc;
};
const keysOf = (log: Uint8Array[]) => [...docFrom(log).getMap("m").keys()].sort();

/**
 * What a DocStore shared by several server processes must do. `openNode` opens one more store
 * instance on the same database, as another node would.
 */
export function sharedStoreSuite(name: string, openNode: () => Promise<DocStore>) {
  describe(`DocStore shared by several nodes: ${name}`, () => {
    it("gives two nodes appending to the same boards at once distinct, gap-free sequence numbers", async () => {
      const nodes = await Promise.all([openNode(), openNode()]);
      const [first, second] = [board(), board()];
      await nodes[0].createBoard(first, bytes(0));
      await nodes[1].createBoard(second, bytes(0));
      // What each board should hold at each sequence number, from what the appends resolved with.
      const expected = new Map<string, Map<number, number[]>>([first.id, second.id].map((id) => [id, new Map([[1, [0]]])]));
      const record = (boardId: string, updates: Uint8Array[], lastSeq: number) =>
        updates.forEach((u, i) => expected.get(boardId)!.set(lastSeq - updates.length + 1 + i, [...u]));

      const work = nodes.flatMap((node, n) =>
        Array.from({ length: 30 }, async (_, i) => {
          if (i % 3 === 0) {
            // Batches over both boards, listed in opposite orders by the two nodes.
            const entries = [
              { boardId: first.id, updates: [bytes(n, i, 0), bytes(n, i, 1)] },
              { boardId: second.id, updates: [bytes(n, i, 2)] },
            ];
            if (n === 1) entries.reverse();
            const seqs = await node.appendBatch(entries);
            entries.forEach((e, k) => record(e.boardId, e.updates, seqs[k]!));
          } else {
            const target = i % 2 === 0 ? first : second;
            const updates = [bytes(n, i, 3)];
            record(target.id, updates, await node.appendUpdates(target.id, updates));
          }
        }),
      );
      await Promise.all(work);

      for (const id of [first.id, second.id]) {
        const seqs = [...expected.get(id)!.keys()].sort((x, y) => x - y);
        expect(seqs).toEqual(seqs.map((_, i) => i + 1));
        for (const node of nodes) {
          const doc = await node.loadDoc(id);
          expect(doc.lastSeq).toBe(seqs.length);
          expect(doc.updates.map((u) => [...u])).toEqual(seqs.map((s) => expected.get(id)!.get(s)));
        }
      }
      await Promise.all(nodes.map((n) => n.close()));
    });

    it("lets two nodes compact one board at once, amid appends, and leaves a complete, loadable log", async () => {
      const nodes = await Promise.all([openNode(), openNode()]);
      const writer = recordedDoc();
      const b = board();
      await nodes[0].createBoard(b, Y.encodeStateAsUpdate(writer.doc));
      for (let i = 0; i < 20; i++) writer.set(`k${i}`);
      expect(await nodes[0].appendUpdates(b.id, writer.updates.splice(0))).toBe(21);
      const through21 = Y.encodeStateAsUpdate(writer.doc);

      // Both compact through 21 while both append ten more.
      for (let i = 20; i < 30; i++) writer.set(`k${i}`);
      const later = writer.updates.splice(0);
      const [compacted] = await Promise.all([
        Promise.all(nodes.map((n) => n.compact(b.id, through21, 21))),
        ...later.map((u, i) => nodes[i % 2]!.appendUpdates(b.id, [u])),
      ]);
      // They took turns: the second found the work done.
      expect(compacted.filter(Boolean)).toHaveLength(1);

      const all = Array.from({ length: 30 }, (_, i) => `k${i}`).sort();
      for (const node of nodes) {
        const doc = await node.loadDoc(b.id);
        expect(doc.lastSeq).toBe(31);
        expect(keysOf(doc.updates)).toEqual(all);
        expect((await node.loadHistory(b.id)).map((e) => e.seq)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
      }

      // Compactions through different points at once: whichever order they run in, nothing is lost.
      const logNow = await nodes[0].loadDoc(b.id);
      const through26 = Y.encodeStateAsUpdate(docFrom(logNow.updates.slice(0, 6)));
      const through31 = Y.encodeStateAsUpdate(docFrom(logNow.updates));
      const results = await Promise.all([nodes[0].compact(b.id, through31, 31), nodes[1].compact(b.id, through26, 26)]);
      expect(results[0]).toBe(true);
      const final = await nodes[1].loadDoc(b.id);
      expect(final.updates).toHaveLength(1);
      expect(keysOf(final.updates)).toEqual(all);
      expect(await nodes[1].loadUpdatesSince(b.id, 31)).toEqual([]);
      expect(await nodes[1].loadUpdatesSince(b.id, 26)).toBeNull();
      await Promise.all(nodes.map((n) => n.close()));
    });

    it("lets two nodes prune at once, amid appends, and keeps one folded state that still gives the board", async () => {
      const nodes = await Promise.all([openNode(), openNode()]);
      const b = board();
      const { doc, updates, set } = recordedDoc();
      set("k0");
      await nodes[0].createBoard(b, updates[0]!);
      for (let i = 1; i <= 20; i++) set(`k${i}`);
      await nodes[1].appendUpdates(b.id, updates.slice(1));
      await nodes[0].compact(b.id, Y.encodeStateAsUpdate(doc), 21);
      const horizon = Date.now() + 1;
      while (Date.now() <= horizon) await new Promise((r) => setTimeout(r, 1));

      for (let i = 21; i <= 25; i++) set(`k${i}`);
      await Promise.all([
        nodes[0].pruneHistory(horizon),
        nodes[1].pruneHistory(horizon),
        nodes[0].appendUpdates(b.id, updates.slice(21, 23)),
        nodes[1].appendUpdates(b.id, updates.slice(23)),
      ]);
      const history = await nodes[1].loadHistory(b.id);
      expect(history.filter((e) => e.folded).map((e) => [e.seq, e.at])).toEqual([[21, horizon]]);
      expect(history[0]!.folded).toBe(true);
      expect(history.slice(1).map((e) => e.seq)).toEqual([22, 23, 24, 25, 26]);
      expect(keysOf(history.map((e) => e.update))).toEqual(keysOf(updates));
      expect(await nodes[0].pruneHistory(horizon)).toBe(0);
      await Promise.all(nodes.map((n) => n.close()));
    });

    it("lets a node catch up on another node's appends", async () => {
      const [writer, reader] = await Promise.all([openNode(), openNode()]);
      const b = board();
      await writer.createBoard(b, bytes(0));
      const { lastSeq } = await reader.loadDoc(b.id);
      await writer.appendUpdates(b.id, [bytes(1)]);
      await writer.appendBatch([{ boardId: b.id, updates: [bytes(2), bytes(3)] }]);
      expect((await reader.loadUpdatesSince(b.id, lastSeq))?.map((e) => [e.seq, [...e.update]])).toEqual([
        [2, [1]],
        [3, [2]],
        [4, [3]],
      ]);
      await Promise.all([writer.close(), reader.close()]);
    });
  });
}

