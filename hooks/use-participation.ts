"use client";

import { useEffect, useMemo, useState } from "react";
import { nextColor } from "../lib/board/colors";
import type { BoardConnection } from "../lib/board/connection";
import type { BoardState } from "../lib/board/doc";
import { clashesWithEarlier, nameTaken, sameColor, sameName } from "../lib/board/people";
import type { Participant } from "../lib/board/schema";
import type { Role } from "../lib/board/schema";
import { chosePlacing, rememberName, rememberPlacing, rememberedName } from "../lib/client/session/identity";

/** What this person is asked for, if anything, before (or while) they take part. */
export type NameRequest =
  /** A participant without a name on this device, or whose remembered name is taken here. */
  | { kind: "join"; initial: string }
  /** A facilitator who chose "I'm placing too". */
  | { kind: "place-too"; initial: string }
  /** Someone who joined at the same moment as another person of the same name, and after them. */
  | { kind: "rename"; initial: string };

export interface Participation {
  /** This device's participant id: who adds items and, once taking part, places. Null for viewers and the projector. */
  me: string | null;
  /** This person's entry on the board while they take part (are counted). */
  self: Participant | null;
  /** A facilitator who only runs the board may choose to place too. */
  canPlaceToo: boolean;
  placeToo(): void;
  request: NameRequest | null;
  submitName(name: string): void;
  /** Only a facilitator's "I'm placing too" can be cancelled: everyone else is here to place. */
  cancelRequest(): void;
}

interface Options {
  boardId: string;
  role: Role;
  connection: BoardConnection;
  board: BoardState;
  synced: boolean;
}

/**
 * Who this tab is on the board. Participants take part from the start (asked once for a name);
 * a facilitator runs the board and takes part only after choosing to. Names stay distinct and
 * colours come in the board's order (lib/board/people.ts, lib/board/colors.ts).
 */
export function useParticipation({ boardId, role, connection, board, synced }: Options): Participation {
  const me = connection.participant;
  const [name, setName] = useState(() => rememberedName());
  const [chosen, setChosen] = useState(() => me !== null && chosePlacing(boardId));
  const [asking, setAsking] = useState(false);
  const entry = me ? (board.participants.find((p) => p.id === me) ?? null) : null;
  const hasPlaced = me !== null && board.placements.some((p) => p.participant === me);

  /*
   * Before "I'm placing too", a facilitator's device joined as a participant as soon as it opened
   * the board. Such an entry with placements is someone who placed: they go on counting and
   * placing. One with none is taken off the board, so it counts nowhere, for anyone.
   */
  const facilitatorPlacing = role === "facilitator" && (chosen || (entry !== null && hasPlaced));
  const placing = me !== null && (role === "participant" || facilitatorPlacing);
  const strayEntry = synced && role === "facilitator" && entry !== null && !placing;
  useEffect(() => {
    if (!strayEntry || !me) return;
    // Another tab of this facilitator may have chosen to place since this one opened: then the entry is theirs to keep.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (chosePlacing(boardId)) setChosen(true);
    else connection.leave();
  }, [strayEntry, me, connection, boardId]);
  useEffect(() => {
    if (facilitatorPlacing && !chosen) {
      rememberPlacing(boardId);
      // Remembered so that taking every note back later does not make them a bystander.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setChosen(true);
    }
  }, [facilitatorPlacing, chosen, boardId]);

  const taken = name !== null && nameTaken(board.participants, name, me);
  const joinNow = synced && placing && entry === null && name !== null && !taken && !asking;
  const participants = board.participants;
  useEffect(() => {
    if (!joinNow || !me || !name) return;
    connection.join({ name, color: nextColor(participants.map((p) => p.color)), joinedAt: Date.now() });
  }, [joinNow, me, name, participants, connection]);

  // Two people who joined at once may have the same colour: the later one moves to a free one, if one is
  // left (past the palette's size colours repeat, and rewriting the entry again would only echo round the room).
  const colorClash = synced && me !== null && entry !== null && clashesWithEarlier(participants, me, sameColor);
  const freeColor = useMemo(() => {
    if (!colorClash) return null;
    const others = participants.filter((p) => p.id !== me).map((p) => p.color.toLowerCase());
    const next = nextColor(others);
    return others.includes(next.toLowerCase()) ? null : next;
  }, [colorClash, participants, me]);
  useEffect(() => {
    if (freeColor && entry) connection.join({ name: entry.name, joinedAt: entry.joinedAt, color: freeColor });
  }, [freeColor, entry, connection]);

  const self = entry && placing ? entry : null;
  let request: NameRequest | null = null;
  if (synced && me) {
    if (self && clashesWithEarlier(participants, me, sameName)) request = { kind: "rename", initial: self.name };
    else if (!entry && asking) request = { kind: "place-too", initial: name ?? "" };
    else if (!entry && placing && (name === null || taken)) request = { kind: "join", initial: name ?? "" };
  }

  const selfName = self?.name ?? null;
  const selfColor = self?.color ?? null;
  useEffect(() => {
    if (role === "viewer") return connection.setUser({ participant: null, name: "Viewer", color: "#64748b", role });
    if (me && selfName && selfColor) return connection.setUser({ participant: me, name: selfName, color: selfColor, role });
    // A facilitator who only runs the board is here too, and not counted.
    if (role === "facilitator") return connection.setUser({ participant: null, name: "Facilitator", color: "#4338ca", role });
    connection.setUser(null);
  }, [connection, role, me, selfName, selfColor]);

  return {
    me,
    self,
    canPlaceToo: synced && role === "facilitator" && me !== null && !placing && !asking,
    placeToo: () => setAsking(true),
    request,
    submitName(chosenName) {
      rememberName(chosenName);
      setName(chosenName);
      if (request?.kind === "rename" && self) connection.join({ color: self.color, joinedAt: self.joinedAt, name: chosenName });
      if (request?.kind === "place-too") {
        rememberPlacing(boardId);
        setChosen(true);
        setAsking(false);
      }
    },
    cancelRequest: () => setAsking(false),
  };
}
