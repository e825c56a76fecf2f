"use client";

import { useState } from "react";

/** Downloads of the board as it is now: files from the export API, and a picture made in the browser. */
const FORMATS = [
  { format: "json", label: "JSON", hint: "snapshot file, re-importable" },
  { format: "csv", label: "CSV", hint: "one row per placement" },
  { format: "stats-csv", label: "Statistics CSV", hint: "one row per item" },
  { format: "md", label: "Markdown", hint: "report for meeting notes" },
] as const;

interface BoardExportsProps {
  boardId: string;
  boardKey: string;
  /** Renders the board as shown into a PNG download. */
  onPicture(): Promise<void>;
}

export function BoardExports({ boardId, boardKey, onPicture }: BoardExportsProps) {
  const [picture, setPicture] = useState<{ kind: "idle" } | { kind: "working" } | { kind: "failed"; message: string }>({ kind: "idle" });
  return (
    <section aria-labelledby="exports-heading" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="exports-heading" className="text-lg font-semibold text-slate-900">
        Export
      </h2>
      <ul className="mt-3 space-y-2">
        {FORMATS.map(({ format, label, hint }) => (
          <li key={format} className="flex items-baseline justify-between gap-3">
            <a
              href={`/api/boards/${encodeURIComponent(boardId)}/export?format=${format}&key=${encodeURIComponent(boardKey)}`}
              download
              className="font-medium text-indigo-800 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-700 focus-visible:rounded focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
            >
              Download {label}
            </a>
            <span className="text-right text-sm text-slate-600">{hint}</span>
          </li>
        ))}
        <li className="flex items-baseline justify-between gap-3">
          <button
            type="button"
            disabled={picture.kind === "working"}
            onClick={() => {
              setPicture({ kind: "working" });
              onPicture().then(
                () => setPicture({ kind: "idle" }),
                (error: unknown) => setPicture({ kind: "failed", message: error instanceof Error ? error.message : String(error) }),
              );
            }}
            className="font-medium text-indigo-800 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-700 focus-visible:rounded focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none disabled:cursor-wait disabled:text-slate-500"
          >
            {picture.kind === "working" ? "Preparing PNG…" : "Download PNG"}
          </button>
          <span className="text-right text-sm text-slate-600">picture of the board as shown</span>
        </li>
      </ul>
      {picture.kind === "failed" && (
        <p role="alert" className="mt-3 text-sm text-red-800">
          The picture could not be made: {picture.message}
        </p>
      )}
    </section>
  );
}
