"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import type { SnapshotSummaryJson } from "../../lib/api/schemas";
import { NOW, formatTakenAt, inTimeOrder } from "../../lib/client/snapshots";
import { Button } from "../ui/button";
import { comparePath } from "./snapshot-paths";

/** Pick any two snapshots (or one and now) to compare; the earlier one goes first. */
export function CompareForm({ boardId, entries, initial }: { boardId: string; entries: SnapshotSummaryJson[]; initial?: { from: string; to: string } }) {
  const ids = useId();
  const router = useRouter();
  const [from, setFrom] = useState(initial?.from ?? entries.at(-2)?.id ?? entries[0]!.id);
  const [to, setTo] = useState(initial?.to ?? entries.at(-1)?.id ?? NOW);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const [a, b] = inTimeOrder(entries, from, to);
    router.push(comparePath(boardId, a, b));
  };
  return (
    <form onSubmit={submit} aria-labelledby={`${ids}-legend`} className="mt-4 rounded-xl bg-slate-50 p-3">
      <p id={`${ids}-legend`} className="text-sm font-semibold text-slate-900">
        Compare two snapshots
      </p>
      <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-1">
        <label className="block text-sm text-slate-700">
          From
          <select value={from} onChange={(e) => setFrom(e.target.value)} className={selectClass}>
            <SnapshotChoices entries={entries} />
          </select>
        </label>
        <label className="block text-sm text-slate-700">
          To
          <select value={to} onChange={(e) => setTo(e.target.value)} className={selectClass}>
            <SnapshotChoices entries={entries} />
          </select>
        </label>
      </div>
      <Button type="submit" disabled={from === to} className="mt-3">
        Compare
      </Button>
    </form>
  );
}

export const selectClass =
  "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus-field";

/** Every snapshot, oldest first, then the live board: what can be compared. */
export function SnapshotChoices({ entries }: { entries: SnapshotSummaryJson[] }) {
  return (
    <>
      {entries.map((e) => (
        <option key={e.id} value={e.id}>
          {e.name} · {formatTakenAt(e.takenAt)}
        </option>
      ))}
      <option value={NOW}>Now (the live board)</option>
    </>
  );
}
