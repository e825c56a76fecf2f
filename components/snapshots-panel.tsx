"use client";

import { useEffect, useId, useState, type FormEvent } from "react";
import { LIMITS } from "../lib/board/schema";

interface SnapshotEntry {
  id: string;
  name: string;
  takenAt: string;
}

const FORMATS = [
  { format: "json", label: "JSON" },
  { format: "csv", label: "CSV" },
  { format: "stats-csv", label: "Statistics CSV" },
  { format: "md", label: "Markdown" },
] as const;

const isEntry = (v: unknown): v is SnapshotEntry => {
  const e = v as Partial<SnapshotEntry> | null;
  return typeof e?.id === "string" && typeof e.name === "string" && typeof e.takenAt === "string";
};

async function fetchEntries(base: string, key: string): Promise<SnapshotEntry[]> {
  const res = await fetch(`${base}?key=${encodeURIComponent(key)}`, { cache: "no-store" });
  const json: unknown = await res.json().catch(() => null);
  return Array.isArray(json) ? json.filter(isEntry) : [];
}

/**
 * The board's named, immutable snapshots, oldest first, each downloadable in
 * every export format; the facilitator can take one now. `refreshKey` changes
 * when a snapshot may have been taken elsewhere (e.g. a new round).
 */
export function SnapshotsPanel({ boardId, boardKey, canTake, refreshKey }: { boardId: string; boardKey: string; canTake: boolean; refreshKey: number }) {
  const ids = useId();
  const base = `/api/boards/${encodeURIComponent(boardId)}/snapshots`;
  const [entries, setEntries] = useState<SnapshotEntry[] | null>(null);
  const [name, setName] = useState("");
  const [state, setState] = useState<{ kind: "idle" } | { kind: "saving" } | { kind: "error"; message: string }>({ kind: "idle" });

  /** Bumped after taking a snapshot here, to list it. */
  const [taken, setTaken] = useState(0);
  useEffect(() => {
    let current = true;
    fetchEntries(base, boardKey).then(
      (list) => current && setEntries(list),
      () => current && setEntries([]),
    );
    return () => {
      current = false;
    };
  }, [base, boardKey, refreshKey, taken]);

  async function take(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setState({ kind: "saving" });
    const trimmed = name.trim();
    const res = await fetch(`${base}?key=${encodeURIComponent(boardKey)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(trimmed ? { name: trimmed } : {}),
    }).catch(() => null);
    if (res?.status === 201) {
      setName("");
      setState({ kind: "idle" });
      setTaken((n) => n + 1);
      return;
    }
    const body = (await res?.json().catch(() => null)) as { error?: unknown } | null;
    setState({ kind: "error", message: typeof body?.error === "string" ? body.error : "The snapshot could not be taken. Try again." });
  }

  return (
    <section aria-labelledby={`${ids}-heading`} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={`${ids}-heading`} className="text-lg font-semibold text-slate-900">
        Snapshots
      </h2>
      <p className="mt-1 text-sm text-slate-600">Named copies of the board as it was, which never change afterwards.</p>
      {canTake && (
        <form onSubmit={take} className="mt-3 flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor={`${ids}-name`} className="block text-sm font-medium text-slate-900">
              Snapshot name
            </label>
            <input
              id={`${ids}-name`}
              value={name}
              maxLength={LIMITS.titleMax}
              placeholder="e.g. Before the break"
              onChange={(e) => setName(e.target.value)}
              className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-1.5 text-sm focus:border-indigo-600 focus:ring-2 focus:ring-indigo-600/30 focus:outline-none"
            />
          </div>
          <button
            type="submit"
            disabled={state.kind === "saving"}
            className="rounded-lg bg-indigo-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-800 focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-70"
          >
            {state.kind === "saving" ? "Saving…" : "Take snapshot"}
          </button>
          {state.kind === "error" && (
            <p role="alert" className="w-full text-sm font-medium text-rose-800">
              {state.message}
            </p>
          )}
        </form>
      )}
      {entries === null ? null : entries.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No snapshots yet.</p>
      ) : (
        <ol aria-label="Snapshots" className="mt-3 space-y-3">
          {entries.map((s) => (
            <li key={s.id} className="text-sm">
              <p className="font-medium break-words text-slate-900">
                {s.name} <span className="font-normal text-slate-600">· {new Date(s.takenAt).toLocaleString()}</span>
              </p>
              <p className="mt-0.5 flex flex-wrap gap-x-3">
                {FORMATS.map(({ format, label }) => (
                  <a
                    key={format}
                    href={`${base}/${encodeURIComponent(s.id)}?format=${format}&key=${encodeURIComponent(boardKey)}`}
                    download
                    aria-label={`Download ${s.name} as ${label}`}
                    className="text-indigo-800 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-700 focus-visible:rounded focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
                  >
                    {label}
                  </a>
                ))}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
