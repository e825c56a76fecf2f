"use client";

import type { Grid } from "../../lib/board/schema";
import { describeCommonCell, type CommonCell } from "../../lib/stats/common-cell";
import { shapeWords } from "../../lib/stats/shape-words";
import type { ChangeSortKey, ItemChange, SortDirection } from "../../lib/snapshot/compare";
import { ItemNumber } from "./compare-layer";

export interface SortState {
  key: ChangeSortKey;
  direction: SortDirection;
}

const COLUMNS: Array<{ key: ChangeSortKey; label: string; numeric: boolean; first: SortDirection }> = [
  { key: "text", label: "Item", numeric: false, first: "ascending" },
  { key: "rankAfter", label: "Rank", numeric: true, first: "ascending" },
  { key: "move", label: "Centre moved", numeric: true, first: "descending" },
  { key: "spreadAfter", label: "Spread", numeric: true, first: "descending" },
  { key: "spreadChange", label: "Spread change", numeric: true, first: "ascending" },
];

const two = (x: number) => x.toFixed(2);
const cellLabel = (grid: Grid, cell: { row: number; col: number }) => `${grid.rows[cell.row]?.label ?? "?"} · ${grid.columns[cell.col]?.label ?? "?"}`;
const commonText = (grid: Grid, common: CommonCell | null) => (common ? describeCommonCell(common, (cell) => cellLabel(grid, cell)) : "not placed");

