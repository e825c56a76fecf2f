"use client";

import { useState } from "react";
import type { Grid, Item } from "../../lib/board/schema";
import type { ItemSummary } from "../../lib/board/summary";
import { Button } from "../ui/button";
import dynamic from "next/dynamic";

/* A loading part of its own keeps the rest of the page on screen (and focus where it is) while it loads. */
const NOTHING = () => null;

/* The form opens only when someone adds or edits an item. */
const ItemEditor = dynamic(() => import("./item-editor").then((m) => m.ItemEditor), { loading: NOTHING });

/** What this person may do to items; absent for viewers. */
export interface ItemActions {
  /** This device's participant id: its own items can be edited and deleted. */
  me: string;
  add(value: { text: string; note?: string }): void;
  edit(id: string, value: { text: string; note?: string }): void;
  remove(id: string): void;
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

  const ownActions = (item: Item) => {
    if (!actions || item.createdBy !== actions.me) return null;
    if (confirming === item.id) {
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
          <Button size="sm" onClick={() => setConfirming(null)}>
            Keep
          </Button>
        </div>
      );
    }
    return (
      <div className="flex gap-2">
        <Button size="sm" aria-label={`Edit ${item.text}`} onClick={() => setEditing(item.id)}>
          Edit
        </Button>
        <Button size="sm" aria-label={`Delete ${item.text}`} onClick={() => setConfirming(item.id)}>
          Delete
        </Button>
      </div>
    );
  };

  return (
    <section aria-labelledby="items-heading" className="space-y-3">
      <h2 id="items-heading" className="text-lg font-semibold text-slate-900">
        Items <span className="font-normal text-slate-600">({items.length})</span>
      </h2>
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
          {items.map(({ item, placements, reference }) =>
            editing === item.id && actions ? (
              <li key={item.id} className="p-4">
                <ItemEditor
                  initial={{ text: item.text, ...(item.note ? { note: item.note } : {}) }}
                  submitLabel="Save"
                  onSubmit={(value) => {
                    actions.edit(item.id, value);
                    setEditing(null);
                  }}
                  onCancel={() => setEditing(null)}
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
                  {ownActions(item)}
                </div>
                <p className="shrink-0 text-sm text-slate-600 tabular-nums">
                  {placements === 0 ? "Not placed yet" : `${placements} ${placements === 1 ? "placement" : "placements"}`}
                </p>
              </li>
            ),
          )}
        </ol>
      )}
    </section>
  );
}
