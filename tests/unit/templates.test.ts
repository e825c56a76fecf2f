import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { setGoal } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
import { readBoard, roots } from "../../lib/board/doc";
import { cellOf, goalPoint, sizeOf } from "../../lib/board/grid";
import { GridSchema, TEMPLATE_NAMES, type Grid, type TemplateName } from "../../lib/board/schema";
import { DEFAULT_BLANK_GRID, TEMPLATE_LABEL, TEMPLATES } from "../../lib/board/templates";

const T0 = 1_767_225_600_000;

/** The labels of the cell at a template's goal corner: "<row label> / <column label>". */
function goalCell(name: TemplateName): string {
  const { grid, goal } = TEMPLATES[name];
  const size = sizeOf(grid);
  const cell = cellOf(goalPoint(goal!, size), size);
  return `${grid.rows[cell.row]!.label} / ${grid.columns[cell.col]!.label}`;
}

const boardFrom = (template: TemplateName, grid?: Grid) => {
  const doc = new Y.Doc();
  createBoard(doc, { title: "Quarterly planning", template, ...(grid ? { grid } : {}), createdAt: T0 });
  return doc;
};

describe("templates", () => {
  it("are exactly the names the board format and the API accept, each with a label and a one-sentence description", () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([...TEMPLATE_NAMES].sort());
    for (const name of TEMPLATE_NAMES) {
      const t = TEMPLATES[name];
      expect(TEMPLATE_LABEL[name]).toBe(t.label);
      expect(t.description).toMatch(/^[A-Z].*\.$/);
      expect(t.description.split(/\.\s/)).toHaveLength(1);
      expect(() => GridSchema.parse(t.grid)).not.toThrow();
    }
  });

  it("give every axis of a prioritisation grid a short hint", () => {
    for (const name of TEMPLATE_NAMES.filter((n) => n !== "blank")) {
      for (const axis of [...TEMPLATES[name].grid.rows, ...TEMPLATES[name].grid.columns]) {
        expect(axis.hint, `${name}: ${axis.label}`).toBeTruthy();
        expect(axis.hint!.length, `${name}: ${axis.label}`).toBeLessThanOrEqual(90);
      }
    }
  });

  it("aim each goal corner at the cell the matrix is about", () => {
    expect(TEMPLATES.alignment.goal).toBe("bottom-right");
    expect(goalCell("impact-effort")).toBe("High impact / Low effort");
    expect(goalCell("impact-effort-3x3")).toBe("High impact / Low effort");
    expect(goalCell("urgent-important")).toBe("Important / Urgent");
    expect(goalCell("risk-3x3")).toBe("Severe impact / Likely");
    expect(goalCell("risk-5x5")).toBe("Catastrophic / Almost certain");
    expect(goalCell("value-confidence")).toBe("High value / High confidence");
    expect(TEMPLATES.blank).toMatchObject({ grid: DEFAULT_BLANK_GRID, goal: null });
  });

  it("have the sizes their names say", () => {
    const sizes = Object.fromEntries(TEMPLATE_NAMES.map((n) => [n, `${TEMPLATES[n].grid.columns.length}x${TEMPLATES[n].grid.rows.length}`]));
    expect(sizes).toMatchObject({ "impact-effort": "2x2", "impact-effort-3x3": "3x3", "urgent-important": "2x2", "risk-3x3": "3x3", "risk-5x5": "5x5" });
  });
});

describe("a board's goal corner", () => {
  it.each(TEMPLATE_NAMES)("a board made from %s holds its template's grid and goal", (name) => {
    const board = readBoard(boardFrom(name));
    expect(board.meta.template).toBe(name);
    expect(board.meta.grid).toEqual(TEMPLATES[name].grid);
    expect(board.meta.goal).toBe(TEMPLATES[name].goal);
    expect(board.items).toHaveLength(TEMPLATES[name].starterItems?.length ?? 0);
  });

  it("a grid of one's own replaces the template's grid but keeps its goal", () => {
    const board = readBoard(boardFrom("risk-3x3", DEFAULT_BLANK_GRID));
    expect(board.meta.grid).toEqual(DEFAULT_BLANK_GRID);
    expect(board.meta.goal).toBe("top-right");
  });

  it("the facilitator sets and clears it; a value that is not a corner is refused before it is written", () => {
    const doc = boardFrom("blank");
    setGoal(doc, "bottom-left");
    expect(readBoard(doc).meta.goal).toBe("bottom-left");
    setGoal(doc, null);
    expect(readBoard(doc).meta.goal).toBeNull();
    expect(() => setGoal(doc, "middle" as never)).toThrow();
    expect(roots(doc).meta.get("goal")).toBeNull();
  });

  it("reads as null when absent, and as null counted as invalid when it is not a corner", () => {
    const doc = boardFrom("impact-effort");
    roots(doc).meta.delete("goal");
    expect(readBoard(doc).meta.goal).toBeNull();
    expect(readBoard(doc).invalid.meta).toBe(0);
    for (const bad of ["middle", 3, { corner: "top-left" }, "Top-Left"]) {
      roots(doc).meta.set("goal", bad);
      const board = readBoard(doc);
      expect(board.meta.goal).toBeNull();
      expect(board.invalid.meta).toBe(1);
    }
  });
});