/** The comparison, one row per item, sortable by every column that has a value to sort by. */
export function CompareTable({ changes, numbers, sort, onSort, selected, onSelect, onHighlight, gridBefore, gridAfter, nameOf }: {
  changes: ItemChange[];
  /** Each item's number on the grid; items not drawn there have none. */
  numbers: ReadonlyMap<string, number>;
  sort: SortState;
  onSort(sort: SortState): void;
  selected: string | null;
  onSelect(item: string): void;
  onHighlight(item: string | null): void;
  gridBefore: Grid;
  gridAfter: Grid;
  /** A participant's name as the later snapshot (or else the earlier) lists it. */
  nameOf(participant: string): string;
}) {
  return (
    <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full min-w-[40rem] border-collapse text-sm">
        <caption className="sr-only">Per item: rank, how far the group’s centre moved and how its spread changed. Column headers sort the table.</caption>
        <thead className="bg-slate-50 text-left text-slate-700">
          <tr>
            {COLUMNS.map((col) => {
              const active = sort.key === col.key;
              const next: SortDirection = active ? (sort.direction === "ascending" ? "descending" : "ascending") : col.first;
              return (
                <th key={col.key} scope="col" aria-sort={active ? sort.direction : "none"} className={`px-3 py-2 font-semibold ${col.numeric ? "text-right" : ""}`}>
                  <button
                    type="button"
                    onClick={() => onSort({ key: col.key, direction: next })}
                    className={`inline-flex items-center gap-1 rounded hover:text-slate-950 focus-ring ${col.numeric ? "flex-row-reverse" : ""}`}
                  >
                    {col.label}
                    <span aria-hidden="true" className={active ? "text-indigo-700" : "text-slate-400"}>
                      {active ? (sort.direction === "ascending" ? "▲" : "▼") : "↕"}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr
              key={c.id}
              data-change={c.id}
              data-selected={selected === c.id || undefined}
              onMouseEnter={() => onHighlight(c.id)}
              onMouseLeave={() => onHighlight(null)}
              className="border-t border-slate-100 align-top data-selected:bg-indigo-50"
            >
              <th scope="row" className="max-w-[22rem] px-3 py-2 text-left font-normal">
                {numbers.has(c.id) && (
                  <>
                    <ItemNumber n={numbers.get(c.id)!} />{" "}
                  </>
                )}
                <button
                  type="button"
                  onClick={() => onSelect(c.id)}
                  onFocus={() => onHighlight(c.id)}
                  onBlur={() => onHighlight(null)}
                  aria-pressed={selected === c.id}
                  className="rounded text-left font-medium break-words text-slate-900 hover:text-indigo-800 focus-ring"
                >
                  {c.text}
                </button>
                {c.presence !== "both" && (
                  <span className={`ml-2 rounded-full px-2 py-0.5 text-xs font-semibold ${c.presence === "added" ? "bg-emerald-100 text-emerald-900" : "bg-slate-200 text-slate-800"}`}>
                    {c.presence === "added" ? "new" : "deleted"}
                  </span>
                )}
                <p className="mt-0.5 text-xs text-slate-600">
                  {commonText(gridBefore, c.commonBefore)} → {commonText(gridAfter, c.commonAfter)}
                  {" · "}n {c.before?.n ?? 0} → {c.after?.n ?? 0}
                </p>
                <ShapeChange change={c} />
                <ReasonChanges change={c} nameOf={nameOf} />
              </th>
              <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                {c.rankBefore ?? "–"} → <span className="font-semibold">{c.rankAfter ?? "–"}</span>
              </td>
              <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{c.move === null ? "–" : <MoveBar move={c.move} />}</td>
              <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                {c.before ? two(c.before.spread) : "–"} → <span className="font-semibold">{c.after ? two(c.after.spread) : "–"}</span>
              </td>
              <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                <SpreadChange change={c.spreadChange} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "scattered → two camps (3 vs 2)": said only when the shape of the disagreement changed. */
function ShapeChange({ change }: { change: ItemChange }) {
  const before = shapeWords(change.before);
  const after = shapeWords(change.after);
  if (before === after || before === null || after === null) return null;
  return (
    <p className="mt-0.5 text-xs text-slate-700">
      <span className="font-semibold">Shape:</span> {before} → {after}
    </p>
  );
}

/** Who gave, changed or took back a reason for this item in between: the arguments that moved, in their words. */
function ReasonChanges({ change, nameOf }: { change: ItemChange; nameOf(participant: string): string }) {
  const list = change.reasonChanges;
  if (list.length === 0) return null;
  return (
    <details className="mt-1 text-xs text-slate-700">
      <summary className="cursor-pointer rounded font-semibold text-indigo-800 focus-ring">
        {list.length === 1 ? "1 reason changed" : `${list.length} reasons changed`}
      </summary>
      <ul className="mt-1 space-y-1">
        {list.map((r) => (
          <li key={r.participant} className="break-words">
            <span className="font-semibold">{nameOf(r.participant)}:</span>{" "}
            {r.before === null ? <span className="text-slate-600">none</span> : <q>{r.before}</q>} →{" "}
            {r.after === null ? <span className="text-slate-600">none</span> : <q>{r.after}</q>}
          </li>
        ))}
      </ul>
    </details>
  );
}

function MoveBar({ move }: { move: number }) {
  return (
    <span className="inline-flex items-center justify-end gap-2">
      <span aria-hidden="true" className="hidden h-1.5 w-16 overflow-hidden rounded-full bg-slate-100 sm:block">
        <span className="block h-full rounded-full bg-slate-700" style={{ width: `${Math.min(100, (move / 2) * 100)}%` }} />
      </span>
      {two(move)} <span className="text-slate-600">cells</span>
    </span>
  );
}

/** Negative is good news: the group came closer together. Said in words too, not by colour alone. */
function SpreadChange({ change }: { change: number | null }) {
  if (change === null) return <span className="text-slate-600">–</span>;
  if (Math.abs(change) < 0.005) return <span className="text-slate-600">no change</span>;
  const closer = change < 0;
  return (
    <span className={`font-semibold ${closer ? "text-emerald-800" : "text-rose-800"}`}>
      <span aria-hidden="true">{closer ? "▼" : "▲"} </span>
      {closer ? "−" : "+"}
      {two(Math.abs(change))}
      <span className="block text-xs font-normal">{closer ? "closer together" : "further apart"}</span>
    </span>
  );
}
