import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addItem, joinParticipant, placeItem } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
import { readBoard, type BoardState } from "../../lib/board/doc";
import type { Grid } from "../../lib/board/schema";
import { buildSnapshot } from "../../lib/snapshot/build";
import { parseSnapshot } from "../../lib/snapshot/parse";
import { snapshotToDoc } from "../../lib/board/restore";

// "__proto__" is a reserved id (IdSchema refuses it).
const idArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/).filter((id) => id !== "__proto__");
const textArb = (max: number) => fc.string({ minLength: 1, maxLength: max, unit: "grapheme-ascii" }).filter((s) => s.trim().length > 0);
const colorArb = fc.stringMatching(/^#[0-9a-f]{6}$/);
const epochArb = fc.integer({ min: 0, max: 4_102_444_800_000 }); // up to 2100

/** A coordinate in [0, size): borders and cell centres as well as arbitrary doubles; never -0, which JSON cannot carry. */
const coordArb = (size: number) =>
  fc
    .oneof(
      fc.integer({ min: 0, max: size - 1 }),
      fc.integer({ min: 0, max: size - 1 }).map((i) => i + 0.5),
      fc.double({ min: 0, max: size, maxExcluded: true, noNaN: true }),
    )
    .map((x) => x + 0);

interface BoardSpec {
  title: string;
  grid: Grid;
  participants: { id: string; name: string; color: string; joinedAt: number }[];
  items: { id: string; text: string; note: string | undefined; createdBy: number; createdAt: number }[];
  placements: { item: number; participant: number; col: number; row: number; at: number; reason: string | undefined }[];
}

const boardArb: fc.Arbitrary<BoardSpec> = fc
  .record({ rows: fc.integer({ min: 2, max: 5 }), columns: fc.integer({ min: 2, max: 5 }) })
  .chain(({ rows, columns }) =>
    fc.record({
      title: textArb(120),
      grid: fc.record({
        rows: fc.tuple(...Array.from({ length: rows }, (_, i) => fc.record({ id: fc.constant(`r${i}`), label: textArb(60) }))),
        columns: fc.tuple(
          ...Array.from({ length: columns }, (_, i) =>
            fc.record({ id: fc.constant(`c${i}`), label: textArb(60), hint: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }) }, { requiredKeys: ["id", "label"] }),
          ),
        ),
      }),
      participants: fc.uniqueArray(fc.record({ id: idArb, name: textArb(60), color: colorArb, joinedAt: epochArb }), {
        selector: (p) => p.id,
        minLength: 1,
        maxLength: 8,
      }),
      items: fc.uniqueArray(
        fc.record({
          id: idArb,
          text: textArb(200),
          note: fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
          createdBy: fc.nat(),
          createdAt: epochArb,
        }),
        { selector: (i) => i.id, maxLength: 8 },
      ),
      placements: fc.array(
        fc.record({
          item: fc.nat(),
          participant: fc.nat(),
          col: coordArb(columns),
          row: coordArb(rows),
          at: epochArb,
          reason: fc.option(fc.string({ maxLength: 280 }), { nil: undefined }),
        }),
        { maxLength: 40, size: "+1" },
      ),
    }),
  );

function makeBoard(spec: BoardSpec): Y.Doc {
  const doc = new Y.Doc();
  createBoard(doc, { title: spec.title, template: "blank", grid: spec.grid });
  for (const p of spec.participants) joinParticipant(doc, p);
  for (const item of spec.items) {
    const createdBy = spec.participants[item.createdBy % spec.participants.length]!.id;
    addItem(doc, { id: item.id, text: item.text, ...(item.note === undefined ? {} : { note: item.note }), createdBy, createdAt: item.createdAt });
  }
  if (spec.items.length > 0) {
    for (const p of spec.placements) {
      const item = spec.items[p.item % spec.items.length]!.id;
      const participant = spec.participants[p.participant % spec.participants.length]!.id;
      // a later placement by the same person replaces the earlier one, as a drag would
      placeItem(doc, { item, participant, col: p.col, row: p.row, at: p.at, ...(p.reason === undefined ? {} : { reason: p.reason }) }, spec.grid);
    }
  }
  return doc;
}

const sortedPlacements = (s: BoardState) =>
  [...s.placements].sort((a, b) => (`${a.item}:${a.participant}` < `${b.item}:${b.participant}` ? -1 : 1));

describe("snapshot round trip (property)", () => {
  it("build → JSON → parse → restore → build keeps board content and statistics", () => {
    fc.assert(
      fc.property(boardArb, (spec) => {
        const before = readBoard(makeBoard(spec));
        expect(before.invalid).toEqual({ meta: 0, items: 0, placements: 0, participants: 0 });

        const first = buildSnapshot("prop-board", before, new Date("2026-01-01T00:00:00Z"));
        const parsed = parseSnapshot(JSON.parse(JSON.stringify(first)));
        if (!parsed.ok) throw new Error(`own snapshot rejected at ${parsed.path}: ${parsed.message}`);

        const after = readBoard(snapshotToDoc(parsed.snapshot));
        expect(after.invalid).toEqual({ meta: 0, items: 0, placements: 0, participants: 0 });
        expect(after.meta.title).toBe(before.meta.title);
        expect(after.meta.grid).toEqual(before.meta.grid);
        expect(after.items).toEqual(before.items);
        expect(after.participants).toEqual(before.participants);
        expect(sortedPlacements(after)).toEqual(sortedPlacements(before));

        const second = buildSnapshot("prop-board", after, new Date("2027-06-30T12:00:00Z"));
        const { exportedAt: _a, ...firstRest } = first;
        const { exportedAt: _b, ...secondRest } = second;
        expect(secondRest).toEqual(firstRest);
      }),
      { numRuns: 150 },
    );
    // 150 random boards take a few seconds on a busy 2-core machine.
  }, 60_000);
});
