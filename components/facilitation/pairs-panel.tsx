"use client";

import { useId } from "react";
import { listNames } from "../../lib/board/people";
import type { PairGroup } from "../../lib/board/schema";
import { Button } from "../ui/button";

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
 */
export function PairsPanel({ groups, here, blind, nameOf, itemText, onPairUp, onClear, onDownload }: PairsPanelProps) {
  const ids = useId();
  const why = blind
    ? "Pairing reads where everyone placed the items, so it waits until you reveal the placements."
    : here < 2
      ? "Pairing needs at least two participants with the board open."
      : null;
  return (
    <section aria-labelledby={`${ids}-heading`} className="min-w-0 space-y-3 rounded-2xl border border-indigo-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h2 id={`${ids}-heading`} className="text-lg font-semibold text-slate-900">
          Pairs
        </h2>
        <p className="text-sm text-slate-600">{here === 1 ? "1 person here" : `${here} people here`}</p>
      </div>
      <p className="text-sm text-slate-600">
        Each person is paired with someone who placed the items far from where they did (an odd one out makes a trio), and each pair is given
        the three items they placed furthest apart. Everyone paired sees their partner and items on their screen.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {/* aria-disabled, not disabled: the button stays in the tab order, so a keyboard user reaches it and hears why it waits. */}
        <Button
          variant="primary"
          aria-disabled={why !== null}
          aria-describedby={why ? `${ids}-why` : undefined}
          onClick={() => {
            if (why === null) onPairUp();
          }}
        >
          {groups ? "Pair up again" : "Pair up"}
        </Button>
        {groups && (
          <>
            <Button onClick={onDownload}>Download pairs (Markdown)</Button>
            <Button onClick={onClear}>Clear pairs</Button>
          </>
        )}
      </div>
      {why && (
        <p id={`${ids}-why`} className="text-sm text-amber-900">
          {why}
        </p>
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
    </section>
  );
}
