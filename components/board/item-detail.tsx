"use client";

import { useRef, type Ref, type RefObject } from "react";
import { cellName } from "../../lib/board/geometry";
import { cellOf, sizeOf } from "../../lib/board/grid";
import type { Cell, Grid } from "../../lib/board/schema";
import { placedByText, type Roster } from "../../lib/board/people";
import type { ItemWithStats } from "../../lib/stats/board";
import type { Person } from "./group-layer";
import { ItemReasons } from "./item-reasons";
import { ItemStatistics } from "./item-statistics";
import { ReasonField } from "./reason-field";
import { ItemShape } from "./item-shape";
import { formatPriority } from "./priority-flag";
import { Button } from "../ui/button";
import { cells } from "../../lib/snapshot/report-format";

interface ItemDetailProps {
  grid: Grid;
  entry: ItemWithStats;
  people: ReadonlyMap<string, Person>;
  /** Who is counted, and who of them is here. */
  roster: Roster;
  /** The reference cell, only while the reference layer is on. */
  reference: Cell | null;
  referenceLabel: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** A blind round: the group's numbers and positions stay hidden. */
  hidden: boolean;
  /** The facilitator's: whether everyone's view follows this item, and the switch. */
  focusEveryone?: { active: boolean; toggle(): void } | undefined;
  onClose(): void;
  /** This person's own placement of the item and what they can do with it; absent for those who do not place. */
  own?: OwnPlacement;
}

interface OwnPlacement {
  me: string;
  /** Why this person cannot place right now, if they cannot. */
  blocked: string | null;
  onPickUp(trigger: HTMLElement): void;
  onTakeBack(): void;
  /** Writes this person's reason for their placement (empty: none); false when it could not be written. */
  onReason(text: string): boolean;
  /** The "Why here?" field of this panel, so the tray's "Why here?" can move the keyboard to this one and no other. */
  reasonRef?: Ref<HTMLInputElement>;
}


