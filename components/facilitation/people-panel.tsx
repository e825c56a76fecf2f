"use client";

import { useEffect, useId, useRef, useState } from "react";
import { textOn } from "../../lib/board/colors";
import type { Participant } from "../../lib/board/schema";
import type { RemovePlacements } from "../../lib/api/seats";
import { describeError } from "../../lib/client/http";
import { listRemoved, removeSeat } from "../../lib/client/seats";
import { Button } from "../ui/button";
import { RemovePersonDialog } from "./remove-person-dialog";

interface PeoplePanelProps {
  boardId: string;
  facilitatorKey: string;
  /** Everyone with an entry on the board, in order of joining. */
  people: readonly Participant[];
  /** Who of them has the board open now. */
  here: ReadonlySet<string>;
  /** The facilitator's own entry, if they place too: not theirs to remove. */
  selfId: string | null;
}

/**
 * The people on the board, for the facilitator, each with a way to remove them: their seat stops
 * working and their open pages close. What happened is said in a live region, so it is heard too.
 */
export function PeoplePanel({ boardId, facilitatorKey, people, here, selfId }: PeoplePanelProps) {
  const [removing, setRemoving] = useState<Participant | null>(null);
  const [said, setSaid] = useState("");
  /** Removed from this page: their entry may stay (with their notes), but there is nothing more to remove. */
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const headingId = useId();
  const list = useRef<HTMLUListElement>(null);
  const summary = useRef<HTMLElement>(null);
  const others = people.filter((p) => p.id !== selfId);
  // Who was removed earlier (from another tab, or before a reload) is known to the server only.
  useEffect(() => {
    const abort = new AbortController();
    listRemoved(boardId, facilitatorKey, abort.signal).then(
      ({ removed: earlier }) => setRemoved((known) => new Set([...known, ...earlier])),
      () => {
        // Unreachable or aborted: the list offers Remove… for them, and removing again is harmless.
      },
    );
    return () => abort.abort();
  }, [boardId, facilitatorKey]);

  const remove = async (person: Participant, placements: RemovePlacements) => {
    try {
      await removeSeat(boardId, facilitatorKey, person.id, placements);
    } catch (err) {
      const problem = describeError(err, `${person.name} was not removed`);
      setSaid(problem);
      throw new Error(problem);
    }
    setSaid(`${person.name} was removed from the board. ${placements === "delete" ? "Their notes were taken off." : "Their notes stay on the board."}`);
    setRemoved((earlier) => new Set([...earlier, person.id]));
    setRemoving(null);
    // The button that opened the dialog left with the person: the list keeps the keyboard's place, once the dialog has gone.
    setTimeout(() => (list.current?.querySelector("button") ?? summary.current)?.focus());
  };

  return (
    <details className="group rounded-2xl border border-slate-200 bg-white p-4 shadow-sm">
      <summary ref={summary} className="cursor-pointer font-medium text-indigo-800 focus-outline">
        <span id={headingId}>People on this board</span> <span className="font-normal text-slate-600">({others.length})</span>
      </summary>
      <div className="mt-3 space-y-3">
        {others.length === 0 ? (
          <p className="text-sm text-slate-600">Nobody has joined yet.</p>
        ) : (
          <ul ref={list} aria-labelledby={headingId} className="divide-y divide-slate-100">
            {others.map((person) => (
              <li key={person.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-2">
                <span className="flex min-w-0 items-center gap-2">
                  <span
                    aria-hidden="true"
                    className="grid size-7 shrink-0 place-items-center rounded-full text-xs font-bold"
                    style={{ background: person.color, color: textOn(person.color) }}
                  >
                    {[...person.name][0]?.toLocaleUpperCase()}
                  </span>
                  <span className="truncate font-medium text-slate-900">{person.name}</span>
                  <span className="shrink-0 text-sm text-slate-500">{here.has(person.id) ? "here" : "not here"}</span>
                </span>
                {removed.has(person.id) ? (
                  <span className="text-sm font-medium text-slate-600">Removed</span>
                ) : (
                  <Button size="md" aria-label={`Remove ${person.name}`} aria-haspopup="dialog" onClick={() => setRemoving(person)}>
                    Remove…
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        <p aria-live="polite" className="text-sm text-slate-700 empty:hidden">
          {said}
        </p>
      </div>
      {removing && (
        <RemovePersonDialog name={removing.name} onRemove={(placements) => remove(removing, placements)} onClose={() => setRemoving(null)} />
      )}
    </details>
  );
}
