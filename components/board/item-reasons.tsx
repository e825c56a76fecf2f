import { useId } from "react";
import { sizeOf } from "../../lib/board/grid";
import type { Grid, Placement } from "../../lib/board/schema";
import { groupReasons } from "../../lib/stats/reasons";
import type { ItemStats } from "../../lib/stats/schema";
import type { Person } from "./group-layer";
import { reasonGroupHeading } from "./reason-headings";

interface ItemReasonsProps {
  grid: Grid;
  stats: ItemStats | null;
  /** The item's placements this person may see: in a blind round only their own, so others' reasons are not here. */
  placements: readonly Placement[];
  people: ReadonlyMap<string, Person>;
  /** This person's id, when they place. */
  me: string | null;
}

/**
 * Why people put an item where they did, grouped the way the discussion runs: by camp when the
 * group is split, otherwise by cell. Reasons are shown as the text people typed, never as markup.
 */
export function ItemReasons({ grid, stats, placements, people, me }: ItemReasonsProps) {
  const headingId = useId();
  const groups = groupReasons(placements, stats, sizeOf(grid));
  const placedByMe = me !== null && placements.some((p) => p.participant === me);
  return (
    <div className="border-t border-slate-200 p-4">
      <h3 id={headingId} className="text-sm font-semibold text-slate-900">
        Reasons
      </h3>
      {groups.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{placedByMe ? "No reasons yet — add yours beside your note." : "No reasons yet."}</p>
      ) : (
        <ul aria-labelledby={headingId} className="mt-2 space-y-3">
          {groups.map((group) => {
            const heading = reasonGroupHeading(group, stats, grid);
            return (
              <li key={group.kind === "camp" ? `camp-${group.camp}` : `cell-${group.cell.row}-${group.cell.col}`}>
                <p className="text-xs font-semibold text-slate-700">{heading}</p>
                <ul aria-label={heading} className="mt-1.5 space-y-2">
                  {group.reasons.map((r) => {
                    const person = people.get(r.participant);
                    return (
                      <li key={r.participant} className="flex gap-2 text-sm">
                        <span aria-hidden="true" className="mt-0.75 size-2.5 shrink-0 rounded-full" style={{ background: person?.color ?? "#64748b" }} />
                        <div className="min-w-0 flex-1">
                          <p className="text-xs font-medium text-slate-600">
                            {person?.name ?? "Someone who left"}
                            {r.participant === me && " (you)"}
                            <span className="sr-only">: </span>
                          </p>
                          <p className="wrap-anywhere text-slate-900">{r.reason}</p>
                        </div>
                      </li>
                    );
                  })}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
