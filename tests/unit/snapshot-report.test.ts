import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addItem, deleteItem, joinParticipant, placeItem, startRound } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
import { readBoard } from "../../lib/board/doc";
import { ALIGNMENT_GRID } from "../../lib/board/templates";
import { buildSnapshot } from "../../lib/snapshot/build";
import { compareSnapshots } from "../../lib/snapshot/compare";
import { comparisonCsv, statsCsv } from "../../lib/snapshot/csv";
import { snapshotMarkdown } from "../../lib/snapshot/markdown";
import { decimal, readableUtc } from "../../lib/snapshot/report-format";
import { previousRoundSnapshot } from "../../lib/snapshot/rounds";
import { snapshotSvg, textWidth } from "../../lib/snapshot/svg";
import { BOARD_ID, EXPORTED_AT, T0, sampleBoard } from "./sample-board";

/** The lines of a report from its items table on (the Decisions table comes before it). */
const itemLines = (md: string) => md.slice(md.indexOf("## Items, most contested first")).split("\n");

const STAT_COLUMNS = ["centroid_col", "centroid_row", "spread", "sd_col", "sd_row", "agreement", "entropy", "alignment", "priority"];

/** Fields by header name; the CSVs here hold no quoted commas in these columns. */
const records = (csv: string) => {
  const [header, ...rows] = csv.trimEnd().split("\r\n").map((l) => l.split(","));
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
};

/** The sample board without the items whose text holds commas and line breaks, so a split on commas reads its CSVs. */
function plainBoard(): Y.Doc {
  const doc = sampleBoard();
  for (const id of ["csv-trap", "formula", "markup"]) deleteItem(doc, id);
  return doc;
}

describe("decimal", () => {
  it.each([
    [Math.SQRT2, "1.414"],
    [0.5, "0.500"],
    [1.3877787807814457e-17, "0.000"],
    [-1.3877787807814457e-17, "0.000"],
    [-0.0004, "0.000"],
    [-0, "0.000"],
    [-0.1234, "-0.123"],
    [2 / 3, "0.667"],
    [1e21, "1e+21"],
  ])("writes %s as %s", (x, text) => {
    if (x >= 1e21) return expect(decimal(x)).not.toMatch(/^-0/);
    expect(decimal(x)).toBe(text);
  });
});

describe("statistics CSV", () => {
  it("prints every statistic with three decimals: no 16-digit doubles, no exponent, no -0", () => {
    const doc = plainBoard();
    // Three placements at 0.1: the mean is 0.10000000000000002, so sd_col comes out as 1.3877787807814457e-17.
    for (const [id, name] of [["p-dee", "Dee"], ["p-eve", "Eve"]] as const) joinParticipant(doc, { id, name, color: "#0f766e", joinedAt: T0 });
    for (const p of ["p-ada", "p-ben", "p-chen"]) placeItem(doc, { item: "debate", participant: p, col: 0.1, row: 1.7, at: T0 + 1 }, ALIGNMENT_GRID);
    const snapshot = buildSnapshot(BOARD_ID, readBoard(doc), EXPORTED_AT);
    expect(String(snapshot.items.find((i) => i.id === "debate")!.stats!.sdCol)).toMatch(/e-/);
    const rows = records(statsCsv(snapshot));
    const placed = rows.filter((r) => r.n !== "0");
    expect(placed.length).toBeGreaterThan(3);
    for (const row of placed) for (const column of STAT_COLUMNS) expect(row[column], `${row.item_id} ${column}`).toMatch(/^\d+\.\d{3}$/);
    const rlhf = rows.find((r) => r.item_id === "rlhf")!;
    expect(rlhf.spread).toBe("1.155"); // sqrt(4/3)
    expect(rlhf.agreement).toBe("0.333");
    expect(rows.find((r) => r.item_id === "debate")!.sd_col).toBe("0.000");
    // The JSON keeps full precision.
    expect(snapshot.items.find((i) => i.id === "rlhf")!.stats!.spread).toBe(Math.sqrt(4 / 3));
  });

  it("prints a comparison's changes the same way, with their sign and never -0", () => {
    const doc = plainBoard();
    const before = buildSnapshot(BOARD_ID, readBoard(doc), EXPORTED_AT);
    placeItem(doc, { item: "rlhf", participant: "p-chen", col: 1.5, row: 1.5, at: T0 + 400_000 }, ALIGNMENT_GRID);
    // Moved by far less than a thousandth: the change rounds to zero and must not print as "-0.000".
    placeItem(doc, { item: "ai-control", participant: "p-ada", col: 2.25, row: 1.749, at: T0 + 400_001 }, ALIGNMENT_GRID);
    const after = buildSnapshot(BOARD_ID, readBoard(doc), new Date(EXPORTED_AT.getTime() + 60_000));
    const rows = records(comparisonCsv(before, after, compareSnapshots(before, after).changes));
    const rlhf = rows.find((r) => r.item_id === "rlhf")!;
    expect(rlhf.spread_change).toMatch(/^-0\.\d{3}$/);
    expect(rlhf.rank_before).toBe("1");
    const control = rows.find((r) => r.item_id === "ai-control")!;
    expect(Number(control.spread_change)).toBe(0);
    expect(control.spread_change).toBe("0.000");
    for (const row of rows) for (const [k, v] of Object.entries(row)) if (/col|row|move|spread/.test(k) && v) expect(v, k).toMatch(/^-?\d+\.\d{3}$/);
  });
});

