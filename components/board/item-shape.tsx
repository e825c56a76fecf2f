import { useId } from "react";
import type { Grid } from "../../lib/board/schema";
import type { ItemStats } from "../../lib/stats";
import type { Camp } from "../../lib/stats/schema";
import { campHeading, shapeSentence } from "../../lib/stats/shape-words";
import type { Person } from "./group-layer";
import { ShapeBadge } from "./shape-badge";

interface ItemShapeProps {
  grid: Grid;
  stats: ItemStats;
  people: ReadonlyMap<string, Person>;
  /** A participant's name as the panel shows it ("You" for this person). */
  nameOf(id: string): string;
}

/**
 * How the group disagrees on an item, first in its panel because it says where the discussion
 * starts: the shape in words, and when the group is split, who is in which camp. The grid draws
 * each camp as a ring tagged with its size; this says the same in words, with each camp's place.
 */
export function ItemShape({ grid, stats, people, nameOf }: ItemShapeProps) {
  if (!stats.shape) return null;
  const camps = stats.shape === "split" ? stats.camps : null;
  return (
    <div className="border-b border-slate-200 p-4 text-sm">
      <dl>
        <dt className="text-slate-600">Shape</dt>
        <dd className="mt-0.5 space-y-1 break-words">
          <ShapeBadge stats={stats} className="text-sm" />
          <span className="block text-slate-700">{shapeSentence(stats)}</span>
        </dd>
      </dl>
      {camps && <CampList grid={grid} camps={camps} people={people} nameOf={nameOf} />}
    </div>
  );
}

function CampList({ grid, camps, people, nameOf }: Omit<ItemShapeProps, "stats"> & { camps: readonly [Camp, Camp] }) {
  const headingId = useId();
  return (
    <>
      <h3 id={headingId} className="mt-4 text-sm font-semibold text-slate-900">
        Who is in which camp
      </h3>
      <ul aria-labelledby={headingId} className="mt-2 space-y-3">
        {camps.map((camp, i) => {
          const heading = campHeading(camp, grid);
          return (
            <li key={i} data-camp-members={i} className="flex gap-2.5">
              <span
                aria-hidden="true"
                className="mt-px h-5 min-w-6 shrink-0 rounded-full bg-rose-700 px-1.5 text-center text-sm leading-5 font-bold text-white tabular-nums"
              >
                {camp.size}
              </span>
              <div className="min-w-0 flex-1">
                <p className="font-semibold break-words text-slate-900">{heading}</p>
                <ul aria-label={heading} className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
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
    </>
  );
}
