import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createMetrics } from "../../server/metrics";
import { openSqliteStore } from "../../server/storage/sqlite";
import type { DocStore } from "../../server/storage/types";
import { TurnScheduler, type Outgoing, type TurnParticipant } from "../../server/sync/turns";
import { tempDir } from "./harness";

/** A room's part in a turn, reduced to what the scheduler sees: one update to store, and what became of it. */
function participant(boardId: string) {
  const doc = new Y.Doc();
  doc.getMap("items").set("x", { id: "x" });
  const outcome: { delivered: number | null; failed: unknown } = { delivered: null, failed: null };
  let taken = false;
  const p: TurnParticipant = {
    processInbox() {},
    takeOutgoing(): Outgoing | null {
      if (taken) return null;
      taken = true;
      return {
        boardId,
        updates: [Y.encodeStateAsUpdate(doc)],
        deliver: async (lastSeq) => void (outcome.delivered = lastSeq),
        fail: (err) => void (outcome.failed = err),
      };
    },
    fail: (err) => void (outcome.failed = err),
  };
  return { p, outcome };
}

describe("the store stage", () => {
  it("drops only the board whose write fails when several boards share a turn", async () => {
    const base = openSqliteStore({ dir: tempDir() });
    for (const id of ["good", "bad"]) {
      await base.createBoard({ id, createdAt: 1, keyHashes: { facilitator: "f", participant: "p", viewer: "v" } }, Y.encodeStateAsUpdate(new Y.Doc()));
    }
    // A store that cannot write one board (its row held too long elsewhere) while it writes the others.
    const store: DocStore = {
      ...base,
      async appendBatch(entries) {
        if (entries.some((e) => e.boardId === "bad")) throw new Error("lock timeout");
        return base.appendBatch(entries);
      },
    };
    const turns = new TurnScheduler(store, createMetrics());
    const good = participant("good");
    const bad = participant("bad");
    turns.schedule(good.p);
    turns.schedule(bad.p); // the same turn: one batch
    await turns.settle();
    expect(good.outcome).toEqual({ delivered: 2, failed: null });
    expect(bad.outcome.delivered).toBeNull();
    expect(String(bad.outcome.failed)).toContain("lock timeout");
    expect((await base.loadDoc("good")).lastSeq).toBe(2);
    await base.close();
  });
});
