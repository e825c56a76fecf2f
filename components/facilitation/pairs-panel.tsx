"use client";

import { useId, useState } from "react";
import { listNames } from "../../lib/board/people";
import type { PairGroup } from "../../lib/board/schema";
import { Button } from "../ui/button";
import { Chevron } from "../ui/chevron";

interface PairsPanelProps {
  /** This round's pairs; null when there are none. */
  groups: readonly PairGroup[] | null;
  /** How many participants are here now: the people "Pair up" would match. */
  here: number;
  /** True during a blind round: pairing reads where people placed, which nobody has seen yet. */
  blind: boolean;
  nameOf(participant: string): string;
  itemText(item: string): string;
  onPairUp(): void;
  onClear(): void;
  onDownload(): void;
}

/**
 * Double crux in pairs: the facilitator matches the participants here so that each talks with
 * someone who placed the items far from where they did, about the items they placed furthest apart.
 * The groups, their download and "Clear pairs" are behind a disclosure; each participant's own
 * partner card is what the room reads.
 */
export function PairsPanel({ groups, here, blind, nameOf, itemText, onPairUp, onClear, onDownload }: PairsPanelProps) {
  const ids = useId();
  const [open, setOpen] = useState(false);
  const why = blind
    ? "Pairing reads where everyone placed the items, so it waits until you reveal the placements."
    : here < 2
      ? "Pairing needs at least two participants with the board open."
      : null;
  const summary = groups ? (groups.length === 1 ? "1 pair" : `${groups.length} pairs`) : "How pairing works";
  return (
    <section aria-label="Pairs" className="min-w-0 space-y-2">
      {/* One row, like the agenda's: the groups and what to do with them open on demand. */}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h2 className="text-sm font-semibold tracking-wider text-indigo-800 uppercase">Pairs</h2>
        {/* aria-disabled, not disabled: the button stays in the tab order, so a keyboard user reaches it and hears why it waits. */}
        <Button
          variant={groups ? "secondary" : "primary"}
          aria-disabled={why !== null}
          aria-describedby={why ? `${ids}-why` : undefined}
          onClick={() => {
            if (why === null) onPairUp();
          }}
        >
          {groups ? "Pair up again" : "Pair up"}
        </Button>
        <p className="text-sm text-slate-600 tabular-nums">{here === 1 ? "1 person here" : `${here} people here`}</p>
        {why && (
          <p id={`${ids}-why`} className="min-w-0 flex-1 basis-64 text-sm text-amber-900">
            {why}
          </p>
        )}
        <Button variant="quiet" size="sm" className="ml-auto" aria-expanded={open} aria-controls={`${ids}-groups`} onClick={() => setOpen(!open)}>
          <Chevron open={open} />
          {summary}
        </Button>
      </div>
      <div id={`${ids}-groups`} hidden={!open} className="space-y-3 rounded-xl border border-slate-200 bg-white p-3">
        <p className="text-sm text-slate-600">
          Each person is paired with someone who placed the items far from where they did (an odd one out makes a trio), and each pair is given
          the three items they placed furthest apart. Everyone paired sees their partner and items on their screen.
        </p>
        {groups && (
          <div className="flex flex-wrap items-center gap-2">
            <Button onClick={onDownload}>Download pairs (Markdown)</Button>
            <Button onClick={onClear}>Clear pairs</Button>
          </div>
        )}
        {groups && groups.length === 0 && <p className="text-sm text-slate-700">Nobody was paired.</p>}
        {groups && groups.length > 0 && (
          <ol aria-label="Pairs" className="max-h-96 divide-y divide-slate-200 overflow-y-auto rounded-xl border border-slate-200">
            {groups.map((group) => (
              <li key={group.members.join(" ")} className="space-y-1 px-3 py-2">
                <p className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <span className="font-semibold break-words text-slate-900">{listNames(group.members.map(nameOf))}</span>
                  <span className="text-sm text-slate-600 tabular-nums">
                    {group.disagreement === null ? "no item in common" : `${group.disagreement.toFixed(2)} cells apart`}
                  </span>
                </p>
                {group.items.length === 0 ? (
                  <p className="text-sm text-slate-600">No item placed apart.</p>
                ) : (
                  <ol aria-label="Items to talk about" className="list-decimal space-y-0.5 pl-5 text-sm text-slate-800">
                    {group.items.map((item) => (
                      <li key={item} className="break-words">
                        {itemText(item)}
                      </li>
                    ))}
                  </ol>
                )}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
