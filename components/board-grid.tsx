import type { Grid } from "../lib/board/schema";
import type { CellSummary } from "./board-summary";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Tints cells by how many items the group put there, relative to the busiest cell. */
function heat(count: number, max: number): string {
  if (count === 0 || max === 0) return "bg-white";
  const share = count / max;
  if (share > 0.66) return "bg-indigo-100";
  if (share > 0.33) return "bg-indigo-50";
  return "bg-indigo-50/50";
}

interface BoardGridProps {
  grid: Grid;
  cells: CellSummary[][];
  referenceLabel: string;
}

export function BoardGrid({ grid, cells, referenceLabel }: BoardGridProps) {
  const max = Math.max(0, ...cells.flat().map((c) => c.placedItems.length));
  const rowNames = grid.rows.map((r) => r.label).join(", ");
  const columnNames = grid.columns.map((c) => c.label).join(", ");
  return (
    <section aria-labelledby="grid-heading" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="grid-heading" className="text-lg font-semibold text-slate-900">
          Grid
        </h2>
        <p className="text-sm text-slate-600">Number of items the group has placed in each cell</p>
      </div>
      <GridByRow grid={grid} cells={cells} max={max} />
      <div
        role="region"
        aria-labelledby="grid-heading"
        tabIndex={0}
        className="hidden overflow-x-auto sm:block rounded-2xl border border-slate-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700"
      >
        <table className="w-full table-fixed border-collapse text-left">
          <caption className="sr-only">
            Items placed per cell. Rows: {rowNames}. Columns: {columnNames}.
          </caption>
          <colgroup>
            <col className="w-[22%] lg:w-[16rem]" />
          </colgroup>
          <thead>
            <tr className="border-b border-slate-200 bg-slate-50">
              <td className="p-3" />
              {grid.columns.map((column) => (
                <th key={column.id} scope="col" className="border-l border-slate-200 p-4 align-bottom">
                  <span className="block font-semibold break-words text-slate-900">{column.label}</span>
                  {column.hint && <span className="mt-1 hidden text-xs leading-snug font-normal text-slate-600 md:block">{column.hint}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((row, r) => (
              <tr key={row.id} className="border-b border-slate-200 last:border-b-0">
                <th scope="row" className="bg-slate-50 p-4 align-top">
                  <span className="block font-semibold break-words text-slate-900">{row.label}</span>
                  {row.hint && <span className="mt-1 hidden text-xs leading-snug font-normal text-slate-600 md:block">{row.hint}</span>}
                </th>
                {(cells[r] ?? []).map((cell) => (
                  <td key={cell.col} className={`border-l border-slate-200 p-4 align-top ${heat(cell.placedItems.length, max)}`}>
                    <GridCell cell={cell} referenceLabel={referenceLabel} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * Phones get the same numbers one row at a time: three or more columns of
 * labels like "Pessimistic-case" cannot share 390 pixels without breaking
 * words apart. Only one of the two layouts is displayed (and so exposed to
 * assistive technology) at a time.
 */
function GridByRow({ grid, cells, max }: { grid: Grid; cells: CellSummary[][]; max: number }) {
  return (
    <div className="space-y-3 sm:hidden">
      {grid.rows.map((row, r) => (
        <section key={row.id} className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
          <h3 className="border-b border-slate-200 bg-slate-50 px-4 py-2 font-semibold break-words text-slate-900">{row.label}</h3>
          <dl className="divide-y divide-slate-200">
            {(cells[r] ?? []).map((cell) => {
              const count = cell.placedItems.length;
              return (
                <div key={cell.col} className={`flex items-start justify-between gap-4 px-4 py-2.5 ${heat(count, max)}`}>
                  <dt className="min-w-0">
                    <span className="block text-sm font-medium break-words text-slate-800">{grid.columns[cell.col]?.label}</span>
                    {count > 0 && (
                      <span className="block text-xs break-words text-slate-600">{cell.placedItems.map((i) => i.text).join(", ")}</span>
                    )}
                  </dt>
                  <dd className="shrink-0 text-sm whitespace-nowrap text-slate-600">
                    <span className="text-lg font-semibold text-slate-900 tabular-nums">{count}</span> {count === 1 ? "item" : "items"}
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
    </div>
  );
}

function GridCell({ cell, referenceLabel }: { cell: CellSummary; referenceLabel: string }) {
  const count = cell.placedItems.length;
  return (
    <div className="flex min-h-24 flex-col gap-2">
      <p className="flex flex-wrap items-baseline gap-x-1.5">
        <span className="text-2xl font-semibold text-slate-900 tabular-nums">{count}</span>{" "}
        <span className="text-sm text-slate-600">
          {count === 1 ? "item" : "items"}
          <span className="sr-only">, {plural(cell.placements, "placement", "placements")}</span>
        </span>
      </p>
      {count > 0 && (
        <ul className="flex flex-wrap gap-1">
          {cell.placedItems.map((item) => (
            <li key={item.id} className="max-w-full rounded-md bg-white px-1.5 py-0.5 text-xs font-medium break-words text-slate-800 ring-1 ring-slate-200">
              {item.text}
            </li>
          ))}
        </ul>
      )}
      {cell.references.length > 0 && (
        <p className="text-xs leading-snug break-words text-slate-600">
          <span className="font-medium text-slate-700">{referenceLabel}:</span>{" "}
          {cell.references.map((item) => item.text).join(", ")}
        </p>
      )}
    </div>
  );
}
