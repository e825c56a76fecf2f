import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addItem, joinParticipant, placeItem } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
import { readBoard } from "../../lib/board/doc";
import { ALIGNMENT_GRID } from "../../lib/board/templates";
import { buildSnapshot } from "../../lib/snapshot/build";
import { neutralise, placementsCsv, statsCsv } from "../../lib/snapshot/csv";
import { snapshotMarkdown } from "../../lib/snapshot/markdown";
import { snapshotToDoc } from "../../lib/board/restore";
import { BOARD_ID, EXPORTED_AT, T0, TRICKY_TEXT, sampleState } from "./sample-board";

const snapshot = () => buildSnapshot(BOARD_ID, sampleState(), EXPORTED_AT);

/**
 * A strict RFC 4180 reader, independent of the writer: fields quoted only
 * when they must be, quotes doubled, records ended by CRLF.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
        if (text[i] === '"') throw new Error(`bare quote at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ",") i++;
    else if (text.startsWith("\r\n", i)) {
      records.push(record);
      record = [];
      i += 2;
    } else if (i < text.length) throw new Error(`expected CRLF or comma at ${i}, got ${JSON.stringify(text[i])}`);
  }
  if (record.length > 0) records.push(record);
  return records;
}

/** Line breaks that sit outside quoted fields. */
function recordBreaks(text: string): string[] {
  const breaks: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\r" || c === "\n")) {
      const crlf = text.startsWith("\r\n", i);
      breaks.push(crlf ? "\r\n" : c);
      if (crlf) i++;
    }
  }
  return breaks;
}

describe("neutralise", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+41 79 000 00 00", "'+41 79 000 00 00"],
    ["-2", "'-2"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tcmd", "'\tcmd"],
  ])("prefixes %j with a single quote", (input, output) => {
    expect(neutralise(input)).toBe(output);
  });

  it.each(["", "plain", "a=b", "1-2", "'=already quoted", "email@example.com"])("leaves %j alone", (input) => {
    expect(neutralise(input)).toBe(input);
  });
});

