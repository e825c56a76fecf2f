import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addItem, deleteItem, editItem, joinParticipant, placeItem, setMeta, unplaceItem } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
import { readBoard, roots } from "../../lib/board/doc";
import { ReplaySchema, type HistoryEvent } from "../../lib/api/schemas";
import { replayHistory, type HistoryInput } from "../../lib/board/history";
import { placementKey } from "../../lib/board/schema";
import { ALIGNMENT_GRID, DEFAULT_BLANK_GRID } from "../../lib/board/templates";

const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

/** A board document whose every update is recorded with the time the test sets. */
function recordedBoard(template: "alignment" | "blank" = "blank") {
  const doc = new Y.Doc();
  const log: HistoryInput[] = [];
  let now: number | null = T0;
  doc.on("update", (update: Uint8Array) => log.push({ at: now, update }));
  createBoard(doc, { title: "Replay", template, createdAt: T0 });
  return {
    doc,
    log,
    grid: template === "alignment" ? ALIGNMENT_GRID : DEFAULT_BLANK_GRID,
    /** Runs fn with updates stamped `at` (null: time unknown). */
    at(at: number | null, fn: () => void) {
      now = at;
      fn();
    },
  };
}

const item = (id: string, createdAt = T0) => ({ id, text: `Item ${id}`, createdBy: "ann", createdAt });
const person = (id: string, name: string, joinedAt = T0) => ({ id, name, color: "#2563eb", joinedAt });

/** The placements a list of events leaves on an empty board. */
function placedBy(events: readonly HistoryEvent[]) {
  const placed = new Map<string, { item: string; participant: string; col: number; row: number }>();
  for (const e of events) {
    if (e.kind === "place") placed.set(placementKey(e.item, e.participant), { item: e.item, participant: e.participant, col: e.col, row: e.row });
    if (e.kind === "unplace") placed.delete(placementKey(e.item, e.participant));
  }
  return [...placed.values()];
}

