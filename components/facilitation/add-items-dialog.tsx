"use client";

import { useDeferredValue, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { useModalDialog } from "../../hooks/use-modal-dialog";
import type { AddItemsBody, AddedItems } from "../../lib/api/items";
import { IMPORT_ITEMS_MAX, readItemList, type ItemListFormat } from "../../lib/board/item-list";
import { LIMITS } from "../../lib/board/schema";
import { ApiFailure } from "../../lib/client/http";
import { Button } from "../ui/button";
import { Field, fileControlClass, textControlClass } from "../ui/field";
import { Segmented } from "../ui/segmented";
import type { ItemListDraft } from "./item-list-draft";
import { ItemListPreview } from "./item-list-preview";

interface AddItemsDialogProps {
  /** The texts of the items on the board, for pointing out duplicates. */
  existing: readonly string[];
  draft: ItemListDraft;
  onDraft(draft: ItemListDraft): void;
  /** Sends the list; rejects (an ApiFailure) when the server refuses it. */
  onAdd(body: AddItemsBody): Promise<AddedItems>;
  onAdded(result: AddedItems): void;
  onClose(): void;
}

const FORMATS: ReadonlyArray<{ value: ItemListFormat; label: string }> = [
  { value: "lines", label: "One item a line" },
  { value: "csv", label: "CSV" },
];

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Where a line of a text starts and ends, for selecting it. */
function lineRange(text: string, line: number): [number, number] {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const next = text.slice(start).search(/\r\n|\r|\n/);
    if (next < 0) return [text.length, text.length];
    start += next + (text.startsWith("\r\n", start + next) ? 2 : 1);
  }
  const end = text.slice(start).search(/\r|\n/);
  return [start, end < 0 ? text.length : start + end];
}

/**
 * Session prep: paste a list or upload a CSV file, see line by line what will be added, fix what
 * cannot be, add it all at once. A modal dialog: Escape and Cancel close it, focus returns to the
 * button that opened it, and the text stays with the page until the items are added.
 */
