"use client";

import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { nextColor } from "../lib/board/colors";
import type { BoardConnection } from "../lib/board/connection";
import type { BoardState } from "../lib/board/doc";
import { clashesWithEarlier, nameTaken, sameColor, sameName, suggestName } from "../lib/board/people";
import type { Participant } from "../lib/board/schema";
import type { Role } from "../lib/board/schema";
import type { SeatOutcome } from "../lib/client/seating";
import { forgetRemoved, rememberSeat, wasRemoved } from "../lib/client/session/board-seats";
import { chosePlacing, earlierParticipantId, rememberName, rememberPlacing, rememberedName } from "../lib/client/session/identity";

/** Why the last try to join did not work, in the words the form shows. */
export interface JoinProblem {
  text: string;
  /** A distinct name to take with one click. */
  suggestion?: string;
  /** Trying the same name again may work (the server was unreachable, or busy). */
  retry?: boolean;
}

/** What this person is asked for, if anything, before (or while) they take part. */
export type NameRequest = (
  /** A participant without a name on this device, or whose remembered name is taken here. */
  | { kind: "join"; initial: string; removed?: boolean }
  /** A facilitator who chose "I'm placing too". */
  | { kind: "place-too"; initial: string }
  /** Someone who joined at the same moment as another person of the same name, and after them. */
  | { kind: "rename"; initial: string }
  /** Someone who chose to change the name they joined with. */
  | { kind: "change-name"; initial: string }
) & {
  /** What the server said to the last try, if it did not work. */
  problem?: JoinProblem;
  /** A seat is being asked for now. */
  busy?: boolean;
};

/** Where taking a seat stands in this tab. */
type Seating = { kind: "idle" } | { kind: "taking" } | { kind: "seated" } | { kind: "refused"; outcome: Exclude<SeatOutcome, { kind: "seated" }> };

export interface Participation {
  /** This device's participant id: who adds items and, once taking part, places. Null for viewers and the projector. */
  me: string | null;
  /** This person's entry on the board while they take part (are counted). */
  self: Participant | null;
  /** A facilitator who only runs the board may choose to place too. */
  canPlaceToo: boolean;
  placeToo(): void;
  request: NameRequest | null;
  /** Asks for a new name, once this person takes part; null before. */
  changeName: (() => void) | null;
  submitName(name: string): void;
  /** A facilitator's "I'm placing too" and a change of name can be cancelled: everyone else is here to place. */
  cancelRequest(): void;
}

interface Options {
  boardId: string;
  /** The key this page opened the board with: seats are taken with it. */
  boardKey: string;
  role: Role;
  /** The projector's view: it watches, and never takes a seat. */
  present: boolean;
  connection: BoardConnection;
  board: BoardState;
  synced: boolean;
}

/**
 * Who this tab is on the board. Participants take part from the start, by taking a seat (asked once
 * for a name); a facilitator runs the board and takes part only after choosing to. Names stay
 * distinct and colours come in the board's order (lib/board/people.ts, lib/board/colors.ts).
 */
