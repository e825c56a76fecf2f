import { createElement, useMemo, type ReactNode } from "react";
import type { GridSize } from "../../lib/board/grid";
import { overviewSummary, overviewTile, tileBox, type OverviewEntry } from "../../lib/snapshot/overview-tile";
import type { SvgNode } from "../../lib/snapshot/svg-node";

/** A file's attribute name as React spells it: "stroke-width" → strokeWidth, "class" → className; data- and aria- stay. */
const reactName = (name: string) =>
  name === "class" ? "className" : /^(data|aria)-/.test(name) ? name : name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The drawing tree as React elements: text stays text, never markup. */
function render(node: SvgNode): ReactNode {
  if (typeof node === "string") return node;
  const props: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(node.attrs)) props[reactName(name)] = value;
  return createElement(node.tag, props, ...(node.children ?? []).map(render));
}

interface OverviewTileProps {
  entry: OverviewEntry;
  size: GridSize;
  colorOf(participant: string): string;
  /** A blind round: the grid without anyone's placements. */
  hidden?: boolean;
  className?: string;
}

/** One item's small grid (lib/snapshot/overview-tile.ts), the same drawing the exported overview holds. */
export function OverviewTile({ entry, size, colorOf, hidden = false, className = "" }: OverviewTileProps) {
  const tree = useMemo(() => overviewTile(entry, size, colorOf, hidden), [entry, size, colorOf, hidden]);
  const box = tileBox(size);
  return (
    <svg
      role="img"
      aria-label={overviewSummary(entry, hidden)}
      viewBox={`${box.x} ${box.y} ${box.width} ${box.height}`}
      className={className}
      fontFamily="inherit"
    >
      {render(tree)}
    </svg>
  );
}
