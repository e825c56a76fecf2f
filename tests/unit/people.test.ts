import { describe, expect, it } from "vitest";
import { DEFAULT_META, type BoardState } from "../../lib/board/doc";
import {
  clashesWithEarlier,
  listNames,
  nameKey,
  nameTaken,
  placedByText,
  progressOf,
  rosterOf,
  rosterOfRecord,
  sameColor,
  sameName,
  suggestName,
} from "../../lib/board/people";
import type { Participant } from "../../lib/board/schema";
import { buildSnapshot } from "../../lib/snapshot/build";

const T0 = 1_767_225_600_000;
const person = (id: string, name = id, color = "#2563eb", joinedAt = T0): Participant => ({ id, name, color, joinedAt });
const at = (item: string, participant: string) => ({ item, participant, col: 0.5, row: 0.5, at: T0 });

function board(participants: Participant[], placements: ReturnType<typeof at>[] = []): BoardState {
  return {
    meta: DEFAULT_META,
    items: ["x", "y"].map((id) => ({ id, text: id, createdBy: "template", createdAt: T0 })),
    participants,
    placements,
    invalid: { meta: 0, items: 0, placements: 0, participants: 0 },
  };
}

describe("who is counted", () => {
  const ada = person("p-ada", "Ada");
  const bob = person("p-bob", "Bob");
  const cy = person("p-cy", "Cy");
  const di = person("p-di", "Di");
  const b = board([ada, bob, cy, di], [at("x", "p-ada"), at("y", "p-ada"), at("x", "p-bob"), at("y", "p-bob"), at("x", "p-cy")]);

  it("counts the board's participants, here or not; presence only says who is here", () => {
    const roster = rosterOf(b, ["p-ada", "p-cy", "p-viewer", "p-someone-else"]);
    expect(roster.counted.map((p) => p.name)).toEqual(["Ada", "Bob", "Cy", "Di"]);
    expect([...roster.here]).toEqual(["p-ada", "p-cy"]);
    expect(roster.away.map((p) => p.name)).toEqual(["Bob", "Di"]);
  });

  it("counts someone whose placements are there without an entry, as the exports do", () => {
    const raw = board([ada], [at("x", "p-ada"), at("x", "p-raw")]);
    expect(rosterOfRecord(raw).counted.map((p) => p.id)).toEqual(["p-ada", "p-raw"]);
    expect(buildSnapshot("b", raw).participants.map((p) => p.id)).toEqual(["p-ada", "p-raw"]);
  });

  it("says how many placed an item, and how many of those missing are not here", () => {
    expect(placedByText(rosterOf(b, ["p-ada", "p-bob", "p-cy", "p-di"]), new Set(["p-ada", "p-bob", "p-cy"]))).toBe("3 of 4");
    expect(placedByText(rosterOf(b, ["p-ada", "p-bob", "p-cy"]), new Set(["p-ada", "p-bob", "p-cy"]))).toBe("3 of 4 (1 not here)");
    // Someone away who has placed it is no reason for the count to fall short.
    expect(placedByText(rosterOf(b, ["p-ada", "p-cy", "p-di"]), new Set(["p-ada", "p-bob", "p-cy"]))).toBe("3 of 4");
  });

  it("gives the blind round's progress over everyone, or over those here and names who is not", () => {
    expect(progressOf(b, rosterOf(b, ["p-ada", "p-bob", "p-cy", "p-di"]))).toEqual({ count: "2 of 4", rest: "placed everything", away: null });
    expect(progressOf(b, rosterOf(b, ["p-ada", "p-cy"]))).toEqual({
      count: "1 of 2",
      rest: "here have placed everything",
      away: "Bob and Di are not here",
    });
    expect(progressOf(b, rosterOf(b, ["p-ada", "p-bob", "p-cy"])).away).toBe("Di is not here");
    expect(progressOf(b, rosterOf(b, ["p-ada"])).rest).toBe("here has placed everything");
    // Nobody here: "0 of 0 here" would say nothing.
    expect(progressOf(b, rosterOf(b, []))).toEqual({ count: "2 of 4", rest: "placed everything", away: "Ada, Bob, Cy and 1 other are not here" });
  });

  it("lists names in one short line", () => {
    expect(listNames([])).toBe("");
    expect(listNames(["Bob"])).toBe("Bob");
    expect(listNames(["Bob", "Cy"])).toBe("Bob and Cy");
    expect(listNames(["Bob", "Cy", "Di"])).toBe("Bob, Cy and Di");
    expect(listNames(["Bob", "Cy", "Di", "Ed", "Flo"])).toBe("Bob, Cy, Di and 2 others");
  });
});

describe("names", () => {
  it("are the same name trimmed, whatever the case, accents or spacing", () => {
    expect(nameKey("  Ada  ")).toBe(nameKey("ada"));
    expect(nameKey("Adá")).toBe(nameKey("ADA"));
    expect(nameKey("Zoë  Smith")).toBe(nameKey("zoe smith"));
    expect(nameKey("Ada B.")).not.toBe(nameKey("Ada"));
  });

  it("are taken when someone else has one, but not by oneself", () => {
    const people = [person("p-1", "Ada"), person("p-2", "Bob")];
    expect(nameTaken(people, " ADÁ ")).toBe(true);
    expect(nameTaken(people, "Ada", "p-1")).toBe(false);
    expect(nameTaken(people, "Cy")).toBe(false);
  });

  it("come with a distinct suggestion when taken, that fits the length limit", () => {
    const people = [person("p-1", "Ada"), person("p-2", "Ada B."), person("p-3", "ada c.")];
    expect(suggestName(people, "Ada")).toBe("Ada D.");
    expect(suggestName([person("p-1", "Ada")], "  ada  ")).toBe("ada B.");
    const long = "N".repeat(60);
    const suggestion = suggestName([person("p-1", long)], long);
    expect(suggestion).toHaveLength(60);
    expect(suggestion.endsWith(" B.")).toBe(true);
  });

  it("tell the later of two people who took one name, or one colour, at the same moment", () => {
    const people = [person("p-1", "Ada", "#2563eb", T0), person("p-2", "Bob", "#778800", T0 + 1), person("p-3", "ada", "#2563eb", T0 + 2)];
    expect(clashesWithEarlier(people, "p-3", sameName)).toBe(true);
    expect(clashesWithEarlier(people, "p-1", sameName)).toBe(false);
    expect(clashesWithEarlier(people, "p-3", sameColor)).toBe(true);
    expect(clashesWithEarlier(people, "p-2", sameColor)).toBe(false);
    expect(clashesWithEarlier(people, "p-unknown", sameName)).toBe(false);
  });
});