export function useParticipation({ boardId, boardKey, role, present, connection, board, synced }: Options): Participation {
  // Taking a seat while the board is open changes who this tab is, without opening it again.
  const me = useSyncExternalStore(connection.subscribe, () => connection.participant, () => connection.participant);
  const [name, setName] = useState(() => rememberedName());
  const [chosen, setChosen] = useState(() => me !== null && chosePlacing(boardId));
  const [asking, setAsking] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [seating, setSeating] = useState<Seating>({ kind: "idle" });
  const seatingNow = useRef(false);
  // Removed by the facilitator: asked again, in so many words, rather than joined again on the quiet.
  const [removedBefore, setRemovedBefore] = useState(() => role === "participant" && wasRemoved(boardId));
  const entry = me ? (board.participants.find((p) => p.id === me) ?? null) : null;
  const hasPlaced = me !== null && board.placements.some((p) => p.participant === me);

  /*
   * Before "I'm placing too", a facilitator's device joined as a participant as soon as it opened
   * the board. Such an entry with placements is someone who placed: they go on counting and
   * placing. One with none is taken off the board, so it counts nowhere, for anyone.
   */
  const facilitatorPlacing = role === "facilitator" && me !== null && (chosen || (entry !== null && hasPlaced));
  const placing = !present && (role === "participant" || facilitatorPlacing);
  // Not while "I'm placing too" takes its seat: the server's entry may arrive before its answer does.
  const strayEntry = synced && role === "facilitator" && entry !== null && !placing && !asking && seating.kind !== "taking";
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

  const participants = board.participants;
  /**
   * Takes a seat under this name. A participant claims the id this device placed under before
   * seats, if it has one, and is then who the seat says; a facilitator claims its own id, and
   * when that cannot be had writes its entry itself (its key writes anything).
   */
  const sit = (chosenName: string, then?: () => void) => {
    if (seatingNow.current) return;
    seatingNow.current = true;
    setSeating({ kind: "taking" });
    const facilitator = role === "facilitator";
    const claim = facilitator ? me : earlierParticipantId(boardId);
    // Loaded only when someone joins: a returning person, already seated, never needs it.
    void import("../lib/client/seating")
      .then(({ seatPerson }) => seatPerson({ boardId, key: boardKey, name: chosenName, claim, freshIfRefused: !facilitator }))
      .catch((): SeatOutcome => ({ kind: "failed", message: "You could not join the board. Check your connection and try again." }))
      .then((outcome) => {
        seatingNow.current = false;
        if (outcome.kind === "seated") {
          const { participant, seat } = outcome.seat;
          if (!facilitator) {
            rememberSeat(boardId, { participant: participant.id, seat });
            forgetRemoved(boardId);
            setRemovedBefore(false);
            connection.seatAs(participant.id, seat);
          }
          setSeating({ kind: "seated" });
          then?.();
        } else if (outcome.kind === "claim-refused") {
          connection.join({ name: chosenName, color: nextColor(connection.board().participants.map((p) => p.color)), joinedAt: Date.now() });
          setSeating({ kind: "seated" });
          then?.();
        } else {
          setSeating({ kind: "refused", outcome });
        }
      });
  };

  // A participant without a seat takes one; a facilitator placing too, once its entry is missing.
  const needsSeat = placing && (role === "participant" ? me === null : entry === null);
  const taken = name !== null && nameTaken(participants, name, me);
  const joinNow = synced && needsSeat && name !== null && !taken && !asking && !removedBefore && seating.kind === "idle";
  useEffect(() => {
    if (joinNow && name) sit(name);
    // `sit` is made anew each render and guards itself against running twice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [joinNow, name]);

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
  const problem = problemOf(seating, participants, me);
  let request: NameRequest | null = null;
  if (synced && (placing || (asking && !present))) {
    if (self && me && clashesWithEarlier(participants, me, sameName)) request = { kind: "rename", initial: self.name };
    else if (self && renaming) request = { kind: "change-name", initial: self.name };
    else if (!entry && asking) request = { kind: "place-too", initial: name ?? "" };
    else if (needsSeat && (name === null || taken || problem || removedBefore)) {
      const initial = seating.kind === "refused" && seating.outcome.kind === "name-taken" ? seating.outcome.name : (name ?? "");
      request = { kind: "join", initial, ...(removedBefore ? { removed: true } : {}) };
    }
    if (request && request.kind !== "rename") request = { ...request, ...(problem ? { problem } : {}), busy: seating.kind === "taking" };
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
    canPlaceToo: synced && !present && role === "facilitator" && me !== null && !placing && !asking,
    placeToo: () => setAsking(true),
    request,
    changeName: self && !request ? () => setRenaming(true) : null,
    submitName(chosenName) {
      rememberName(chosenName);
      setName(chosenName);
      if ((request?.kind === "rename" || request?.kind === "change-name") && self) {
        connection.join({ color: self.color, joinedAt: self.joinedAt, name: chosenName });
        setRenaming(false);
      }
      else if (request?.kind === "place-too") {
        sit(chosenName, () => {
          rememberPlacing(boardId);
          setChosen(true);
          setAsking(false);
        });
      } else if (request?.kind === "join") sit(chosenName);
    },
    cancelRequest: () => {
      setAsking(false);
      setRenaming(false);
      setSeating({ kind: "idle" });
    },
  };
}

/** What the form says about the last try to take a seat; null when there is nothing to say. */
export function problemOf(seating: Seating, participants: readonly Participant[], me: string | null): JoinProblem | null {
  if (seating.kind !== "refused") return null;
  const { outcome } = seating;
  if (outcome.kind === "failed") return { text: outcome.message, retry: true };
  if (outcome.kind === "name-taken") {
    const suggestion = suggestName(participants, outcome.name, me);
    return { text: `Someone here is already called ${outcome.name}. Choose a name the group can tell apart, such as “${suggestion}”.`, suggestion };
  }
  return null;
}
