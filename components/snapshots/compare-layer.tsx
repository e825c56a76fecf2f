"use client";

import { useMemo, useRef, type CSSProperties } from "react";
import { percentOf } from "../../lib/board/geometry";
import type { GridPoint, GridSize } from "../../lib/board/grid";
import type { ItemChange } from "../../lib/snapshot/compare";
import { placeLabels, type LabelAnchor } from "./compare-labels";
import { useElementSize } from "../../hooks/use-element-size";

const at = (p: GridPoint, size: GridSize): CSSProperties => {
  const { left, top } = percentOf(p, size);
  return { left: `${left}%`, top: `${top}%` };
};

const ringStyle = (centre: GridPoint, spread: number, size: GridSize): CSSProperties => ({
  ...at(centre, size),
  width: `${((2 * spread) / size.columns) * 100}%`,
  height: `${((2 * spread) / size.rows) * 100}%`,
  transform: "translate(-50%, -50%)",
});

/** Label sizes for placing them before they are drawn: text-xs, semibold, px-1. */
const LABEL_HEIGHT = 18;
const labelWidth = (text: string) => Math.min(144, Math.ceil(text.length * 7 + 10));
/** Closer than this, the earlier centre's number would sit on the later one's: the later one's speaks for both. */
const SAME_PLACE_PX = 24;

interface Label {
  key: string;
  item: string;
  kind: "before" | "after";
  text: string;
}

/**
 * Where each item's group centre went between two snapshots: a line from the
 * earlier centre (hollow ◇) to the later one (filled ◆), each labelled with the
 * item's number (the key beside the grid and the table give the names). The
 * highlighted item also shows its name and both spread rings, so a ring that
 * shrank is a group that came together; rings are cut at the grid's edge, never
 * drawn over what is around it.
 */
