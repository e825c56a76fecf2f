/*
 * The words for a change the server did not accept: apart from ./refusals.ts, which every board
 * page loads, so that they load only with the first refusal.
 */

/** What a refusal means for the person who made the change, in a short, polite sentence. */
export function refusalText(reason: string): string {
  if (/locked/i.test(reason)) return "The facilitator has locked the board, so your last change was not saved.";
  if (/seat/i.test(reason)) return "This page has not joined the board yet, so your last change was not saved.";
  if (/own|added/i.test(reason)) return "Your last change was not saved: only the facilitator can change what other people added or placed.";
  return `Your last change was not saved: the server did not accept it (${reason}).`;
}
