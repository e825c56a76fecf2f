import type { DuplicateChoice, ItemList, LineProblem, ListedItem } from "../../lib/board/item-list";

interface ItemListPreviewProps {
  list: ItemList;
  /** The pasted text's lines, to show a refused line as it was written. */
  sourceLines: readonly string[];
  duplicates: DuplicateChoice;
  /** Takes the person to a line of the text, to fix it. */
  onShowLine(line: number): void;
}

type Row = { kind: "item"; entry: ListedItem } | { kind: "problem"; problem: LineProblem };

const lineOf = (row: Row) => (row.kind === "item" ? row.entry.line : row.problem.line);

function duplicateWords(entry: ListedItem, duplicates: DuplicateChoice): string | null {
  if (entry.duplicateOf === null) return null;
  const what = entry.duplicateOf === "board" ? "Already on the board" : `Same as line ${entry.duplicateOf}`;
  return duplicates === "skip" ? `${what} · left out` : `${what} · added again`;
}

/**
 * What a list will add, line by line: each item with its note, each line that cannot be added with
 * why, and each duplicate with what it repeats. Refused lines are links back into the text.
 */
export function ItemListPreview({ list, sourceLines, duplicates, onShowLine }: ItemListPreviewProps) {
  const rows: Row[] = [
    ...list.items.map((entry): Row => ({ kind: "item", entry })),
    // A line both refused and read (over the import's limit) shows once, as refused.
    ...list.problems.map((problem): Row => ({ kind: "problem", problem })),
  ]
    .filter((row, _i, all) => row.kind === "problem" || !all.some((r) => r.kind === "problem" && r.problem.line === row.entry.line))
    .sort((a, b) => lineOf(a) - lineOf(b));
  if (rows.length === 0) return null;
  return (
    <ol className="divide-y divide-slate-100 text-sm">
      {rows.map((row) => {
        const line = lineOf(row);
        if (row.kind === "problem") {
          const written = sourceLines[line - 1]?.trim() ?? "";
          return (
            <li key={`p${line}`} className="flex gap-3 bg-rose-50 px-3 py-2.5">
              <LineNumber line={line} tone="rose" />
              <div className="min-w-0 space-y-0.5">
                <p className="font-medium text-rose-900">{row.problem.message}</p>
                {written !== "" && <p className="truncate text-rose-800/90">“{written}”</p>}
                <button type="button" onClick={() => onShowLine(line)} className="font-medium text-rose-900 underline underline-offset-2 hover:text-rose-950 focus-ring rounded-sm">
                  Fix line {line}
                </button>
              </div>
            </li>
          );
        }
        const { entry } = row;
        const duplicate = duplicateWords(entry, duplicates);
        const leftOut = duplicate !== null && duplicates === "skip";
        return (
          <li key={`i${line}`} className={`flex gap-3 px-3 py-2.5 ${duplicate ? "bg-amber-50" : ""}`}>
            <LineNumber line={line} tone={duplicate ? "amber" : "slate"} />
            <div className="min-w-0 space-y-0.5">
              <p className={`font-medium break-words ${leftOut ? "text-slate-600 line-through decoration-slate-400" : "text-slate-900"}`}>{entry.text}</p>
              {entry.note && <p className="line-clamp-2 break-words text-slate-600">{entry.note}</p>}
              {duplicate && <p className="font-medium text-amber-900">{duplicate}</p>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

const TONES = { slate: "bg-slate-100 text-slate-700", amber: "bg-amber-100 text-amber-900", rose: "bg-rose-100 text-rose-900" } as const;

function LineNumber({ line, tone }: { line: number; tone: keyof typeof TONES }) {
  return (
    <span className={`mt-px h-fit shrink-0 rounded-md px-1.5 py-0.5 text-xs font-semibold tabular-nums ${TONES[tone]}`}>
      <span className="sr-only">Line </span>
      {line}
    </span>
  );
}
