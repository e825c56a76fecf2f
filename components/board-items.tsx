import type { Grid } from "../lib/board/schema";
import type { ItemSummary } from "./board-summary";

interface BoardItemsProps {
  grid: Grid;
  items: ItemSummary[];
  referenceLabel: string;
}

export function BoardItems({ grid, items, referenceLabel }: BoardItemsProps) {
  return (
    <section aria-labelledby="items-heading" className="space-y-3">
      <h2 id="items-heading" className="text-lg font-semibold text-slate-900">
        Items <span className="font-normal text-slate-600">({items.length})</span>
      </h2>
      {items.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          No items yet. Items the group adds will appear here.
        </p>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white shadow-sm">
          {items.map(({ item, placements, reference }) => (
            <li key={item.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
              <div className="min-w-0 space-y-1">
                <p className="font-medium break-words text-slate-900">{item.text}</p>
                {item.note && <p className="text-sm leading-relaxed break-words text-slate-600">{item.note}</p>}
                {reference && (
                  <p className="text-xs text-slate-600">
                    <span className="font-medium text-slate-700">{referenceLabel}:</span>{" "}
                    {grid.rows[reference.row]?.label} · {grid.columns[reference.col]?.label}
                  </p>
                )}
              </div>
              <p className="shrink-0 text-sm text-slate-600 tabular-nums">
                {placements === 0 ? "Not placed yet" : `${placements} ${placements === 1 ? "placement" : "placements"}`}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
