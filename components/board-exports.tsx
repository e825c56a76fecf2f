/** Downloads of the board as it is now, straight from the export API. */
const FORMATS = [
  { format: "json", label: "JSON", hint: "snapshot file, re-importable" },
  { format: "csv", label: "CSV", hint: "one row per placement" },
  { format: "stats-csv", label: "Statistics CSV", hint: "one row per item" },
  { format: "md", label: "Markdown", hint: "report for meeting notes" },
] as const;

export function BoardExports({ boardId, boardKey }: { boardId: string; boardKey: string }) {
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
      </ul>
    </section>
  );
}
