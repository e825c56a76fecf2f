"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, type FormEvent } from "react";
import type { SnapshotSummaryJson } from "../../lib/api/schemas";
import { LIMITS } from "../../lib/board/schema";
import { EXPORT_FORMATS, exportHref } from "../../lib/client/export-links";
import { describeError } from "../../lib/client/http";
import { NOW, fetchSnapshotList, formatTakenAt, inTimeOrder, takeSnapshot } from "../../lib/client/snapshots";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { textLinkClass } from "../ui/text-link";

export const snapshotPath = (boardId: string, snapshotId: string) => `/b/${encodeURIComponent(boardId)}/snapshots/${encodeURIComponent(snapshotId)}`;
export const comparePath = (boardId: string, from: string, to: string) =>
  `/b/${encodeURIComponent(boardId)}/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

/**
 * The board's named, immutable snapshots, oldest first: open one as it was,
 * compare two (or one with now), download each in every format. The
 * facilitator can take one now. `refreshKey` changes when a snapshot may have
 * been taken elsewhere (e.g. a new round).
 */
export function SnapshotsPanel({
  boardId,
  boardKey,
  canTake,
  held = false,
  refreshKey,
}: {
  boardId: string;
  boardKey: string;
  canTake: boolean;
  /** A blind round is running and this person may not see the group's placements: snapshots only list, nothing opens. */
  held?: boolean;
  refreshKey: number;
}) {
  const ids = useId();
  const [entries, setEntries] = useState<SnapshotSummaryJson[] | "failed" | null>(null);
  const [name, setName] = useState("");
  const [state, setState] = useState<{ kind: "idle" } | { kind: "saving" } | { kind: "error"; message: string }>({ kind: "idle" });

  /** Bumped after taking a snapshot here, to list it. */
  const [taken, setTaken] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    fetchSnapshotList(boardId, boardKey, abort.signal).then(setEntries, () => !abort.signal.aborted && setEntries("failed"));
    return () => abort.abort();
  }, [boardId, boardKey, refreshKey, taken]);

  async function take(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setState({ kind: "saving" });
    try {
      await takeSnapshot(boardId, boardKey, name.trim() || undefined);
      setName("");
      setState({ kind: "idle" });
      setTaken((n) => n + 1);
    } catch (error) {
      setState({ kind: "error", message: describeError(error, "The snapshot could not be taken") });
    }
  }

  return (
    <section aria-labelledby={`${ids}-heading`} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={`${ids}-heading`} className="text-lg font-semibold text-slate-900">
        Snapshots
      </h2>
      <p className="mt-1 text-sm text-slate-600">Named copies of the board as it was, which never change afterwards.</p>
      {held ? (
        <p className="mt-2 text-sm text-slate-700">Opening, comparing and replaying wait until the facilitator reveals this blind round.</p>
      ) : (
        <p className="mt-2 text-sm">
          <Link href={`/b/${encodeURIComponent(boardId)}/replay`} className={textLinkClass("semibold")}>
            Replay the session
          </Link>{" "}
          <span className="text-slate-600">— watch every placement move, from the start.</span>
        </p>
      )}
      {canTake && (
        <form onSubmit={take} className="mt-3 flex flex-wrap items-end gap-2">
          <TextField
            label="Snapshot name"
            value={name}
            maxLength={LIMITS.titleMax}
            placeholder="e.g. Before the break"
            onChange={(e) => setName(e.target.value)}
            className="min-w-0 flex-1"
          />
          <Button type="submit" variant="primary" disabled={state.kind === "saving"}>
            {state.kind === "saving" ? "Saving…" : "Take snapshot"}
          </Button>
          {state.kind === "error" && (
            <p role="alert" className="w-full text-sm font-medium text-rose-800">
              {state.message}
            </p>
          )}
        </form>
      )}
      {entries === "failed" ? (
        <p role="alert" className="mt-3 text-sm text-rose-800">
          The snapshots could not be listed.{" "}
          <button type="button" onClick={() => setTaken((n) => n + 1)} className={textLinkClass("semibold")}>
            Try again
          </button>
        </p>
      ) : entries === null ? null : entries.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No snapshots yet.</p>
      ) : (
        <>
          <ol aria-label="Snapshots" className="mt-4 divide-y divide-slate-100">
            {entries.map((s) => (
              <li key={s.id} className="py-2.5 text-sm first:pt-0">
                <p className="font-medium break-words text-slate-900">
                  {s.name} <span className="font-normal text-slate-600">· {formatTakenAt(s.takenAt)}</span>
                </p>
                {!held && (
                  <>
                    <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
                      <Link href={snapshotPath(boardId, s.id)} aria-label={`Open ${s.name}`} className={textLinkClass("semibold")}>
                        Open
                      </Link>
                      <Link href={comparePath(boardId, s.id, NOW)} aria-label={`Compare ${s.name} with now`} className={textLinkClass("normal")}>
                        Compare with now
                      </Link>
                    </p>
                    <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-slate-600">
                      <span>Download:</span>
                      {EXPORT_FORMATS.map(({ format, label }) => (
                        <a
                          key={format}
                          href={exportHref(boardId, boardKey, format, s.id)}
                          download
                          aria-label={`Download ${s.name} as ${label}`}
                          className={textLinkClass("normal")}
                        >
                          {label}
                        </a>
                      ))}
                    </p>
                  </>
                )}
              </li>
            ))}
          </ol>
          {entries.length > 1 && !held && <CompareForm boardId={boardId} entries={entries} />}
        </>
      )}
    </section>
  );
}

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
