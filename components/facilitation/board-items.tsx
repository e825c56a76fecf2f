"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { AddItemsBody, AddedItems } from "../../lib/api/items";
import { moveTarget, moveWords, type ItemMove } from "../../lib/board/order";
import type { Grid, Item } from "../../lib/board/schema";
import type { ItemSummary } from "../../lib/board/summary";
import { Button } from "../ui/button";
import dynamic from "next/dynamic";

/* A loading part of its own keeps the rest of the page on screen (and focus where it is) while it loads. */
const NOTHING = () => null;

/* The form opens only when someone adds or edits an item. */
const ItemEditor = dynamic(() => import("./item-editor").then((m) => m.ItemEditor), { loading: NOTHING });
/* The facilitator's session prep (adding lists, moving items): nobody else loads it. */
const AddSeveralItems = dynamic(() => import("./item-prep").then((m) => m.AddSeveralItems), { loading: NOTHING });
const MoveButtons = dynamic(() => import("./item-prep").then((m) => m.MoveButtons), { loading: NOTHING });

/** What this person may do to items; absent for viewers. */
export interface ItemActions {
  /** This device's participant id: its own items can be edited and deleted. */
  me: string;
  /**
   * The facilitator deletes an item with every placement of it; anyone else only while nobody else
   * has placed it, since the server takes no one's placements off but their own and the facilitator's.
   */
  deletesOthersPlacements: boolean;
  /** The facilitator prepares the session: edits, deletes and orders every item, and adds lists at once. */
  prep?: ItemPrep;
  add(value: { text: string; note?: string }): void;
  edit(id: string, value: { text: string; note?: string }): void;
  remove(id: string): void;
}

export interface ItemPrep {
  move(id: string, move: ItemMove): void;
  /** Adds a pasted list or CSV file (POST /api/boards/<id>/items); rejects when the server refuses it. */
  addList(body: AddItemsBody): Promise<AddedItems>;
}

interface BoardItemsProps {
  grid: Grid;
  items: ItemSummary[];
  referenceLabel: string;
  /** Whether the reference layer (the essay's placements) is on: off, no entry names its reference cell. */
  showReference?: boolean;
  actions?: ItemActions;
}

export function BoardItems({ grid, items, referenceLabel, showReference = false, actions }: BoardItemsProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState("");
  const prep = actions?.prep;
  // The button the keyboard goes back to once an item's editor or delete question closes, e.g. "edit:<id>".
  const returnTo = useRef<string | null>(null);
  const list = useRef<HTMLElement>(null);
  const closeEditor = () => {
    if (editing) returnTo.current = `edit:${editing}`;
    setEditing(null);
  };
  const keep = () => {
    if (confirming) returnTo.current = `delete:${confirming}`;
    setConfirming(null);
  };
  useEffect(() => {
    const target = returnTo.current;
    if (!target) return;
    returnTo.current = null;
    const button = list.current?.querySelector<HTMLElement>(`[data-item-action="${CSS.escape(target)}"]`);
    if (button && document.activeElement !== button) button.focus();
  }, [editing, confirming, items]);
  const texts = useMemo(() => items.map((i) => i.item.text), [items]);

  const move = (item: Item, index: number, how: ItemMove) => {
    const to = moveTarget(index, how, items.length);
    if (!prep || to < 0 || to >= items.length || to === index) return;
    prep.move(item.id, how);
    // Moving the list's other rows around it can take the keyboard off the pressed button: it goes back.
    returnTo.current = `move-${how}:${item.id}`;
    setStatus(`${item.text} moved ${moveWords(how)}: now ${to + 1} of ${items.length}.`);
  };

  const ownActions = (item: Item, placedBy: readonly string[]) => {
    if (!actions || (item.createdBy !== actions.me && !prep)) return null;
    const others = actions.deletesOthersPlacements ? 0 : placedBy.filter((p) => p !== actions.me).length;
    if (confirming === item.id && others === 0) {
      return (
        <div role="group" aria-label={`Delete ${item.text}?`} className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span>Delete it and take back every placement of it?</span>
          <Button
            variant="danger"
            size="sm"
            onClick={() => {
              setConfirming(null);
              actions.remove(item.id);
            }}
          >
            Delete item
          </Button>
          <Button size="sm" autoFocus onClick={keep}>
            Keep
          </Button>
        </div>
      );
    }
    return (
      <div className="flex gap-2">
        <Button size="sm" aria-label={`Edit ${item.text}`} data-item-action={`edit:${item.id}`} onClick={() => setEditing(item.id)}>
          Edit
        </Button>
        {others === 0 ? (
          <Button size="sm" aria-label={`Delete ${item.text}`} data-item-action={`delete:${item.id}`} onClick={() => setConfirming(item.id)}>
            Delete
          </Button>
        ) : (
          <p className="self-center text-sm text-slate-600">
            {others === 1 ? "Someone else has" : `${others} others have`} placed it, so only the facilitator can delete it now.
          </p>
        )}
      </div>
    );
  };

  return (
    <section ref={list} aria-labelledby="items-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="items-heading" className="text-lg font-semibold text-slate-900">
          Items <span className="font-normal text-slate-600">({items.length})</span>
        </h2>
        {/* Polite, not a "status" role: the page's one status is the connection's. */}
        <p aria-live="polite" className="min-w-0 flex-1 text-sm font-medium text-emerald-800 sm:text-right">
          {status}
        </p>
        {prep && <AddSeveralItems prep={prep} existing={texts} onStatus={setStatus} />}
      </div>
      {actions && (
        <details className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm" onToggle={(e) => setAdding(e.currentTarget.open)}>
          <summary className="cursor-pointer font-medium text-indigo-800">Add an item</summary>
          <div className="mt-3">{adding && <ItemEditor submitLabel="Add item" onSubmit={actions.add} />}</div>
        </details>
      )}
      {items.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          No items yet. Items the group adds will appear here.
        </p>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white shadow-sm">
          {items.map(({ item, placements, placedBy, reference }, index) =>
            editing === item.id && actions ? (
              <li key={item.id} className="p-4">
                <ItemEditor
                  initial={{ text: item.text, ...(item.note ? { note: item.note } : {}) }}
                  submitLabel="Save"
                  autoFocus
                  onSubmit={(value) => {
                    actions.edit(item.id, value);
                    closeEditor();
                  }}
                  onCancel={closeEditor}
                />
              </li>
            ) : (
              <li key={item.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
                <div className="min-w-0 space-y-1">
                  <p className="font-medium break-words text-slate-900">{item.text}</p>
                  {item.note && <p className="text-sm leading-relaxed break-words text-slate-600">{item.note}</p>}
                  {showReference && reference && (
                    <p className="text-xs text-slate-600">
                      <span className="font-medium text-slate-700">{referenceLabel}:</span>{" "}
                      {grid.rows[reference.row]?.label} · {grid.columns[reference.col]?.label}
                    </p>
                  )}
                  {ownActions(item, placedBy)}
                </div>
                <div className="flex shrink-0 flex-col items-start gap-2 sm:items-end">
                  <p className="text-sm text-slate-600 tabular-nums">
                    {placements === 0 ? "Not placed yet" : `${placements} ${placements === 1 ? "placement" : "placements"}`}
                  </p>
                  {prep && (
                    <MoveButtons id={item.id} text={item.text} first={index === 0} last={index === items.length - 1} onMove={(how) => move(item, index, how)} />
                  )}
                </div>
              </li>
            ),
          )}
        </ol>
      )}
    </section>
  );
}