describe("readableUtc", () => {
  it("writes day, month name, year and UTC time, whatever the offset", () => {
    expect(readableUtc("2026-12-06T14:05:09.123Z")).toBe("6 December 2026, 14:05 UTC");
    expect(readableUtc("2026-12-06T09:05:00-05:00")).toBe("6 December 2026, 14:05 UTC");
    expect(readableUtc("2027-01-01T00:30:00+01:00")).toBe("31 December 2026, 23:30 UTC");
  });
});

/** The sample board in round 1, then in round 2 after the group talked: RLHF came together, Scaling came apart, a new item arrived. */
function twoRounds() {
  const doc = sampleBoard();
  const round1 = buildSnapshot(BOARD_ID, readBoard(doc), EXPORTED_AT);
  startRound(doc, 2, true);
  const place = (item: string, participant: string, col: number, row: number) =>
    placeItem(doc, { item, participant, col, row, at: T0 + 900_000 }, ALIGNMENT_GRID);
  place("rlhf", "p-chen", 1.5, 0.5);
  place("scaling", "p-ben", 2.5, 2.5);
  addItem(doc, { id: "late", text: "Debate, late", createdBy: "p-ada", createdAt: T0 + 950_000 });
  place("late", "p-ada", 1.5, 1.5);
  const round2 = buildSnapshot(BOARD_ID, readBoard(doc), new Date("2026-12-06T14:05:00Z"));
  return { round1, round2 };
}

