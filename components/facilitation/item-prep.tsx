"use client";

import { useState } from "react";
import type { AddedItems } from "../../lib/api/items";
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

/**
 * Move up and Move down for one item. At an end the button stays focusable (aria-disabled) so the
 * keyboard is not dropped when an item reaches the top or the bottom.
 */
export function MoveButtons({ text, first, last, onMove }: { text: string; first: boolean; last: boolean; onMove(offset: -1 | 1): void }) {
  return (
    <div role="group" aria-label={`Order of ${text}`} className="flex gap-1">
      <Button size="sm" variant="quiet" aria-label={`Move ${text} up`} aria-disabled={first || undefined} onClick={() => !first && onMove(-1)}>
        <span aria-hidden>↑</span> Up
      </Button>
      <Button size="sm" variant="quiet" aria-label={`Move ${text} down`} aria-disabled={last || undefined} onClick={() => !last && onMove(1)}>
        <span aria-hidden>↓</span> Down
      </Button>
    </div>
  );
}
