import type { ListOrder } from "../../lib/stats/list-order";
import type { ComponentProps, RefObject } from "react";
import type { BoardState } from "../../lib/board/doc";
import { referenceCell } from "../../lib/board/geometry";
import { sizeOf } from "../../lib/board/grid";
import type { Cell, Role } from "../../lib/board/schema";
import type { Roster } from "../../lib/board/people";
import type { Visibility } from "../../lib/board/visibility";
import type { ItemWithStats } from "../../lib/stats/board";
import { ContestedList } from "./contested-list";
import type { Person } from "./group-layer";
import dynamic from "next/dynamic";

/* A loading part of its own keeps the rest of the page on screen (and focus where it is) while it loads. */
const NOTHING = () => null;

/* The item panel is needed only once someone selects an item: it is loaded then, not with the board. */
const ItemDetail = dynamic(() => import("./item-detail").then((m) => m.ItemDetail), { loading: NOTHING });
/* Only a blind round shows its progress here. */
const BlindPanel = dynamic(() => import("./blind-panel").then((m) => m.BlindPanel), { loading: NOTHING });

interface WorkspaceSideProps {
  board: BoardState;
  /** The contested list's order, chosen there and followed by the overview. */
  order: ListOrder;
  onOrder(order: ListOrder): void;
  role: Role;
  visibility: Visibility;
  /** The selected item, if any. */
  entry: ItemWithStats | undefined;
  ranked: ItemWithStats[];
  people: ReadonlyMap<string, Person>;
  roster: Roster;
  /** Reference cells, while the reference layer is on. */
  reference: Readonly<Record<string, Cell>> | null;
  referenceLabel: string;
  previousSpreads: ReadonlyMap<string, number | null> | null;
  headingRef: RefObject<HTMLHeadingElement | null>;
  focusEveryone: ComponentProps<typeof ItemDetail>["focusEveryone"];
  own: ComponentProps<typeof ItemDetail>["own"];
  onClose(): void;
  onSelect(item: string): void;
  onHighlight(item: string | null): void;
}

/** Beside the grid: the selected item's details (or how to get them), then the contested list, or a blind round's progress. */
export function WorkspaceSide({ board, role, visibility, entry, ranked, people, roster, reference, referenceLabel, previousSpreads, ...props }: WorkspaceSideProps) {
  const { meta } = board;
  return (
    <div className="min-w-0 space-y-6">
      {entry ? (
        <ItemDetail
          grid={meta.grid}
          entry={entry}
          people={people}
          roster={roster}
          reference={referenceCell(reference, entry.item.id, sizeOf(meta.grid))}
          referenceLabel={referenceLabel}
          headingRef={props.headingRef}
          hidden={!visibility.showGroup}
          focusEveryone={props.focusEveryone}
          own={props.own}
          onClose={props.onClose}
        />
      ) : (
        <p className="rounded-2xl border border-slate-200 bg-white p-4 text-sm text-slate-600 shadow-sm">
          {visibility.showGroup
            ? "Select an item (in the list below or on the grid) to see who placed it where and how far the group disagrees."
            : "Select an item to see your own placement of it; the group’s stay hidden until the reveal."}
        </p>
      )}
      {!visibility.showGroup ? (
        <BlindPanel board={board} visibility={visibility} role={role} />
      ) : (
        <ContestedList
          grid={meta.grid}
          hasGoal={meta.goal !== null}
          ranked={ranked}
          roster={roster}
          selected={entry?.item.id ?? null}
          reference={reference}
          referenceLabel={referenceLabel}
          previous={previousSpreads ? { round: meta.round - 1, spreads: previousSpreads } : null}
          order={props.order}
          onOrder={props.onOrder}
          onSelect={props.onSelect}
          onHighlight={props.onHighlight}
        />
      )}
    </div>
  );
}
