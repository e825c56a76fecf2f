import type { Seat } from "../api/seats";
import { ApiFailure, describeError } from "./http";
import { takeSeat } from "./seats";

/*
 * Joining a board takes a seat (contract v2, "Seats"): the server writes the person's entry and
 * hands back the secret their connections pass. What can come of asking, in the words a person
 * reads; kept apart from React so every way it can go is tested without a page.
 */

export type SeatOutcome =
  | { kind: "seated"; seat: Seat }
  /** Someone on the board already has this name (the server compares ignoring case). */
  | { kind: "name-taken"; name: string }
  /** The earlier id could not be claimed (the facilitator's key only; a participant takes a fresh seat instead). */
  | { kind: "claim-refused" }
  /** Nothing was taken; `message` says why and what to do, and asking again may help. */
  | { kind: "failed"; message: string };

export interface SeatRequest {
  boardId: string;
  key: string;
  name: string;
  /** An id this device placed under before seats, claimed once; null when it has none. */
  claim: string | null;
  /** A participant whose claim is refused takes a fresh seat; the facilitator, who needs no seat to write, does not. */
  freshIfRefused: boolean;
}

export type TakeSeat = typeof takeSeat;

const nameTaken = (error: unknown) => error instanceof ApiFailure && error.status === 409 && error.body?.path === "name";
const refused = (error: unknown) => error instanceof ApiFailure && error.status === 409;

export async function seatPerson({ boardId, key, name, claim, freshIfRefused }: SeatRequest, take: TakeSeat = takeSeat): Promise<SeatOutcome> {
  const ask = async (participant: string | null): Promise<SeatOutcome | "refused"> => {
    try {
      return { kind: "seated", seat: await take(boardId, key, participant ? { name, participant } : { name }) };
    } catch (error) {
      if (nameTaken(error)) return { kind: "name-taken", name };
      // Already seated, removed, or not from before seats: that id is not this person's to take any more.
      if (participant && refused(error)) return "refused";
      return { kind: "failed", message: describeError(error, "You could not join the board") };
    }
  };
  const first = await ask(claim);
  if (first !== "refused") return first;
  if (!freshIfRefused) return { kind: "claim-refused" };
  const fresh = await ask(null);
  return fresh === "refused" ? { kind: "failed", message: "You could not join the board." } : fresh;
}