export function AddItemsDialog({ existing, draft, onDraft, onAdd, onAdded, onClose }: AddItemsDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [state, setState] = useState<"editing" | "adding" | { problem: string; lines: Array<{ line: number; message: string }> }>("editing");
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const headingId = useId();
  const summaryId = useId();
  const adding = state === "adding";

  useModalDialog(dialog, textarea);

  // A long list is read again while the person types on, not on every key.
  const source = useDeferredValue(draft.text);
  const list = useMemo(
    () => readItemList(source, { format: draft.format, existing, duplicates: draft.duplicates, room: LIMITS.boardItemsMax - existing.length }),
    [source, draft.format, draft.duplicates, existing],
  );
  const sourceLines = useMemo(() => source.split(/\r\n|\r|\n/), [source]);
  const duplicateCount = list.items.filter((i) => i.duplicateOf !== null).length;
  const problems = list.problems.length;
  const firstProblem = problems > 0 ? Math.min(...list.problems.map((p) => p.line)) : null;
  const ready = problems === 0 && list.adding.length > 0 && source === draft.text;

  const change = (next: Partial<ItemListDraft>) => {
    onDraft({ ...draft, ...next });
    if (typeof state === "object") setState("editing");
  };

  const showLine = (line: number) => {
    const element = textarea.current;
    if (!element) return;
    const [start, end] = lineRange(element.value, line);
    element.focus();
    element.setSelectionRange(start, end);
  };

  const readFile = async (file: File | undefined) => {
    setFileProblem(null);
    if (!file) return;
    if (file.size > 2 * 1024 * 1024) return setFileProblem(`${file.name} is larger than 2 MB: an import adds at most ${IMPORT_ITEMS_MAX} items.`);
    const text = await file.text();
    change({ text, format: /\.txt$/i.test(file.name) ? "lines" : "csv" });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready || adding) return;
    setState("adding");
    try {
      onAdded(await onAdd({ text: draft.text, format: draft.format, duplicates: draft.duplicates }));
    } catch (err) {
      const lines = err instanceof ApiFailure ? (err.body?.lines ?? []) : [];
      setState({ problem: err instanceof Error ? err.message : String(err), lines });
    }
  };

  const summary =
    problems > 0
      ? `${count(problems, "line needs", "lines need")} fixing before anything is added.`
      : list.adding.length === 0
        ? list.items.length === 0
          ? "Nothing to add yet."
          : "Every item is already on the board or repeated in the list."
        : `${count(list.adding.length, "item", "items")} will be added.`;

  return (
    <dialog
      ref={dialog}
      aria-labelledby={headingId}
      onCancel={(e) => {
        e.preventDefault();
        if (!adding) onClose();
      }}
      className="m-auto max-h-[calc(100dvh-1rem)] w-[min(46rem,calc(100vw-1rem))] overflow-y-auto lg:w-[min(72rem,calc(100vw-4rem))] rounded-2xl border border-slate-200 bg-white p-0 text-slate-800 shadow-2xl backdrop:bg-slate-950/50 sm:max-h-[calc(100dvh-3rem)]"
    >
      <form onSubmit={(e) => void submit(e)} noValidate className="space-y-5 p-5 sm:p-7">
        <div className="space-y-1.5">
          <h2 id={headingId} className="text-xl font-semibold tracking-tight text-slate-900">
            Add several items
          </h2>
          <p className="text-pretty text-slate-700">
            Paste a list or upload a file. Nothing is added until every line reads well; you can reorder, edit and delete items afterwards.
          </p>
        </div>

        {/*
          Side by side on a wide screen: what is typed on the left, what it becomes on the right. Tracks of
          minmax(0, 1fr): a long line in the preview is cut short rather than widening the dialog.
        */}
        <div className="grid grid-cols-1 gap-5 lg:grid-cols-2 lg:gap-7">
          <div className="min-w-0 space-y-5">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
              <span className="text-sm font-medium text-slate-900" aria-hidden>
                Format
              </span>
              <Segmented label="Format" options={FORMATS} value={draft.format} onChange={(format) => change({ format })} />
            </div>

            <Field
              label="Items"
              hint={
                draft.format === "lines" ? (
                  <>
                    One item a line, up to {IMPORT_ITEMS_MAX}. A note can follow a tab, “ — ” or “ -- ” (easier on a phone). Bullets and numbers are taken off.
                  </>
                ) : (
                  <>
                    A header row with a <code className="font-semibold">text</code> column and an optional <code className="font-semibold">note</code>{" "}
                    column, in any order.
                  </>
                )
              }
            >
              {(control) => (
                <textarea
                  {...control}
                  ref={textarea}
                  value={draft.text}
                  rows={10}
                  spellCheck
                  readOnly={adding}
                  placeholder={draft.format === "lines" ? "Faster checkout — 12 customers asked\nSSO for admins\nDark mode" : "text,note\nFaster checkout,12 customers asked\nSSO for admins,"}
                  onChange={(e) => change({ text: e.target.value })}
                  className={textControlClass({ size: "lg", className: "min-h-40 resize-y leading-relaxed" })}
                />
              )}
            </Field>

            <Field label="Or upload a file (.csv or .txt)" error={fileProblem} announceError>
              {(control) => <input {...control} type="file" accept=".csv,.txt,text/csv,text/plain" disabled={adding} onChange={(e) => void readFile(e.target.files?.[0])} className={fileControlClass} />}
            </Field>
          </div>

          <section aria-labelledby={`${headingId}-preview`} className="min-w-0 space-y-2">
            <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
              <h3 id={`${headingId}-preview`} className="text-base font-semibold text-slate-900">
                Preview
              </h3>
              <p id={summaryId} aria-live="polite" className={`text-sm font-medium ${problems > 0 ? "text-rose-800" : "text-slate-700"}`}>
                {summary}
              </p>
            </div>
            {/* In a long list the first line to fix may be far down the preview: it is one press from here. */}
            {firstProblem !== null && (
              <button type="button" onClick={() => showLine(firstProblem)} className="block rounded-sm text-sm lg:ml-auto font-medium text-rose-900 underline underline-offset-2 hover:text-rose-950 focus-ring">
                Start with line {firstProblem}
              </button>
            )}
            {duplicateCount > 0 && (
              <label className="flex cursor-pointer items-start gap-2.5 rounded-lg border border-amber-200 bg-amber-50/70 px-3 py-2 text-sm text-amber-950">
                <input
                  type="checkbox"
                  checked={draft.duplicates === "skip"}
                  onChange={(e) => change({ duplicates: e.target.checked ? "skip" : "add" })}
                  className="mt-0.5 size-4 shrink-0 accent-indigo-700"
                />
                <span>
                  Leave out {count(duplicateCount, "duplicate", "duplicates")} (the same text as an item on the board or an earlier line, ignoring case and
                  spaces)
                </span>
              </label>
            )}
            {list.items.length + problems > 0 ? (
              <div tabIndex={0} role="region" aria-label="Items to add, by line" className="relative max-h-72 overflow-y-auto rounded-xl border border-slate-200 focus-ring lg:max-h-[min(26rem,calc(100dvh-16rem))]">
                <ItemListPreview list={list} sourceLines={sourceLines} duplicates={draft.duplicates} onShowLine={showLine} />
              </div>
            ) : (
              <p className="rounded-xl border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">What you paste appears here, line by line.</p>
            )}
          </section>
        </div>

        {typeof state === "object" && (
          <div role="alert" className="space-y-1 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-900">
            <p className="font-medium">{state.lines.length > 0 ? "The server refused these lines, so nothing was added:" : `Nothing was added. ${state.problem}`}</p>
            {state.lines.length > 0 && (
              <ul className="list-disc pl-5">
                {state.lines.map((l) => (
                  <li key={l.line}>
                    Line {l.line}: {l.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}

        {/* Kept at the foot of the dialog while it scrolls (a phone), so Add is always one tap away. */}
        <div className="sticky bottom-0 -mx-5 -mb-5 flex flex-wrap justify-end gap-2 border-t border-slate-200 bg-white px-5 py-4 sm:-mx-7 sm:-mb-7 sm:px-7">
          <Button size="lg" onClick={onClose} disabled={adding}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" size="lg" disabled={!ready || adding} aria-describedby={summaryId} aria-busy={adding || undefined}>
            {adding ? "Adding…" : list.adding.length > 0 ? `Add ${count(list.adding.length, "item", "items")}` : "Add items"}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
