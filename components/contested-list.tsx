import type { Grid } from "../lib/board/schema";
import type { ItemWithStats } from "../lib/stats/board";

interface ContestedListProps {
  grid: Grid;
  /** Items ranked most contested first, unplaced ones last. */
  ranked: ItemWithStats[];
  participantCount: number;
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** Where the discussion should go: the items the group is most spread on, live. */
export function ContestedList({ grid, ranked, participantCount }: ContestedListProps) {
  const placed = ranked.filter((r) => r.stats !== null);
  const unplaced = ranked.filter((r) => r.stats === null);
  return (
    <section aria-labelledby="contested-heading" className="space-y-3">
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="contested-heading" className="text-lg font-semibold text-slate-900">
          Most contested
        </h2>
        <p className="text-sm text-slate-600">Spread: 0 = full agreement, in cells</p>
      </div>
      {placed.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          Nothing placed yet. As people place items, the ones they disagree on most rise to the top.
        </p>
      ) : (
        <ol aria-label="Most contested" className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white shadow-sm">
          {placed.map(({ item, stats }, i) => {
            const s = stats!;
            const modal = `${grid.rows[s.modalCell.row]?.label ?? ""}, ${grid.columns[s.modalCell.col]?.label ?? ""}`;
            return (
              <li key={item.id} className="flex items-start gap-4 p-4">
                <span aria-hidden="true" className="mt-0.5 w-6 shrink-0 text-right font-semibold text-slate-500 tabular-nums">
                  {i + 1}
                </span>
                <div className="min-w-0 flex-1 space-y-1">
                  <p className="font-medium break-words text-slate-900">{item.text}</p>
                  <p className="text-sm text-slate-600">
                    Placed by {s.n} of {Math.max(participantCount, s.n)} · most in {modal} ({pct(s.agreement)})
                  </p>
                </div>
                <p className="shrink-0 text-right">
                  <span className="block text-lg font-semibold text-slate-900 tabular-nums">{s.spread.toFixed(2)}</span>
                  <span className="text-xs text-slate-600">spread</span>
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {unplaced.length > 0 && (
        <p className="text-sm text-slate-600">
          <span className="font-medium text-slate-700">Not placed yet:</span> {unplaced.map((u) => u.item.text).join(" · ")}
        </p>
      )}
    </section>
  );
}