/** Everything the group said about one item: the numbers, and who put it where. */
export function ItemDetail(props: ItemDetailProps) {
  const { grid, entry, people, roster, reference, referenceLabel, headingRef, hidden, own } = props;
  const me = own?.me ?? null;
  const { item, stats, placements } = entry;
  const size = sizeOf(grid);
  const mine = me ? placements.find((p) => p.participant === me) : undefined;
  const placedBy = new Set(placements.map((p) => p.participant));
  const notYet = roster.counted.filter((p) => !placedBy.has(p.id));
  // Taking back removes the button that did it; focus stays in the panel, on "Place".
  const primary = useRef<HTMLButtonElement>(null);
  const nameOf = (id: string) => (id === me ? "You" : (people.get(id)?.name ?? "Someone who left"));

  return (
    <section aria-labelledby="detail-heading" className="rounded-2xl border border-slate-200 bg-white shadow-sm">
      <div className="flex items-start justify-between gap-3 border-b border-slate-200 p-4">
        <div className="min-w-0">
          {/* On a board with a goal corner the priority is the number the room decides by: on the first line, where it costs no height. */}
          <div className="flex flex-wrap items-baseline gap-x-2">
            <p className="text-xs font-semibold tracking-wider text-indigo-700 uppercase">Item</p>
            {!hidden && stats?.priority != null && (
              <p data-item-priority className="text-xs text-emerald-800">
                <span className="font-semibold">
                  Priority <span className="tabular-nums">{formatPriority(stats.priority)}</span>
                </span>{" "}
                {/* A split item's centre lies between its camps, where nobody placed it: so is the priority taken from it. */}
                {stats.shape === "split" ? "of 1, from a centre between the camps" : "of 1 (1 = the goal corner)"}
              </p>
            )}
          </div>
          <h2 id="detail-heading" ref={headingRef} tabIndex={-1} className="mt-0.5 rounded text-lg leading-snug font-semibold break-words text-slate-900 outline-none focus-ring-offset">
            {item.text}
          </h2>
          {item.note && <p className="mt-1 text-sm break-words whitespace-pre-line text-slate-600">{item.note}</p>}
        </div>
        <button
          type="button"
          onClick={props.onClose}
          aria-label={`Close details of ${item.text}`}
          className="shrink-0 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-ring"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="currentColor">
            <path d="M5.3 5.3a1 1 0 0 1 1.4 0L10 8.6l3.3-3.3a1 1 0 1 1 1.4 1.4L11.4 10l3.3 3.3a1 1 0 0 1-1.4 1.4L10 11.4l-3.3 3.3a1 1 0 0 1-1.4-1.4L8.6 10 5.3 6.7a1 1 0 0 1 0-1.4Z" />
          </svg>
        </button>
      </div>

      {props.focusEveryone && (
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-sky-50 px-4 py-3 text-sm">
          <p className="text-sky-950">{props.focusEveryone.active ? "Everyone is looking at this item." : "Bring everyone to this item."}</p>
          <button
            type="button"
            onClick={props.focusEveryone.toggle}
            className="rounded-md border border-sky-300 bg-white px-3 py-1.5 font-semibold text-sky-950 hover:bg-sky-100 focus-ring focus-visible:ring-sky-600"
          >
            {props.focusEveryone.active ? "Stop focusing" : "Focus everyone here"}
          </button>
        </div>
      )}

      {own && (
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-slate-50 px-4 py-3 text-sm">
          <p className="text-slate-700">
            {mine ? (
              <>
                You placed it in <span className="font-semibold text-slate-900">{cellName(grid, cellOf(mine, size))}</span>
              </>
            ) : (
              "You have not placed it yet"
            )}
          </p>
          <div className="flex gap-2">
            <Button
              ref={primary}
              variant="primary"
              disabled={own.blocked !== null}
              title={own.blocked ?? undefined}
              onClick={(e) => own.onPickUp(e.currentTarget)}
            >
              {mine ? "Move" : "Place"}
              <span className="sr-only"> {item.text}</span>
            </Button>
            {mine && (
              <Button
                disabled={own.blocked !== null}
                onClick={() => {
                  own.onTakeBack();
                  requestAnimationFrame(() => primary.current?.focus());
                }}
              >
                Take back<span className="sr-only"> {item.text}</span>
              </Button>
            )}
          </div>
          {mine && <ReasonField key={item.id} itemText={item.text} saved={mine.reason ?? ""} blocked={own.blocked} onSave={own.onReason} inputRef={own.reasonRef} />}
        </div>
      )}

      {!hidden && stats && <ItemShape grid={grid} stats={stats} people={people} nameOf={nameOf} />}
      {/* The reasons are what the group discusses: right after how it disagrees, before the numbers. */}
      {!hidden && placements.length > 0 && <ItemReasons grid={grid} stats={stats} placements={placements} people={people} me={me} />}
      {hidden ? (
        <p className="p-4 text-sm text-slate-600">The group’s placements and numbers are hidden until the facilitator reveals them.</p>
      ) : stats ? (
        <ItemStatistics grid={grid} stats={stats} placements={placements} placedBy={placedByText(roster, placedBy)} reference={reference} referenceLabel={referenceLabel} />
      ) : (
        <p className="p-4 text-sm text-slate-600">
          Nobody has placed it yet.
          {reference && (
            <>
              {" "}
              {referenceLabel}: {cellName(grid, reference)}.
            </>
          )}
        </p>
      )}

      {!hidden && placements.length > 0 && (
        <div className="border-t border-slate-200 p-4">
          <h3 className="text-sm font-semibold text-slate-900">Who placed it where</h3>
          <ul className="mt-2 space-y-1.5 text-sm">
            {placements.map((p) => (
              <li key={p.participant} className="flex items-baseline gap-2">
                <span aria-hidden="true" className="size-2.5 shrink-0 translate-y-0.5 rounded-full" style={{ background: people.get(p.participant)?.color ?? "#64748b" }} />
                <span className="min-w-0 flex-1 break-words">
                  <span className="font-medium text-slate-900">{nameOf(p.participant)}</span>
                  <span className="text-slate-600"> — {cellName(grid, cellOf(p, size))}</span>
                </span>
                <span className="shrink-0 text-xs text-slate-500 tabular-nums">
                  {cells(p.col)}, {cells(p.row)}
                </span>
              </li>
            ))}
          </ul>
          {notYet.length > 0 && (
            <p className="mt-3 text-sm text-slate-600">
              <span className="font-medium text-slate-700">Still to place it:</span> {notYet.map((p) => (p.id === me ? "you" : roster.here.has(p.id) ? p.name : `${p.name} (not here)`)).join(", ")}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
