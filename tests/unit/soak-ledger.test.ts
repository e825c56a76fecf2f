import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { StoredState, docFromStore } from "../../bench/soak/ledger";

/** The soak's store check: it must see a missing insertion or a missing deletion, and accept a store that has everything. */
function author() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const placements = doc.getMap("placements");
  placements.set("a:p", { col: 0.5, row: 0.5 });
  placements.set("b:p", { col: 1.5, row: 0.5 });
  placements.set("a:p", { col: 1.2, row: 1.1 });
  placements.delete("b:p");
  return updates;
}

describe("soak ledger check", () => {
  it("accepts a store that holds every update, whole or merged", () => {
    const updates = author();
    const stored = new StoredState(docFromStore([Y.mergeUpdates(updates)]));
    expect(updates.every((u) => stored.holds(u))).toBe(true);
    expect(stored.absorbs(updates)).toBe(true);
  });

  it("finds an insertion the store lacks", () => {
    const updates = author();
    const stored = new StoredState(docFromStore(updates.slice(0, 1)));
    expect(updates.map((u) => stored.holds(u))).toEqual([true, false, false, false]);
    expect(stored.absorbs(updates)).toBe(false);
  });

  it("finds a deletion the store lacks", () => {
    const updates = author();
    const stored = new StoredState(docFromStore(updates.slice(0, 3)));
    expect(updates.map((u) => stored.holds(u))).toEqual([true, true, true, false]);
    expect(stored.absorbs(updates)).toBe(false);
  });

  it("finds an update missing from the middle of the log, though a later one was stored", () => {
    const updates = author();
    const stored = new StoredState(docFromStore([updates[0]!, updates[2]!]));
    expect(stored.holds(updates[1]!)).toBe(false);
    expect(stored.absorbs([updates[1]!])).toBe(false);
  });
});
