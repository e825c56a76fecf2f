import { cellName } from "../../lib/board/geometry";
import { cellOf, sizeOf } from "../../lib/board/grid";
import type { Grid } from "../../lib/board/schema";
import type { ItemStats } from "../../lib/stats";
import type { Person } from "./group-layer";

interface ItemCampsProps {
  grid: Grid;
  stats: ItemStats;
  people: ReadonlyMap<string, Person>;
  /** A participant's name as the panel shows it ("You" for this person). */
  nameOf(id: string): string;
}

/**
 * Who is in which camp, when the group is split: the grid draws each camp as a ring tagged with
 * its size, and this says the same in words, with each camp's place and its people.
 */
export function ItemCamps({ grid, stats, people, nameOf }: ItemCampsProps) {
  if (stats.shape !== "split" || !stats.camps) return null;
  const size = sizeOf(grid);
  return (
    <div className="border-t border-slate-200 p-4">
      <h3 id="camps-heading" className="text-sm font-semibold text-slate-900">
        Two camps
      </h3>
      <ul aria-labelledby="camps-heading" className="mt-2 space-y-3 text-sm">
        {stats.camps.map((camp, i) => {
          const where = cellName(grid, cellOf(camp.centroid, size));
          return (
            <li key={i} data-camp-members={i} className="flex gap-2.5">
              <span
                aria-hidden="true"
                className="mt-px h-5 min-w-6 shrink-0 rounded-full bg-rose-700 px-1.5 text-center text-sm leading-5 font-bold text-white tabular-nums"
              >
                {camp.size}
              </span>
              <div className="min-w-0 flex-1">
                <p className="break-words text-slate-700">
                  <span className="font-semibold text-slate-900">Camp of {camp.size}</span> around {where}
                </p>
                <ul aria-label={`Camp of ${camp.size} around ${where}`} className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
                  {camp.participants.map((id) => (
                    <li key={id} className="flex items-baseline gap-1.5 break-words">
                      <span aria-hidden="true" className="size-2.5 shrink-0 translate-y-px rounded-full" style={{ background: people.get(id)?.color ?? "#64748b" }} />
                      <span className="font-medium text-slate-900">{nameOf(id)}</span>
                    </li>
                  ))}
                </ul>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
