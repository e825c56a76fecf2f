import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "../../lib/api/schemas";
import { DEFAULT_META } from "../../lib/board/doc";
import { ALIGNMENT_GRID } from "../../lib/board/templates";
import { Timeline } from "../../lib/board/timeline";

const T0 = 1_770_919_200_000;
const empty = { items: [], placements: [], participants: [] };
const META = { ...DEFAULT_META, grid: ALIGNMENT_GRID }; // 3 × 3
const item = (id: string, at: number) => ({ at, kind: "item" as const, item: { id, text: id.toUpperCase(), createdBy: "p-ada", createdAt: at } });
const place = (item: string, participant: string, col: number, row: number, at: number): HistoryEvent => ({ at, kind: "place", item, participant, col, row });

describe("a board's timeline", () => {
  const events: HistoryEvent[] = [
    { at: T0, kind: "participant", participant: { id: "p-ada", name: "Ada", color: "#2563eb", joinedAt: T0 } },
    item("rlhf", T0 + 1),
    place("rlhf", "p-ada", 0.5, 0.5, T0 + 10),
    place("rlhf", "p-ada", 2.5, 1.5, T0 + 20),
    item("debate", T0 + 30),
    place("debate", "p-ada", 1.5, 2.5, T0 + 40),
    { at: T0 + 50, kind: "unplace", item: "rlhf", participant: "p-ada" },
    { at: T0 + 60, kind: "item-removed", item: "debate" },
  ];
  const timeline = new Timeline(empty, events, META);

  it("shows the board after any number of events", () => {
    expect(timeline.at(0)).toMatchObject({ items: [], placements: [], participants: [] });
    expect(timeline.at(3).placements).toEqual([{ item: "rlhf", participant: "p-ada", col: 0.5, row: 0.5, at: T0 + 10 }]);
    expect(timeline.at(4).placements).toEqual([{ item: "rlhf", participant: "p-ada", col: 2.5, row: 1.5, at: T0 + 20 }]);
    expect(timeline.at(6).placements.map((p) => p.item).sort()).toEqual(["debate", "rlhf"]);
    expect(timeline.at(7).placements.map((p) => p.item)).toEqual(["debate"]);
    const end = timeline.at(8);
    expect(end.items.map((i) => i.id)).toEqual(["rlhf"]);
    expect(end.placements).toEqual([]);
    // out of range reads as the nearest end
    expect(timeline.at(-5)).toEqual(timeline.at(0));
    expect(timeline.at(99)).toEqual(end);
  });

  it("shows the board as a snapshot does: nothing blind, locked or timed", () => {
    const t = new Timeline(empty, events, { ...META, blind: true, locked: true, timer: { endsAt: T0 } });
    expect(t.at(3).meta).toMatchObject({ blind: false, locked: false, timer: null, focus: null });
  });

  it("leaves out placements outside the grid the board ended with", () => {
    const t = new Timeline(empty, [item("rlhf", T0), place("rlhf", "p-ada", 4.5, 0.5, T0 + 1)], META);
    expect(t.at(2).placements).toEqual([]);
  });

  it("finds the moment for a time", () => {
    expect(timeline.countAt(T0 - 1)).toBe(0);
    expect(timeline.countAt(T0 + 20)).toBe(4);
    expect(timeline.countAt(T0 + 25)).toBe(4);
    expect(timeline.countAt(T0 + 1_000)).toBe(events.length);
  });

  it("gives the same board from checkpoints as from folding every event", () => {
    // A long session: many people moving many items, long enough to cross several checkpoints.
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const long: HistoryEvent[] = [item("a", T0), item("b", T0), item("c", T0)];
    for (let i = 0; i < 2_000; i++) {
      const it = ["a", "b", "c"][Math.floor(random() * 3)]!;
      const who = `p-${Math.floor(random() * 9)}`;
      long.push(random() < 0.1 ? { at: T0 + i, kind: "unplace", item: it, participant: who } : place(it, who, random() * 3, random() * 3, T0 + i));
    }
    const t = new Timeline(empty, long, META);
    const naive = (k: number) => {
      const m = new Map<string, unknown>();
      for (const e of long.slice(0, k)) {
        if (e.kind === "place") m.set(`${e.item}:${e.participant}`, { item: e.item, participant: e.participant, col: e.col, row: e.row, at: e.at });
        if (e.kind === "unplace") m.delete(`${e.item}:${e.participant}`);
      }
      return [...m.values()];
    };
    for (const k of [0, 1, 255, 256, 257, 700, 1_024, 1_999, long.length]) {
      const sort = (xs: unknown[]) => [...xs].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
      expect(sort(t.at(k).placements)).toEqual(sort(naive(k)));
    }
  });
});
