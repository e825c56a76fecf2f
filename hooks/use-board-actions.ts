"use client";

import { useMemo } from "react";
import type { BoardConnection } from "../lib/board/connection";
import type { GoalCorner, Grid, Pairs, Participant, Role, Timer } from "../lib/board/schema";
import { newItemId } from "../lib/client/session/identity";
import type { ItemActions } from "../components/facilitation/board-items";
import type { PlacementActions } from "./use-placing";
import { saveRound } from "../lib/client/snapshots";
import type { AddItemsBody } from "../lib/api/items";

/** The facilitator's verbs. */
export interface Facilitation {
  setLocked(locked: boolean): void;
  setBlind(blind: boolean): void;
  setFocus(item: string | null): void;
  setTimer(timer: Timer): void;
  /** Saves the round that ends (for "what changed since"), then starts the next. */
  newRound(keepPlacements: boolean): Promise<void>;
  setAnonymous(anonymous: boolean): void;
  setGrid(grid: Grid): void;
  /** The corner the group aims for, which the priorities rank towards; null: none. */
  setGoal(goal: GoalCorner | null): void;
  /** The items taken up for discussion so far, in order (the agenda's ticks). */
  setDiscussed(items: string[]): void;
  /** The pairs for a double-crux conversation; null clears them. */
  setPairs(pairs: Pairs): void;
}

interface BoardActions {
  /** Absent for everyone but the facilitator. */
  facilitation?: Facilitation;
  /** Absent for viewers and the projector. */
  itemActions?: ItemActions;
  /** Absent until this person takes part. */
  placing?: PlacementActions;
}

/**
 * What this tab may do to the board, by its role and whether it takes part: the connection's
 * verbs, named for the views that offer them.
 */
export function useBoardActions(
  connection: BoardConnection,
  access: { boardId: string; key: string; role: Role },
  /** This tab's participant id (hooks/use-participation.ts): it changes when a seat is taken. */
  me: string | null,
  self: Participant | null,
): BoardActions {
  const { boardId, key, role } = access;
  const facilitation = useMemo<Facilitation | undefined>(
    () =>
      role === "facilitator"
        ? {
            setLocked: (locked) => connection.setMeta("locked", locked),
            setBlind: (blind) => connection.setMeta("blind", blind),
            setFocus: (item) => connection.setMeta("focus", item),
            setTimer: (timer) => connection.setMeta("timer", timer),
            setAnonymous: (anonymous) => connection.setMeta("anonymous", anonymous),
            setGrid: (grid) => connection.setMeta("grid", grid),
            setGoal: (goal) => connection.setMeta("goal", goal),
            setDiscussed: (items) => connection.setMeta("discussed", items),
            setPairs: (pairs) => connection.setMeta("pairs", pairs),
            newRound: async (keepPlacements) => {
              const round = connection.board().meta.round;
              await saveRound(boardId, key, round);
              connection.startRound(round + 1, keepPlacements);
            },
          }
        : undefined,
    [role, connection, boardId, key],
  );
  const selfColor = self?.color ?? null;
  const placing = useMemo<PlacementActions | undefined>(
    () =>
      // Placing starts once this person is on the board, so every placement has a named owner.
      me === null || selfColor === null
        ? undefined
        : { me, color: selfColor, place: connection.place, unplace: connection.unplace, setDrag: connection.setDrag, setReason: connection.setReason },
    [me, selfColor, connection],
  );
  const itemActions = useMemo<ItemActions | undefined>(
    () =>
      me === null
        ? undefined
        : {
            me,
            deletesOthersPlacements: role === "facilitator",
            ...(role === "facilitator" ? { prep: { move: connection.moveItem, addList: addListOf(boardId, key) } } : {}),
            add: (value) => connection.addItem({ id: newItemId(), ...value }),
            edit: (itemId, value) => connection.editItem(itemId, { text: value.text, note: value.note }),
            remove: (itemId) => connection.deleteItem(itemId),
          },
    [me, role, connection, boardId, key],
  );
  return { facilitation, itemActions, placing };
}

/** Adding a list of items, loaded when a facilitator first adds one: its reader and schemas stay out of everyone's first load. */
const addListOf = (boardId: string, key: string) => async (body: AddItemsBody) => (await import("../lib/client/items")).addItemList(boardId, key, body);
