import type { BoardState } from "../lib/board/doc";
import type { Item } from "../lib/board/schema";

export interface CellSummary {
  row: number;
  col: number;
  /** Items with at least one placement in this cell. */
  placedItems: Item[];
  placements: number;
  /** Items whose reference placement (the template author's) is this cell. */
  references: Item[];
}

export interface ItemSummary {
  item: Item;
  placements: number;
  reference: { row: number; col: number } | null;
}

export interface BoardSummary {
  cells: CellSummary[][];
  items: ItemSummary[];
}

export function summarizeBoard(board: BoardState): BoardSummary {
  const rows = board.meta.grid.rows.length;
  const cols = board.meta.grid.columns.length;
  const byId = new Map(board.items.map((item) => [item.id, item]));
  const cells: CellSummary[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: cols }, (_, col) => ({ row, col, placedItems: [], placements: 0, references: [] })),
  );
  const placedIn = new Map<CellSummary, Set<string>>();
  const perItem = new Map<string, number>();

  for (const p of board.placements) {
    // readBoard has already dropped placements outside the grid; floor maps continuous coordinates to a cell.
    const cell = cells[Math.floor(p.row)]?.[Math.floor(p.col)];
    const item = byId.get(p.item);
    if (!cell || !item) continue;
    cell.placements++;
    perItem.set(item.id, (perItem.get(item.id) ?? 0) + 1);
    const seen = placedIn.get(cell) ?? new Set<string>();
    if (!seen.has(item.id)) {
      seen.add(item.id);
      cell.placedItems.push(item);
    }
    placedIn.set(cell, seen);
  }

  const items: ItemSummary[] = board.items.map((item) => {
    const ref = board.meta.reference[item.id];
    const cell = ref ? cells[ref.row]?.[ref.col] : undefined;
    if (cell) cell.references.push(item);
    return { item, placements: perItem.get(item.id) ?? 0, reference: cell ? { row: cell.row, col: cell.col } : null };
  });

  return { cells, items };
}
