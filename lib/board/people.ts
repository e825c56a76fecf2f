import { withoutAccents } from "../text";
import type { BoardState } from "./doc";
import type { Peer } from "./presence";
import { LIMITS, type Participant } from "./schema";

/*
 * Who takes part in a board, who of them is here now, and their names.
 *
 * One definition serves every count on every screen and in every export:
 * the people counted are the board's participants (those who chose to
 * place: a facilitator only once they said "I'm placing too") and anyone
 * whose placements are on the board without a participant entry (a raw
 * client). Viewers, the presenter view and a facilitator who only runs the
 * board are never counted. Presence (who has the board open) only says
 * which of the counted people are here; nobody drops out of a count by
 * closing their browser.
 */

export interface Roster {
  /** Everyone counted, in order of joining (anyone placing without an entry last). */
  counted: Participant[];
  /** The ids of the counted people who have the board open now. */
  here: ReadonlySet<string>;
  /** The counted people who do not have it open now. */
  away: Participant[];
}

/** Someone whose placements are on the board but who never joined (written by another program). */
const UNNAMED = "Someone unnamed";

export function rosterOf(board: BoardState, present: Iterable<string>): Roster {
  const known = new Set(board.participants.map((p) => p.id));
  const unnamed = new Map<string, Participant>();
  for (const p of board.placements) {
    if (known.has(p.participant)) continue;
    const seen = unnamed.get(p.participant);
    unnamed.set(p.participant, { id: p.participant, name: UNNAMED, color: "#64748b", joinedAt: Math.min(seen?.joinedAt ?? p.at, p.at) });
  }
  const counted = [...board.participants, ...unnamed.values()];
  const ids = new Set(counted.map((p) => p.id));
  const here = new Set([...present].filter((id) => ids.has(id)));
  return { counted, here, away: counted.filter((p) => !here.has(p.id)) };
}

/** A record (a snapshot, the replay, a board seen without presence): everyone counted is taken as here. */
/** The participants whose tabs are open now, by what each tab says it is (facilitators who only run the board say nothing). */
export function presentParticipants(peers: readonly Peer[]): string[] {
  return peers.flatMap((p) => (p.user.participant ? [p.user.participant] : []));
}

export function rosterOfRecord(board: BoardState): Roster {
  return rosterOf(board, [...board.participants.map((p) => p.id), ...board.placements.map((p) => p.participant)]);
}

/** "Bob", "Bob and Cy", "Bob, Cy and Di", "Bob, Cy, Di and 4 others": a list that stays one short line. */
export function listNames(names: readonly string[], shown = 3): string {
  if (names.length <= 1) return names[0] ?? "";
  if (names.length <= shown) return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  const rest = names.length - shown;
  return `${names.slice(0, shown).join(", ")} and ${rest} ${rest === 1 ? "other" : "others"}`;
}

/** "Bob is not here" / "Bob and Cy are not here"; null when everyone counted is here. */
export function notHereText(roster: Roster): string | null {
  if (roster.away.length === 0) return null;
  return `${listNames(roster.away.map((p) => p.name))} ${roster.away.length === 1 ? "is" : "are"} not here`;
}

/**
 * "3 of 4", or "3 of 4 (1 not here)" when some of those who have not placed it are away: the
 * count for one item, the same in the ranking and the item's panel.
 */
export function placedByText(roster: Roster, placedBy: ReadonlySet<string>): string {
  const of = roster.counted.length;
  const n = roster.counted.filter((p) => placedBy.has(p.id)).length;
  const missingAway = roster.away.filter((p) => !placedBy.has(p.id)).length;
  return `${n} of ${of}${missingAway > 0 ? ` (${missingAway} not here)` : ""}`;
}

/** How far the group has got: the blind round's progress, as the facilitator and everyone else see it. */
export interface Progress {
  /** "2 of 4" */
  count: string;
  /** "placed everything", or "here have placed everything" when the count covers only those here. */
  rest: string;
  /** "Bob and Cy are not here", or null. */
  away: string | null;
}

/**
 * With everyone here: of all counted people, how many have placed every item. With some away:
 * of those here, how many have, and who is away (whether or not they had finished).
 */
export function progressOf(board: BoardState, roster: Roster): Progress {
  const placed = new Map<string, Set<string>>();
  for (const p of board.placements) {
    const set = placed.get(p.participant) ?? new Set<string>();
    set.add(p.item);
    placed.set(p.participant, set);
  }
  const done = (id: string) => board.items.length > 0 && board.items.every((i) => placed.get(id)?.has(i.id));
  const away = notHereText(roster);
  const here = roster.counted.filter((p) => roster.here.has(p.id));
  // With nobody here, "0 of 0 here" says nothing: count everyone, and say who is away.
  const among = away && here.length > 0 ? here : roster.counted;
  return {
    count: `${among.filter((p) => done(p.id)).length} of ${among.length}`,
    rest: among === here ? `here ${among.length === 1 ? "has" : "have"} placed everything` : "placed everything",
    away,
  };
}

/*
 * Names. Two people called "Ada" differ only by a colour, so a name is kept distinct on a board:
 * compared trimmed, with runs of spaces as one, ignoring case and accents ("ada", "Adá " and "ADA"
 * are one name).
 */
export function nameKey(name: string): string {
  return withoutAccents(name)
    .replace(/\s+/g, " ")
    .trim()
    .toLocaleLowerCase("en");
}

/** Whether another participant already has this name. */
export function nameTaken(participants: readonly Participant[], name: string, exceptId: string | null = null): boolean {
  const key = nameKey(name);
  return participants.some((p) => p.id !== exceptId && nameKey(p.name) === key);
}

/** A distinct name to offer instead of a taken one: "Ada B.", then "Ada C.", …, then "Ada 2", … */
export function suggestName(participants: readonly Participant[], name: string, exceptId: string | null = null): string {
  const base = name.replace(/\s+/g, " ").trim();
  const fit = (suffix: string) => `${base.slice(0, LIMITS.nameMax - suffix.length).trimEnd()}${suffix}`;
  for (const letter of "BCDEFGHJKLMNPQRSTUVWXYZ") {
    const candidate = fit(` ${letter}.`);
    if (!nameTaken(participants, candidate, exceptId)) return candidate;
  }
  for (let n = 2; ; n++) {
    const candidate = fit(` ${n}`);
    if (!nameTaken(participants, candidate, exceptId)) return candidate;
  }
}

/**
 * Two people who joined at the same moment can both take a name, or a colour, before either sees
 * the other. The one who joined later (by the board's own order, the same on every screen) is the
 * one who changes: true when `me` shares it with someone who joined before them.
 */
export function clashesWithEarlier(participants: readonly Participant[], me: string, same: (other: Participant, mine: Participant) => boolean): boolean {
  const index = participants.findIndex((p) => p.id === me);
  const mine = participants[index];
  return mine !== undefined && participants.slice(0, index).some((other) => same(other, mine));
}

export const sameName = (a: Participant, b: Participant) => nameKey(a.name) === nameKey(b.name);
export const sameColor = (a: Participant, b: Participant) => a.color.toLowerCase() === b.color.toLowerCase();
