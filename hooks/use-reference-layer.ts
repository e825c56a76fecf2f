"use client";

import { useMemo, useState } from "react";
import { referenceCell } from "../lib/board/geometry";
import type { GridSize } from "../lib/board/grid";
import type { Cell, Item } from "../lib/board/schema";

/**
 * The reference layer: whether it is on (kept here, or by the page when it shares the switch with
 * other parts), and while it is, the items in each cell by their reference placement.
 */
export function useReferenceLayer(
  placed: Readonly<Record<string, Cell>>,
  items: readonly Item[],
  size: GridSize,
  shared?: { shown: boolean; onShownChange(shown: boolean): void },
) {
  const [ownShown, setOwnShown] = useState(false);
  const shown = shared?.shown ?? ownShown;
  const hasReference = Object.keys(placed).length > 0;
  const reference = hasReference && shown ? placed : null;
  const cells = useMemo(() => {
    if (!reference) return null;
    const byCell: Item[][][] = Array.from({ length: size.rows }, () => Array.from({ length: size.columns }, () => []));
    for (const item of items) {
      const ref = referenceCell(reference, item.id, { rows: size.rows, columns: size.columns });
      if (ref) byCell[ref.row]?.[ref.col]?.push(item);
    }
    return byCell;
  }, [reference, items, size.rows, size.columns]);
  return { hasReference, shown, setShown: shared?.onShownChange ?? setOwnShown, reference, cells };
}