export function CompareLayer({ changes, numbers, size, highlighted, fromName, onSelect, onHighlight }: {
  changes: ItemChange[];
  /** Each item's number, as the key and the table show it. */
  numbers: ReadonlyMap<string, number>;
  size: GridSize;
  highlighted: string | null;
  /** The earlier snapshot's short name, shown at the highlighted item's earlier centre. */
  fromName: string;
  onSelect(item: string): void;
  onHighlight(item: string | null): void;
}) {
  const drawingRef = useRef<HTMLDivElement>(null);
  const drawingSize = useElementSize(drawingRef);
  const focus = highlighted ? changes.find((c) => c.id === highlighted) : undefined;
  const dim = (id: string) => (highlighted && highlighted !== id ? "opacity-20" : "");

  const placed = useMemo(() => {
    const { width, height } = drawingSize;
    if (width === 0 || height === 0) return new Map<string, { left: number; top: number; label: Label }>();
    const point = (p: GridPoint) => ({ x: (p.col / size.columns) * width, y: (p.row / size.rows) * height });
    const labels: Array<Label & { anchor: { x: number; y: number } }> = [];
    for (const c of changes) {
      const n = String(numbers.get(c.id) ?? "");
      const active = c.id === highlighted;
      if (c.after) labels.push({ key: `after:${c.id}`, item: c.id, kind: "after", text: active ? `${n} ${c.text}` : n, anchor: point(c.after.centroid) });
      if (c.before) {
        const from = point(c.before.centroid);
        const to = c.after ? point(c.after.centroid) : null;
        const apart = !to || Math.hypot(from.x - to.x, from.y - to.y) >= SAME_PLACE_PX;
        if (active) labels.push({ key: `before:${c.id}`, item: c.id, kind: "before", text: fromName, anchor: from });
        else if (apart) labels.push({ key: `before:${c.id}`, item: c.id, kind: "before", text: n, anchor: from });
      }
    }
    // The highlighted item's labels choose first, then the later centres, then the earlier ones.
    const order = (l: Label) => (l.item === highlighted ? 0 : l.kind === "after" ? 1 : 2);
    labels.sort((a, b) => order(a) - order(b));
    const anchors: LabelAnchor[] = labels.map((l) => ({ key: l.key, ...l.anchor, width: labelWidth(l.text), height: LABEL_HEIGHT }));
    const markers = changes.flatMap((c) => [c.before, c.after].filter((s) => s !== null).map((s) => point(s.centroid)));
    const spots = placeLabels(anchors, markers, { width, height });
    return new Map(spots.map((s, i) => [s.key, { left: s.left, top: s.top, label: labels[i]! }]));
  }, [changes, numbers, highlighted, fromName, drawingSize, size.columns, size.rows]);

  return (
    <div ref={drawingRef} className="absolute inset-0">
      <div data-ring-clip className="absolute inset-0 overflow-hidden">
        {focus?.before && (
          <div data-ring-before={focus.id} className="absolute rounded-[50%] border-2 border-dashed border-slate-500/70" style={ringStyle(focus.before.centroid, focus.before.spread, size)} />
        )}
        {focus?.after && (
          <div
            data-ring-after={focus.id}
            className="absolute rounded-[50%] border-2 border-dashed border-indigo-600/80 bg-indigo-500/8"
            style={ringStyle(focus.after.centroid, focus.after.spread, size)}
          />
        )}
      </div>
      <svg className="absolute inset-0 size-full overflow-visible" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
        {changes.map((c) => {
          if (!c.before || !c.after) return null;
          const a = percentOf(c.before.centroid, size);
          const b = percentOf(c.after.centroid, size);
          return (
            <line
              key={c.id}
              data-move={c.id}
              x1={a.left}
              y1={a.top}
              x2={b.left}
              y2={b.top}
              className={dim(c.id)}
              stroke={highlighted === c.id ? "#4338ca" : "#334155"}
              strokeWidth={highlighted === c.id ? 3 : 2}
              strokeLinecap="round"
              vectorEffect="non-scaling-stroke"
            />
          );
        })}
      </svg>
      {changes.map((c) =>
        c.before ? (
          <span
            key={c.id}
            data-centroid-before={c.id}
            aria-hidden="true"
            className={`absolute block size-3 border-2 bg-white ${highlighted === c.id ? "z-20 border-indigo-700" : "border-slate-700"} ${dim(c.id)}`}
            style={{ ...at(c.before.centroid, size), transform: "translate(-50%, -50%) rotate(45deg)" }}
          />
        ) : null,
      )}
      {changes.map((c) =>
        c.after ? (
          <button
            key={c.id}
            type="button"
            tabIndex={-1}
            // The table names and selects every item; these are a shortcut for the pointer.
            aria-hidden="true"
            data-centroid-after={c.id}
            onClick={() => onSelect(c.id)}
            onPointerEnter={() => onHighlight(c.id)}
            onPointerLeave={() => onHighlight(null)}
            className={`pointer-events-auto absolute block size-5 cursor-pointer ${dim(c.id)} ${highlighted === c.id ? "z-20" : ""}`}
            style={{ ...at(c.after.centroid, size), transform: "translate(-50%, -50%)" }}
          >
            <span className={`m-auto block size-3 rotate-45 border-2 border-white shadow ${highlighted === c.id ? "bg-indigo-700" : "bg-slate-900"}`} />
          </button>
        ) : null,
      )}
      {[...placed.values()].map(({ left, top, label }) => {
        const active = label.item === highlighted;
        const style =
          label.kind === "after"
            ? active
              ? "bg-indigo-700 text-white"
              : "bg-slate-900 text-white"
            : active
              ? "bg-white text-indigo-900 ring-1 ring-indigo-700 ring-inset"
              : "bg-white text-slate-900 ring-1 ring-slate-600 ring-inset";
        return (
          <span
            key={label.key}
            data-centre-label={label.kind}
            data-item={label.item}
            aria-hidden="true"
            className={`absolute block max-w-[9rem] truncate rounded px-1 text-xs leading-[18px] font-semibold tabular-nums ${style} ${dim(label.item)} ${active ? "z-20" : "z-10"}`}
            style={{ left, top, height: LABEL_HEIGHT }}
          >
            {label.text}
          </span>
        );
      })}
    </div>
  );
}

/** The numbers of the items drawn on the grid (placed in either snapshot), in the comparison's order. */
export const itemNumbers = (changes: readonly ItemChange[]): ReadonlyMap<string, number> =>
  new Map(changes.filter((c) => c.before || c.after).map((c, i) => [c.id, i + 1]));

/** An item's number as the grid's later centres show it, for the key and the table. */
export function ItemNumber({ n }: { n: number }) {
  return (
    <span aria-hidden="true" className="inline-flex h-[18px] min-w-[18px] shrink-0 items-center justify-center rounded bg-slate-900 px-1 text-xs font-semibold text-white tabular-nums">
      {n}
    </span>
  );
}
