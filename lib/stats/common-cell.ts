import type { GridPoint, GridSize } from "../board/grid";
import type { Cell } from "../board/schema";
import { percent } from "./format";
import { cellCounts } from "./index";

/*
 * The contract's `modalCell` breaks ties by row-major order, so on its own it
 * names a "most common" cell when three people chose three different cells.
 * What a person reads instead comes from here, so the board's list, its item
 * panel and the Markdown report say the same thing.
 */
export type CommonCell =
  /** One cell holds more placements than any other (or the only placement). */
  | { kind: "cell"; cell: Cell; count: number; share: number }
  /** Several cells hold the most; `even` when those cells hold every placement between them. */
  | { kind: "tie"; cells: Cell[]; count: number; share: number; even: boolean }
  /** Two or more placements and no cell holds more than one of them. */
  | { kind: "none"; n: number };

/** Where the group put an item most, or that it did not agree on a cell; null when nobody placed it. */
export function commonCell(points: readonly GridPoint[], size: GridSize): CommonCell | null {
  const n = points.length;
  if (n === 0) return null;
  const counts = cellCounts(points, size);
  const top = Math.max(...counts);
  if (n >= 2 && top === 1) return { kind: "none", n };
  const cells = counts.flatMap((count, i) => (count === top ? [{ row: Math.floor(i / size.columns), col: i % size.columns }] : []));
  const share = top / n;
  if (cells.length === 1) return { kind: "cell", cell: cells[0]!, count: top, share };
  return { kind: "tie", cells, count: top, share, even: cells.length * top === n };
}

/** "A and B", "A; B and C": cell names hold commas of their own ("Engineering, Worst-case"). */
export function joinCellNames(names: readonly string[]): string {
  return names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join("; ")} and ${names.at(-1)}`;
}

/**
 * The common cell in words: "Engineering, RLHF (67 %)", "split evenly between A and B",
 * "tied between A and B (40 % each)" or "no common cell". Only the first names a cell on
 * its own, so a caller may label it ("common cell: …"); the others read as they are.
 */
export function describeCommonCell(common: CommonCell, nameOf: (cell: Cell) => string): string {
  switch (common.kind) {
    case "cell":
      return `${nameOf(common.cell)} (${percent(common.share)})`;
    case "tie": {
      const names = joinCellNames(common.cells.map(nameOf));
      return common.even ? `split evenly between ${names}` : `tied between ${names} (${percent(common.share)} each)`;
    }
    case "none":
      return "no common cell";
  }
}