describe("the Markdown report", () => {
  it("says when, in which round, in words, with no raw ISO time", () => {
    const { round2 } = twoRounds();
    const md = snapshotMarkdown(round2, { snapshotName: "After the break" });
    expect(md).toMatch(/^Round: 2\s*$/m);
    expect(md).toMatch(/^Taken: 6 December 2026, 14:05 UTC\s*$/m);
    expect(md).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(snapshotMarkdown(round2)).toMatch(/^Exported: 6 December 2026, 14:05 UTC\s*$/m);
  });

  it("gives each item's spread since the previous round, closer together or further apart", () => {
    const { round1, round2 } = twoRounds();
    const md = snapshotMarkdown(round2, { previousRound: round1 });
    const header = itemLines(md).find((l) => l.startsWith("| # |"))!;
    expect(header).toBe("| # | Item | n | Spread | Shape | Since round 1 | Common cell | Scatter | Diagonal |");
    const row = (text: string) => itemLines(md).find((l) => new RegExp(`^\\| \\d+ \\| ${text} \\|`).test(l))!;
    expect(row("RLHF")).toContain("| 1.15 → 0.67, closer together |");
    expect(row("Scaling")).toContain(", further apart |");
    expect(row("AI control")).toContain("| 0.18 → 0.18, no change |");
    expect(row("Debate, late")).toContain("| not on the board then |");
    expect(md).toContain("Spread since round 1: 1.15 → 0.67, closer together.");
    expect(md).toContain("saved when round 2 began (12 February 2026, 18:45 UTC)");
  });

  it("says it is the first round when there is no earlier one, and says so when the earlier one was not saved", () => {
    const { round1, round2 } = twoRounds();
    const first = snapshotMarkdown(round1);
    expect(first).toMatch(/^Round: 1\s*$/m);
    expect(first).toContain("This is the first round: there is no earlier round to compare with.");
    expect(first).not.toContain("| Since round");
    expect(first).not.toContain("Spread since round");
    expect(snapshotMarkdown(round2)).toContain("No snapshot of round 1 was found");
  });

  it("uses the board's plain names, says when there is no common cell, and ends with how each is computed", () => {
    const { round1 } = twoRounds();
    const md = snapshotMarkdown(round1);
    expect(md).toContain("| # | Item | n | Spread | Shape | Common cell | Scatter | Diagonal |");
    const body = md.slice(md.indexOf("\n"));
    for (const word of ["Entropy", "Agreement", "Alignment", "Modal", "RMS"]) expect(body).not.toContain(word);
    const row = (text: string) => itemLines(md).find((l) => new RegExp(`^\\| \\d+ \\| ${text} \\|`).test(l))!;
    // Three people, three different cells: no common cell (it used to say "Engineering, Pessimistic-case (33 %)").
    expect(row("RLHF")).toBe("| 1 | RLHF | 3 | 1.15 | scattered | no common cell | 0.50 | 50 % |");
    expect(row("Scaling")).toBe("| 2 | Scaling | 3 | 0.47 | agreed | Engineering, Average-case (67 %) | 0.29 | 22 % |");
    expect(row("AI safety via debate")).toBe("| 7 | AI safety via debate | 0 | — | — | not placed | — | — |");
    const how = md.slice(md.indexOf("## How these are computed"));
    for (const term of ["**Spread**", "**Common cell**", "**Scatter**", "**Diagonal**", "**Shape**", "**split**", "**camps**"]) expect(how).toContain(term);
    expect(how).toContain("square root of the mean squared distance");
    expect(how).toContain("log(number of cells)");
  });

  it("gives each item's description, unplaced ones too", () => {
    const { round2 } = twoRounds();
    const md = snapshotMarkdown(round2);
    const rlhf = md.slice(md.indexOf("### RLHF"));
    expect(rlhf.split("\n")[2]).toMatch(/^> \S/);
    const debate = md.slice(md.indexOf("### AI safety via debate"));
    expect(debate).toMatch(/^### AI safety via debate\n\nNobody has placed it\./);
  });

  it("keeps a note's lines and keeps them from becoming markup", () => {
    const doc = new Y.Doc();
    createBoard(doc, { title: "Notes", template: "blank", createdAt: T0 });
    addItem(doc, { id: "n", text: "Noted", note: "First line\n\n<script>x</script> | ## not a heading", createdBy: "p", createdAt: T0 + 1 });
    const md = snapshotMarkdown(buildSnapshot("b1", readBoard(doc), EXPORTED_AT));
    expect(md).toContain("> First line  \n>\n> \\<script\\>x\\</script\\> \\| \\#\\# not a heading  ");
  });
});

describe("previousRoundSnapshot", () => {
  const list = [
    { name: "Round 1", id: "a" },
    { name: "Before the break", id: "b" },
    { name: "Round 1", id: "c" },
    { name: "Round 2", id: "d" },
  ];
  it("is the latest snapshot saved as the round before, none in the first round", () => {
    expect(previousRoundSnapshot(list, 2)?.id).toBe("c");
    expect(previousRoundSnapshot(list, 3)?.id).toBe("d");
    expect(previousRoundSnapshot(list, 1)).toBeNull();
    expect(previousRoundSnapshot(list, undefined)).toBeNull();
    expect(previousRoundSnapshot(list, 5)).toBeNull();
  });
});

describe("the SVG picture's words", () => {
  it("explains the ring and the common cell in plain words, with a readable time", () => {
    const { round1 } = twoRounds();
    const svg = snapshotSvg(round1);
    expect(svg).toContain("spread: typical distance from the centre, in cells");
    expect(svg).not.toContain("RMS");
    expect(svg).toContain("Common cell (row / column)");
    expect(svg).toContain("no common cell");
    expect(svg).toContain("12 February 2026, 18:45 UTC");
  });

  it("keeps the key to the marks inside the page, on a second line when the words need it", () => {
    const svg = snapshotSvg(twoRounds().round1);
    const page = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)![1]);
    const key = /<g class="key">([\s\S]*?)<\/g>/.exec(svg)![1]!;
    const texts = [...key.matchAll(/<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)<\/text>/g)];
    expect(texts.map((t) => t[3])).toEqual(["one participant’s placement", "group centre, numbered by rank (1 = most contested)", "spread: typical distance from the centre, in cells"]);
    for (const [, x, , words] of texts) expect(Number(x) + textWidth(words!, 12), words).toBeLessThanOrEqual(page - 40);
  });
});