describe("placementsCsv", () => {
  it("writes a header and one record per placement, CRLF-terminated", () => {
    const csv = placementsCsv(snapshot(), "after discussion");
    const records = parseCsv(csv);
    expect(records[0]).toEqual([
      "board_id",
      "board_title",
      "snapshot",
      "item_id",
      "item_text",
      "participant_id",
      "participant_name",
      "row_label",
      "column_label",
      "col",
      "row",
      "at",
      "reason",
    ]);
    expect(records).toHaveLength(1 + 11);
    expect(records.every((r) => r.length === 13)).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(new Set(recordBreaks(csv))).toEqual(new Set(["\r\n"]));
    expect(records[1]).toEqual([
      BOARD_ID,
      "Alignment reading group — week 3",
      "after discussion",
      "scaling",
      "Scaling",
      "p-ada",
      "Ada Lovelace",
      "Engineering",
      "Average-case",
      "0.5",
      "0.5",
      new Date(T0 + 300_000).toISOString(),
      "",
    ]);
  });

  it("quotes commas, quotes and newlines the RFC 4180 way", () => {
    const csv = placementsCsv(snapshot());
    // the item text `Ships, "fast"` + LF + `or not`, with inner quotes doubled
    expect(csv).toContain('"Ships, ""fast""\nor not"');
    const row = parseCsv(csv).find((r) => r[3] === "csv-trap")!;
    expect(row[4]).toBe(TRICKY_TEXT.csv);
    // a point on the border sits in the higher cell
    expect(row.slice(7, 9)).toEqual(["Behaviorist science", "Pessimistic-case"]);
  });

  it("defuses text that a spreadsheet would run as a formula", () => {
    const csv = placementsCsv(snapshot());
    const row = parseCsv(csv).find((r) => r[3] === "formula")!;
    expect(row[4]).toBe(`'${TRICKY_TEXT.formula}`);
    expect(parseCsv(csv).flat().filter((f) => /^[=+\-@]/.test(f))).toEqual([]);
  });

  it("defuses formulas in names, titles and the snapshot name too", () => {
    const doc = new Y.Doc();
    createBoard(doc, { title: "=cmd|' /C calc'!A0", template: "alignment", createdAt: T0 });
    joinParticipant(doc, { id: "p-evil", name: "@evil", color: "#2563eb", joinedAt: T0 });
    placeItem(doc, { item: "rlhf", participant: "p-evil", col: 1, row: 1, at: T0 }, ALIGNMENT_GRID);
    const records = parseCsv(placementsCsv(buildSnapshot("b1", readBoard(doc), EXPORTED_AT), "+round 2"));
    expect(records[1]![1]).toBe("'=cmd|' /C calc'!A0");
    expect(records[1]![2]).toBe("'+round 2");
    expect(records[1]![6]).toBe("'@evil");
  });

  it("writes only the header for a board without placements", () => {
    const doc = new Y.Doc();
    createBoard(doc, { title: "Empty", template: "alignment" });
    const csv = placementsCsv(buildSnapshot("b1", readBoard(doc), EXPORTED_AT));
    expect(parseCsv(csv)).toHaveLength(1);
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("exports every placement time the board accepts, and accepts none a Date cannot hold", () => {
    const doc = new Y.Doc();
    createBoard(doc, { title: "Far future", template: "alignment", createdAt: T0 });
    // The largest time a JavaScript Date can represent is still a valid placement time.
    placeItem(doc, { item: "rlhf", participant: "p-ada", col: 1, row: 1, at: 8.64e15 }, ALIGNMENT_GRID);
    expect(() => placeItem(doc, { item: "scaling", participant: "p-ada", col: 1, row: 1, at: 1e16 }, ALIGNMENT_GRID)).toThrow();
    // Written past the commands, it is skipped by readers instead of breaking exports.
    doc.getMap("placements").set("scaling:p-ada", { item: "scaling", participant: "p-ada", col: 1, row: 1, at: 1e16 });
    const state = readBoard(doc);
    expect(state.placements).toHaveLength(1);
    expect(state.invalid.placements).toBe(1);
    expect(placementsCsv(buildSnapshot("b1", state, EXPORTED_AT))).toContain("+275760-09-13T00:00:00.000Z");
  });
});

describe("statsCsv", () => {
  it("lists items most contested first with their statistics", () => {
    const records = parseCsv(statsCsv(snapshot()));
    expect(records[0]).toEqual([
      "rank",
      "item_id",
      "item_text",
      "n",
      "centroid_col",
      "centroid_row",
      "spread",
      "sd_col",
      "sd_row",
      "agreement",
      "entropy",
      "alignment",
      "modal_cell",
      "split",
      "shape",
      "camp1_size",
      "camp1_col",
      "camp1_row",
      "camp1_participants",
      "camp2_size",
      "camp2_col",
      "camp2_row",
      "camp2_participants",
      "priority",
    ]);
    expect(records.slice(1).map((r) => r[1])).toEqual(["rlhf", "scaling", "ai-control", "csv-trap", "formula", "markup", "debate"]);
    expect(records.slice(1).map((r) => r[0])).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    const rlhf = records[1]!;
    expect(rlhf[3]).toBe("3");
    // sqrt(4/3) from three placements one cell apart around (1.5, 1.5)
    expect(rlhf[6]).toBe("1.155");
    expect(rlhf[12]).toBe("Engineering / Pessimistic-case");
    // Three placements: too few for a split, far enough apart to be scattered.
    expect(rlhf.slice(13, 16)).toEqual(["", "diffuse", ""]);
    const unplaced = records.at(-1)!;
    expect(unplaced.slice(3)).toEqual(["0", ...new Array(20).fill("")]);
  });

  it("is RFC 4180 with formulas defused", () => {
    const csv = statsCsv(snapshot());
    expect(new Set(recordBreaks(csv))).toEqual(new Set(["\r\n"]));
    const records = parseCsv(csv);
    expect(records.find((r) => r[1] === "csv-trap")![2]).toBe(TRICKY_TEXT.csv);
    expect(records.find((r) => r[1] === "formula")![2]).toBe(`'${TRICKY_TEXT.formula}`);
  });
});

describe("snapshotMarkdown", () => {
  const md = () => snapshotMarkdown(snapshot(), { snapshotName: "after discussion" });
  /** The rows of the items table (the Decisions table before it has rows of its own). */
  const tableRows = (text: string) =>
    text
      .slice(text.indexOf("## Items, most contested first"))
      .split("\n")
      .filter((l) => /^\| \d+ \|/.test(l));

  it("opens with the title and counts participants and items", () => {
    const text = md();
    expect(text.split("\n")[0]).toBe("# Alignment reading group — week 3");
    expect(text).toMatch(/^Participants: 3\s*$/m);
    expect(text).toMatch(/^Items: 7\s*$/m);
    expect(text).toContain("after discussion");
    expect(text).toContain("12 February 2026, 18:45 UTC");
  });

  it("ranks the items most contested first", () => {
    const rows = tableRows(md());
    expect(rows).toHaveLength(7);
    expect(rows[0]).toMatch(/^\| 1 \| RLHF \| 3 \| 1\.15 \| scattered \| no common cell \|/);
    expect(rows[1]).toMatch(/^\| 2 \| Scaling \| 3 \| 0\.47 \| agreed \| Engineering, Average-case \(67 %\) \|/);
    expect(rows[2]).toMatch(/^\| 3 \| AI control \| 2 \| 0\.18 \| agreed \| Behaviorist science, Worst-case \(100 %\) \|/);
    expect(rows[6]).toMatch(/^\| 7 \| AI safety via debate \| 0 \|/);
  });

  it("escapes pipes and angle brackets in user text", () => {
    const text = md();
    expect(text).toContain("\\<img src=x onerror=alert\\(1\\)\\> \\| pipe");
    expect(text).not.toMatch(/(^|[^\\])<img/m);
    // every item row keeps exactly the table's 9 unescaped separators
    for (const row of tableRows(text)) expect(row.match(/(?<!\\)\|/g)).toHaveLength(9);
  });

  it("keeps each item on one line, whatever line breaks its text holds", () => {
    const doc = new Y.Doc();
    createBoard(doc, { title: "Breaks", template: "blank", createdAt: T0 });
    // CommonMark ends a line at LF, CR or CRLF, so each of these would cut a table row in two
    addItem(doc, { id: "lf", text: "one\ntwo", createdBy: "p", createdAt: T0 + 1 });
    addItem(doc, { id: "crlf", text: "one\r\ntwo", createdBy: "p", createdAt: T0 + 2 });
    addItem(doc, { id: "cr", text: "one\rtwo", createdBy: "p", createdAt: T0 + 3 });
    const text = snapshotMarkdown(buildSnapshot("b1", readBoard(doc), EXPORTED_AT));
    expect(tableRows(text)).toHaveLength(3);
    expect(text).not.toContain("\r");
  });

  it("shows each placed item's cell counts and who placed it where, and says when nobody has", () => {
    const text = md();
    const section = text.slice(text.indexOf("### Scaling"));
    expect(section).toContain("| **Engineering** | 2 | 1 | · |");
    expect(section).toContain("Placed by: Ada Lovelace (Engineering, Average-case); Ben (Engineering, Average-case); Chen Wei (Engineering, Pessimistic-case)");
    expect(text).toContain("### AI safety via debate\n\nNobody has placed it.");
  });
});

describe("buildSnapshot and blind rounds", () => {
  it("records that a snapshot was taken during a blind round, and says nothing otherwise", () => {
    expect(snapshot().board.blind).toBeUndefined();
    const state = sampleState();
    const blind = buildSnapshot(BOARD_ID, { ...state, meta: { ...state.meta, blind: true } }, EXPORTED_AT);
    expect(blind.board.blind).toBe(true);
    // An import starts revealed whatever the file says.
    expect(readBoard(snapshotToDoc(blind)).meta.blind).toBe(false);
  });
});
