import * as Y from "yjs";
import { addItem, deleteItem, joinParticipant, placeItem } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
import { readBoard } from "../../lib/board/doc";
import { ALIGNMENT_GRID } from "../../lib/board/templates";

export const T0 = 1_770_919_200_000; // 2026-02-12T18:00:00Z
export const EXPORTED_AT = new Date("2026-02-12T18:45:00.000Z");
export const BOARD_ID = "Vq7nR2xK9pLmT4wZ8cYbHd";

export const TRICKY_TEXT = {
  csv: 'Ships, "fast"\nor not',
  formula: '=HYPERLINK("http://evil.example","click")',
  markup: "<img src=x onerror=alert(1)> | pipe",
};

/**
 * An alignment-grid session: three people, placements chosen so the
 * ranking is unambiguous (rlhf > scaling > ai-control > unplaced ones).
 */
export function sampleBoard(): Y.Doc {
  const doc = new Y.Doc();
  createBoard(doc, { title: "Alignment reading group — week 3", template: "alignment", createdAt: T0 - 3_600_000 });
  // fewer starters keeps the reports short enough to read in a failure message
  for (const id of ["adversarial-robustness", "optimization-science", "scalable-oversight", "concept-interpretability", "mechanistic-interpretability", "agent-foundations"]) {
    deleteItem(doc, id);
  }
  joinParticipant(doc, { id: "p-ada", name: "Ada Lovelace", color: "#2563eb", joinedAt: T0 });
  joinParticipant(doc, { id: "p-ben", name: "Ben", color: "#db2777", joinedAt: T0 + 30_000 });
  joinParticipant(doc, { id: "p-chen", name: "Chen Wei", color: "#059669", joinedAt: T0 + 60_000 });
  addItem(doc, { id: "debate", text: "AI safety via debate", createdBy: "p-ada", createdAt: T0 + 180_000 });
  addItem(doc, { id: "csv-trap", text: TRICKY_TEXT.csv, createdBy: "p-ben", createdAt: T0 + 181_000 });
  addItem(doc, { id: "formula", text: TRICKY_TEXT.formula, createdBy: "p-ben", createdAt: T0 + 182_000 });
  addItem(doc, { id: "markup", text: TRICKY_TEXT.markup, createdBy: "p-chen", createdAt: T0 + 183_000 });

  const place = (item: string, participant: string, col: number, row: number, dt: number) =>
    placeItem(doc, { item, participant, col, row, at: T0 + 300_000 + dt }, ALIGNMENT_GRID);
  place("scaling", "p-ada", 0.5, 0.5, 0);
  place("scaling", "p-ben", 0.5, 0.5, 12_000);
  place("scaling", "p-chen", 1.5, 0.5, 30_000);
  place("rlhf", "p-ada", 1.5, 0.5, 100_000);
  place("rlhf", "p-chen", 0.5, 2.5, 104_000);
  place("rlhf", "p-ben", 2.5, 1.5, 111_000);
  place("ai-control", "p-ben", 2.5, 1.5, 200_000);
  place("ai-control", "p-ada", 2.25, 1.75, 207_000);
  place("csv-trap", "p-ada", 1.0, 1.0, 300_000);
  place("formula", "p-chen", 0.2, 2.9, 310_000);
  place("markup", "p-ben", 2.9, 0.1, 320_000);
  return doc;
}

export const sampleState = () => readBoard(sampleBoard());
