"use client";

import { useState } from "react";
import type { AddedItems } from "../../lib/api/items";
import { moveWords, type ItemMove } from "../../lib/board/order";
import { Button } from "../ui/button";
import dynamic from "next/dynamic";
import type { ItemPrep } from "./board-items";
import { EMPTY_ITEM_LIST_DRAFT, type ItemListDraft } from "./item-list-draft";

/*
 * The facilitator's session prep in the items list: adding a pasted list or a CSV file at once, and
 * moving items up and down. Loaded only on the facilitator's page.
 */

const NOTHING = () => null;
const AddItemsDialog = dynamic(() => import("./add-items-dialog").then((m) => m.AddItemsDialog), { loading: NOTHING });

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "12 items added. 2 duplicates left out.": what an import did, in the page's status line. */
function addedWords(result: AddedItems): string {
  const added = result.created.length === 0 ? "No items added" : `${count(result.created.length, "item", "items")} added`;
  return result.skipped.length === 0 ? `${added}.` : `${added}. ${count(result.skipped.length, "duplicate", "duplicates")} left out.`;
}

/**
 * "Add several items…" and its dialog. The unsent text stays with the page while the dialog is
 * closed, and goes only once it is added.
 */
export function AddSeveralItems({ prep, existing, onStatus }: { prep: ItemPrep; existing: string[]; onStatus(status: string): void }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<ItemListDraft>(EMPTY_ITEM_LIST_DRAFT);
  return (
    <>
      <Button onClick={() => setOpen(true)} aria-haspopup="dialog">
        Add several items…
      </Button>
      {open && (
        <AddItemsDialog
          existing={existing}
          draft={draft}
          onDraft={setDraft}
          onAdd={prep.addList}
          onAdded={(result) => {
            setDraft(EMPTY_ITEM_LIST_DRAFT);
            setOpen(false);
            onStatus(addedWords(result));
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

/** The four moves, in the order they sit: to the top, up, down, to the bottom. */
const MOVES: readonly { how: ItemMove; label: string; toTop: boolean }[] = [
  { how: "top", label: "Top", toTop: true },
  { how: -1, label: "Up", toTop: true },
  { how: 1, label: "Down", toTop: false },
  { how: "bottom", label: "Bottom", toTop: false },
];

/** An arrow, with a bar at its head for the moves to an end (drawn: few fonts have ⤒ and ⤓). */
function MoveMark({ how }: { how: ItemMove }) {
  const up = how === "top" || how === -1;
  const toEnd = how === "top" || how === "bottom";
  return (
    <svg aria-hidden="true" viewBox="0 0 12 12" className={`size-3 ${up ? "" : "rotate-180"}`} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
      {toEnd && <path d="M2.5 1.25h7" />}
      <path d={toEnd ? "M6 11V4M3 6.75 6 3.75l3 3" : "M6 11V2M3 5l3-3 3 3"} />
    </svg>
  );
}

/**
 * Moving one item: to the top, up, down, to the bottom. At an end the buttons stay focusable
 * (aria-disabled) so the keyboard is not dropped when an item reaches the top or the bottom.
 */
export function MoveButtons({ id, text, first, last, onMove }: { id: string; text: string; first: boolean; last: boolean; onMove(how: ItemMove): void }) {
  return (
    <div role="group" aria-label={`Order of ${text}`} className="flex flex-wrap gap-1">
      {MOVES.map(({ how, label, toTop }) => {
        const atEnd = toTop ? first : last;
        return (
          <Button
            key={label}
            size="sm"
            variant="quiet"
            aria-label={`Move ${text} ${moveWords(how)}`}
            aria-disabled={atEnd || undefined}
            data-item-action={`move-${how}:${id}`}
            onClick={() => !atEnd && onMove(how)}
          >
            <MoveMark how={how} /> {label}
          </Button>
        );
      })}
    </div>
  );
}