describe("replayHistory", () => {
  it("turns places, moves, unplaces and item deletions into timed events", () => {
    const b = recordedBoard();
    b.at(T0 + 10, () => {
      addItem(b.doc, item("a"));
      addItem(b.doc, item("b"));
    });
    b.at(T0 + 20, () => joinParticipant(b.doc, person("ann", "Ann")));
    b.at(T0 + 1000, () => placeItem(b.doc, { item: "a", participant: "ann", col: 0.5, row: 0.5 }, b.grid));
    b.at(T0 + 5000, () => placeItem(b.doc, { item: "a", participant: "ann", col: 1.5, row: 0.25 }, b.grid));
    b.at(T0 + 6000, () => placeItem(b.doc, { item: "b", participant: "ann", col: 1.75, row: 1.5 }, b.grid));
    b.at(T0 + 7000, () => unplaceItem(b.doc, "a", "ann"));
    b.at(T0 + 8000, () => deleteItem(b.doc, "b"));

    const replay = replayHistory(b.log);
    expect(replay.events).toEqual([
      { at: T0 + 10, kind: "item", item: item("a") },
      { at: T0 + 10, kind: "item", item: item("b") },
      { at: T0 + 20, kind: "participant", participant: person("ann", "Ann") },
      { at: T0 + 1000, kind: "place", item: "a", participant: "ann", col: 0.5, row: 0.5 },
      { at: T0 + 5000, kind: "place", item: "a", participant: "ann", col: 1.5, row: 0.25 },
      { at: T0 + 6000, kind: "place", item: "b", participant: "ann", col: 1.75, row: 1.5 },
      { at: T0 + 7000, kind: "unplace", item: "a", participant: "ann" },
      { at: T0 + 8000, kind: "unplace", item: "b", participant: "ann" },
      { at: T0 + 8000, kind: "item-removed", item: "b" },
    ]);
    expect(replay).toMatchObject({ dropped: 0, skipped: 0, start: { items: [], placements: [], participants: [] } });
    expect(ReplaySchema.parse(JSON.parse(JSON.stringify(replay)))).toEqual(replay);
  });

  it("starts from a folded state (pruned history) with what it holds, and replays only what came after", () => {
    const b = recordedBoard();
    b.at(T0 + 10, () => addItem(b.doc, item("a")));
    b.at(T0 + 20, () => joinParticipant(b.doc, person("ann", "Ann")));
    b.at(T0 + 1000, () => placeItem(b.doc, { item: "a", participant: "ann", col: 0.5, row: 0.5 }, b.grid));
    const old = b.log.splice(0);
    b.at(T0 + 9000, () => placeItem(b.doc, { item: "a", participant: "ann", col: 1.5, row: 1.5 }, b.grid));
    // What pruning leaves: the old entries folded into one state, stamped with the horizon.
    const folded = new Y.Doc();
    for (const entry of old) Y.applyUpdate(folded, entry.update);
    const horizon = T0 + 5000;
    const replay = replayHistory([{ at: horizon, update: Y.encodeStateAsUpdate(folded), folded: true }, ...b.log]);

    expect(replay.prunedBefore).toBe(horizon);
    expect(replay.dropped).toBe(0);
    expect(replay.start.items).toEqual([item("a")]);
    expect(replay.start.participants).toEqual([person("ann", "Ann")]);
    expect(replay.start.placements).toMatchObject([{ item: "a", participant: "ann", col: 0.5, row: 0.5 }]);
    expect(replay.events).toEqual([{ at: T0 + 9000, kind: "place", item: "a", participant: "ann", col: 1.5, row: 1.5 }]);
    expect(replay.final).toEqual(replayHistory([...old, ...b.log]).final);
    expect(replayHistory([...old, ...b.log]).prunedBefore).toBeNull();
  });

  it("starts with the template's items at the board's creation", () => {
    const b = recordedBoard("alignment");
    const replay = replayHistory(b.log);
    expect(replay.events.map((e) => e.kind)).toEqual(Array(9).fill("item"));
    expect(replay.events.every((e) => e.at === T0)).toBe(true);
  });

  it("coalesces a drag into one event where it ended, per placement", () => {
    const b = recordedBoard();
    b.at(T0, () => {
      addItem(b.doc, item("a"));
      addItem(b.doc, item("b"));
    });
    // Two people drag at once: each drag moves in steps under 250 ms apart.
    for (let step = 0; step <= 10; step++) {
      b.at(T0 + 1000 + step * 200, () => placeItem(b.doc, { item: "a", participant: "ann", col: step * 0.1, row: 0.5 }, b.grid));
      b.at(T0 + 1050 + step * 200, () => placeItem(b.doc, { item: "a", participant: "bob", col: 1, row: step * 0.15 }, b.grid));
    }
    // A later, separate decision, and one just outside the window.
    b.at(T0 + 9000, () => placeItem(b.doc, { item: "a", participant: "ann", col: 0.1, row: 0.1 }, b.grid));
    b.at(T0 + 9251, () => placeItem(b.doc, { item: "a", participant: "ann", col: 0.2, row: 0.2 }, b.grid));

    const places = replayHistory(b.log).events.filter((e) => e.kind === "place");
    expect(places).toEqual([
      { at: T0 + 3000, kind: "place", item: "a", participant: "ann", col: 1, row: 0.5 },
      { at: T0 + 3050, kind: "place", item: "a", participant: "bob", col: 1, row: 1.5 },
      { at: T0 + 9000, kind: "place", item: "a", participant: "ann", col: 0.1, row: 0.1 },
      { at: T0 + 9251, kind: "place", item: "a", participant: "ann", col: 0.2, row: 0.2 },
    ]);
    expect(replayHistory(b.log, { coalesceMs: 0 }).events.filter((e) => e.kind === "place")).toHaveLength(24);
  });

  it("orders one update's changes so that nothing is placed before its item and person exist", () => {
    const b = recordedBoard();
    b.at(T0 + 5, () =>
      b.doc.transact(() => {
        const { items, placements, participants } = roots(b.doc);
        placements.set("a:ann", { item: "a", participant: "ann", col: 1, row: 1, at: T0 });
        items.set("a", item("a"));
        participants.set("ann", person("ann", "Ann"));
      }),
    );
    b.at(T0 + 6, () =>
      b.doc.transact(() => {
        roots(b.doc).items.delete("a");
        placeItem(b.doc, { item: "a", participant: "ann", col: 0, row: 0 }, b.grid);
      }),
    );
    expect(replayHistory(b.log).events.map((e) => [e.kind, e.at - T0])).toEqual([
      ["participant", 5],
      ["item", 5],
      ["place", 5],
      ["unplace", 6],
      ["item-removed", 6],
    ]);
  });

  it("does not coalesce a move into a placement that was taken back in between", () => {
    const b = recordedBoard();
    b.at(T0, () => addItem(b.doc, item("a")));
    b.at(T0 + 100, () => placeItem(b.doc, { item: "a", participant: "ann", col: 0.5, row: 0.5 }, b.grid));
    b.at(T0 + 150, () => unplaceItem(b.doc, "a", "ann"));
    b.at(T0 + 200, () => placeItem(b.doc, { item: "a", participant: "ann", col: 1.5, row: 1.5 }, b.grid));
    expect(replayHistory(b.log).events.slice(1).map((e) => [e.kind, e.at])).toEqual([
      ["place", T0 + 100],
      ["unplace", T0 + 150],
      ["place", T0 + 200],
    ]);
  });

  it("dates updates of unknown time by their own times, never going backwards or past the next known time", () => {
    const b = recordedBoard();
    b.at(null, () => {
      addItem(b.doc, item("a", T0 + 5));
      addItem(b.doc, item("b", T0 + 6));
      joinParticipant(b.doc, person("ann", "Ann", T0 + 7));
    });
    b.at(null, () => placeItem(b.doc, { item: "a", participant: "ann", col: 0.5, row: 0.5, at: T0 + 500 }, b.grid));
    // A client clock that runs slow: held at the previous event's time.
    b.at(null, () => placeItem(b.doc, { item: "b", participant: "ann", col: 0.5, row: 0.5, at: T0 + 100 }, b.grid));
    b.at(null, () => unplaceItem(b.doc, "b", "ann"));
    b.at(T0 + 2000, () => placeItem(b.doc, { item: "b", participant: "ann", col: 1.5, row: 0.5, at: T0 + 1990 }, b.grid));
    // A client clock far ahead: held at the next time the server recorded.
    b.at(null, () => placeItem(b.doc, { item: "a", participant: "ann", col: 1.5, row: 1.5, at: T0 + 99_999 }, b.grid));
    b.at(T0 + 3000, () => unplaceItem(b.doc, "a", "ann"));
    // The server's clock stepped back.
    b.at(T0 + 2500, () => unplaceItem(b.doc, "b", "ann"));

    const events = replayHistory(b.log).events;
    expect(events.map((e) => [e.kind, e.at - T0])).toEqual([
      ["item", 5],
      ["item", 6],
      ["participant", 7],
      ["place", 500],
      ["place", 500],
      ["unplace", 500],
      ["place", 2000],
      ["place", 3000],
      ["unplace", 3000],
      ["unplace", 3000],
    ]);
  });

  it("dates the createBoard entry of unknown time by the next known time when nothing carries a time", () => {
    const b = recordedBoard();
    b.log[0]!.at = null;
    b.at(null, () => setMeta(b.doc, "title", "Renamed"));
    b.at(null, () => roots(b.doc).placements.delete("nothing:here"));
    b.at(T0 + 40, () => addItem(b.doc, item("a", T0 - 1000)));
    expect(replayHistory(b.log).events).toEqual([{ at: T0 + 40, kind: "item", item: item("a", T0 - 1000) }]);
  });

  it("skips invalid values and unreadable updates without failing", () => {
    const b = recordedBoard();
    b.at(T0, () => {
      addItem(b.doc, item("a"));
      joinParticipant(b.doc, person("ann", "Ann"));
    });
    b.at(T0 + 100, () => placeItem(b.doc, { item: "a", participant: "ann", col: 0.5, row: 0.5 }, b.grid));
    b.at(T0 + 200, () => {
      const { items, placements, participants } = roots(b.doc);
      items.set("bad", { id: "bad" }); // no text
      items.set("other-key", item("mismatch"));
      participants.set("eve", { id: "eve", name: "<b>Eve</b>", color: "red", joinedAt: T0 });
      placements.set("a:bob", { item: "a", participant: "bob", col: -1, row: 0, at: T0 });
      placements.set("a:carl", { item: "a", participant: "carl", col: 99, row: 0, at: T0 }); // outside the grid
      placements.set("ghost:ann", { item: "ghost", participant: "ann", col: 0, row: 0, at: T0 }); // no such item
      placements.set("a:dan", { item: "a", participant: "eve", col: 0, row: 0, at: T0 }); // key mismatch
    });
    b.log.push({ at: T0 + 250, update: new Uint8Array([1, 2, 3, 250, 99]) });
    b.at(T0 + 300, () => roots(b.doc).placements.set("a:ann", "not a placement"));
    b.at(T0 + 400, () => placeItem(b.doc, { item: "a", participant: "ann", col: 1.5, row: 1.5 }, b.grid));

    const replay = replayHistory(b.log);
    expect(replay.events).toEqual([
      { at: T0, kind: "item", item: item("a") },
      { at: T0, kind: "participant", participant: person("ann", "Ann") },
      { at: T0 + 100, kind: "place", item: "a", participant: "ann", col: 0.5, row: 0.5 },
      // A value that turns invalid reads as taken back.
      { at: T0 + 300, kind: "unplace", item: "a", participant: "ann" },
      { at: T0 + 400, kind: "place", item: "a", participant: "ann", col: 1.5, row: 1.5 },
    ]);
    expect(replay.skipped).toBe(9);
    expect(replay.final.placements).toHaveLength(1);
  });

  it("checks each placement against the grid of its time", () => {
    const b = recordedBoard();
    b.at(T0, () => addItem(b.doc, item("a")));
    b.at(T0 + 1, () => roots(b.doc).placements.set("a:ann", { item: "a", participant: "ann", col: 3.5, row: 0, at: T0 }));
    const wider = { ...DEFAULT_BLANK_GRID, columns: [...DEFAULT_BLANK_GRID.columns, { id: "c-extra", label: "Extra" }, { id: "c-more", label: "More" }] };
    b.at(T0 + 2, () => setMeta(b.doc, "grid", wider));
    b.at(T0 + 3, () => placeItem(b.doc, { item: "a", participant: "ann", col: 3.5, row: 0 }, wider));
    const replay = replayHistory(b.log);
    expect(replay.skipped).toBe(1);
    expect(replay.events.filter((e) => e.kind === "place").map((e) => e.at)).toEqual([T0 + 3]);
    expect(replay.final.meta.grid).toEqual(wider);
  });

  it("ends with the board as readBoard reads it, and its events lead to the same placements", () => {
    const b = recordedBoard("alignment");
    const names = ["Ann", "Bob", "Chen", "Dee"];
    b.at(T0 + 1, () => names.forEach((n, i) => joinParticipant(b.doc, person(`p${i}`, n, T0 + i))));
    const items = readBoard(b.doc).items.map((i) => i.id);
    let t = T0 + 1000;
    for (let round = 0; round < 6; round++) {
      for (let k = 0; k < items.length; k++) {
        const participant = `p${(round + k) % names.length}`;
        const at = (t += 137);
        b.at(at, () => {
          if ((round * 7 + k) % 5 === 0) unplaceItem(b.doc, items[k]!, participant);
          else placeItem(b.doc, { item: items[k]!, participant, col: ((round + k) % 30) / 10, row: ((round * 3 + k) % 29) / 10, at }, b.grid);
        });
      }
    }
    b.at((t += 500), () => deleteItem(b.doc, items[0]!));
    b.at((t += 500), () => editItem(b.doc, items[1]!, { text: "Renamed item" }));
    b.at((t += 500), () => setMeta(b.doc, "title", "After the session"));

    const replay = replayHistory(b.log);
    const board = readBoard(b.doc);
    const { invalid: _invalid, ...expected } = board;
    expect(replay.final).toEqual(expected);
    const strip = (ps: ReadonlyArray<{ item: string; participant: string; col: number; row: number }>) =>
      ps.map(({ item, participant, col, row }) => ({ item, participant, col, row })).sort((x, y) => (placementKey(x.item, x.participant) < placementKey(y.item, y.participant) ? -1 : 1));
    expect(strip(placedBy(replay.events))).toEqual(strip(board.placements));
    expect(replay.events.at(-1)).toEqual({ at: t - 500, kind: "item", item: expect.objectContaining({ text: "Renamed item" }) });
    for (let i = 1; i < replay.events.length; i++) expect(replay.events[i]!.at).toBeGreaterThanOrEqual(replay.events[i - 1]!.at);
  });

  it("keeps the newest events under the limit and starts them from the state the dropped ones left", () => {
    const b = recordedBoard();
    b.at(T0, () => addItem(b.doc, item("a")));
    b.at(T0 + 1, () => joinParticipant(b.doc, person("ann", "Ann")));
    for (let i = 0; i < 5; i++) {
      b.at(T0 + 1000 * (i + 1), () => placeItem(b.doc, { item: "a", participant: i % 2 ? "ann" : "bob", col: i * 0.2, row: 0 }, b.grid));
    }
    const all = replayHistory(b.log);
    const capped = replayHistory(b.log, { maxEvents: 3 });
    expect(all.events).toHaveLength(7);
    expect(capped.dropped).toBe(4);
    expect(capped.events).toEqual(all.events.slice(4));
    expect(capped.start).toEqual({
      items: [item("a")],
      participants: [person("ann", "Ann")],
      placements: [
        { item: "a", participant: "bob", col: 0, row: 0, at: T0 + 1000 },
        { item: "a", participant: "ann", col: 0.2, row: 0, at: T0 + 2000 },
      ],
    });
    expect(capped.final).toEqual(all.final);
  });

  it("gives pseudonyms, never names, on an anonymous board", () => {
    const b = recordedBoard();
    b.at(T0, () => addItem(b.doc, item("a")));
    b.at(T0 + 1, () => joinParticipant(b.doc, person("ann", "Ann Secret", T0 + 1)));
    b.at(T0 + 2, () => joinParticipant(b.doc, person("bob", "Bob Hidden", T0 + 2)));
    b.at(T0 + 3, () => joinParticipant(b.doc, person("ann", "Ann Renamed", T0 + 1)));
    b.at(T0 + 4, () => roots(b.doc).participants.delete("bob"));
    b.at(T0 + 5, () => setMeta(b.doc, "anonymous", true));

    const replay = replayHistory(b.log);
    const text = JSON.stringify(replay);
    for (const secret of ["Secret", "Hidden", "Renamed"]) expect(text).not.toContain(secret);
    expect(replay.final.participants.map((p) => [p.id, p.name])).toEqual([["ann", "Participant 1"]]);
    expect(replay.events.flatMap((e) => (e.kind === "participant" ? [[e.participant.id, e.participant.name]] : []))).toEqual([
      ["ann", "Participant 1"],
      ["bob", "Participant 2"],
      ["ann", "Participant 1"],
    ]);
    expect(replayHistory(b.log, { maxEvents: 1 }).start.participants.map((p) => p.name)).toEqual(["Participant 1", "Participant 2"]);
  });

  it("replays an empty history to the default board", () => {
    const replay = replayHistory([]);
    expect(replay.events).toEqual([]);
    expect(replay.final.items).toEqual([]);
    expect(replay.final.meta.title).toBe("Untitled board");
  });
});
