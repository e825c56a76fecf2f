import { stringify } from "csv-stringify/sync";
import type { Snapshot } from "./schema";
import { decisionList, rankedItems } from "./build";
import type { ItemChange } from "./compare";
import type { BoardHistoryJson } from "../api/schemas";
import { decimal } from "./report-format";
import { cellOf, sizeOf } from "../board/grid";
import type { Camp } from "../stats/schema";
import { shapeWords } from "../stats/shape-words";

/** Spreadsheets run cells that start with these as formulas; a leading quote makes them text. */
const FORMULA_START = /^[=+\-@\t\r]/;
export const neutralise = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/** A number already written out; unlike user text, a leading minus is its sign, not a formula. */
interface Written {
  number: string;
}
type Cell = string | number | Written;
const cellText = (c: Cell): string | number => (typeof c === "string" ? neutralise(c) : typeof c === "number" ? c : c.number);
const toCsv = (header: string[], rows: Cell[][]): string =>
  stringify([header, ...rows.map((r) => r.map(cellText))], {
    record_delimiter: "\r\n",
    quoted_match: /[",\r\n]/,
  });

/** One row per placement (RFC 4180). */
export function placementsCsv(snapshot: Snapshot, snapshotName = ""): string {
  const names = new Map(snapshot.participants.map((p) => [p.id, p.name]));
  const { rows, columns } = snapshot.board.grid;
  const out: Cell[][] = [];
  for (const item of snapshot.items) {
    for (const p of item.placements) {
      out.push([
        snapshot.board.id,
        snapshot.board.title,
        snapshotName,
        item.id,
        item.text,
        p.participant,
        names.get(p.participant) ?? "",
        rows[Math.floor(p.row)]?.label ?? "",
        columns[Math.floor(p.col)]?.label ?? "",
        p.col,
        p.row,
        new Date(p.at).toISOString(),
        p.reason ?? "",
      ]);
    }
  }
  return toCsv(
    ["board_id", "board_title", "snapshot", "item_id", "item_text", "participant_id", "participant_name", "row_label", "column_label", "col", "row", "at", "reason"],
    out,
  );
}

const cellLabel = (snapshot: Snapshot, cell: { row: number; col: number } | undefined): string =>
  cell ? `${snapshot.board.grid.rows[cell.row]?.label ?? ""} / ${snapshot.board.grid.columns[cell.col]?.label ?? ""}` : "";

/**
 * Statistics in CSV files have three decimals, shares as fractions 0..1 like in
 * the JSON: a thousandth of a cell is far below anything a placement can mean,
 * and full doubles ("1.4142135623730951", "1.3877787807814457e-17") read as noise.
 * The JSON keeps full precision.
 */
const STAT_DIGITS = 3;
const stat = (x: number): Written => ({ number: decimal(x, STAT_DIGITS) });

const STATS_HEADER = [
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
  ...[1, 2].flatMap((k) => [`camp${k}_size`, `camp${k}_col`, `camp${k}_row`, `camp${k}_participants`]),
  // Added after the crux columns, so a script that reads the earlier columns by position still finds them.
  "priority",
];

/** One row per item, most contested first; a camp's participants by name, separated by "; ". */
export function statsCsv(snapshot: Snapshot): string {
  const names = new Map(snapshot.participants.map((p) => [p.id, p.name]));
  const out = rankedItems(snapshot).map((item, i): Cell[] => {
    const s = item.stats;
    if (!s) return [i + 1, item.id, item.text, 0, ...new Array<string>(STATS_HEADER.length - 4).fill("")];
    const camp = (c: Camp | undefined): Cell[] =>
      c ? [c.size, stat(c.centroid.col), stat(c.centroid.row), c.participants.map((id) => names.get(id) ?? id).join("; ")] : ["", "", "", ""];
    return [
      i + 1,
      item.id,
      item.text,
      s.n,
      ...[s.centroid.col, s.centroid.row, s.spread, s.sdCol, s.sdRow, s.agreement, s.entropy, s.alignment].map(stat),
      cellLabel(snapshot, s.modalCell),
      s.split === null ? "" : stat(s.split),
      s.shape ?? "",
      ...camp(s.camps?.[0]),
      ...camp(s.camps?.[1]),
      s.priority === null ? "" : stat(s.priority),
    ];
  });
  return toCsv(STATS_HEADER, out);
}

const PRIORITIES_HEADER = ["rank", "item_id", "item_text", "note", "priority", "spread", "shape", "n", "centroid_col", "centroid_row", "centroid_cell", "flag"];

/**
 * The decision list, one row per item, highest priority first (lib/stats, rankByPriority): for
 * meeting notes or a ticket tracker. Shape in the board's words ("two camps (3 vs 2)"); priority
 * empty when the board has no goal corner, and every statistic empty for an item nobody placed.
 */
export function prioritiesCsv(snapshot: Snapshot): string {
  const out = decisionList(snapshot).map(({ item, flag }, i): Cell[] => {
    const s = item.stats;
    const known: Cell[] = s
      ? [s.priority === null ? "" : stat(s.priority), stat(s.spread), shapeWords(s) ?? "", s.n, stat(s.centroid.col), stat(s.centroid.row), centroidCell(snapshot, s.centroid)]
      : ["", "", "", 0, "", "", ""];
    // An item without a priority (nobody placed it) is not ranked: a tracker sorting by rank must not read it as the last priority.
    return [s ? i + 1 : "", item.id, item.text, item.note ?? "", ...known, flag ?? ""];
  });
  return toCsv(PRIORITIES_HEADER, out);
}

/** The cell a group's centre falls in, by its labels. */
const centroidCell = (snapshot: Snapshot, centroid: { col: number; row: number }): string =>
  cellLabel(snapshot, cellOf(centroid, sizeOf(snapshot.board.grid)));

/** One row per item of a comparison between two snapshots, in the order given (as sorted on screen). */
export function comparisonCsv(before: Snapshot, after: Snapshot, changes: readonly ItemChange[]): string {
  const num = (x: number | null | undefined): Cell => (x === null || x === undefined ? "" : stat(x));
  const out = changes.map((c): Cell[] => [
    c.id,
    c.text,
    c.presence,
    c.rankBefore ?? "",
    c.rankAfter ?? "",
    c.before?.n ?? 0,
    c.after?.n ?? 0,
    num(c.before?.centroid.col),
    num(c.before?.centroid.row),
    num(c.after?.centroid.col),
    num(c.after?.centroid.row),
    num(c.move),
    num(c.before?.spread),
    num(c.after?.spread),
    num(c.spreadChange),
    cellLabel(before, c.before?.modalCell),
    cellLabel(after, c.after?.modalCell),
    num(c.before?.split),
    num(c.after?.split),
    c.before?.shape ?? "",
    c.after?.shape ?? "",
    c.reasonChanges.length,
  ]);
  return toCsv(
    [
      "item_id",
      "item_text",
      "presence",
      "rank_before",
      "rank_after",
      "n_before",
      "n_after",
      "centroid_col_before",
      "centroid_row_before",
      "centroid_col_after",
      "centroid_row_after",
      "centroid_move",
      "spread_before",
      "spread_after",
      "spread_change",
      "modal_cell_before",
      "modal_cell_after",
      "split_before",
      "split_after",
      "shape_before",
      "shape_after",
      "reasons_changed",
    ],
    out,
  );
}

/**
 * A board's timeline (GET /api/boards/<id>/history), one row per change, oldest
 * first: for analysing how placements moved during a session.
 */
export function timelineCsv(history: BoardHistoryJson): string {
  const { rows, columns } = history.grid;
  const text = new Map<string, string>();
  const names = new Map<string, string>();
  for (const state of [history.final, history.start]) {
    // Fallbacks for changes before the first event that names them; the starting board wins over the end.
    for (const i of state.items) text.set(i.id, i.text);
    for (const p of state.participants) names.set(p.id, p.name);
  }
  // Text and names as they were at each change: an item event carries the text of its time.
  const out = history.events.map((e): Cell[] => {
    if (e.kind === "item") text.set(e.item.id, e.item.text);
    if (e.kind === "participant") names.set(e.participant.id, e.participant.name);
    const at = new Date(e.at).toISOString();
    switch (e.kind) {
      case "place":
        return [at, e.kind, e.item, text.get(e.item) ?? "", e.participant, names.get(e.participant) ?? "", e.col, e.row, rows[Math.floor(e.row)]?.label ?? "", columns[Math.floor(e.col)]?.label ?? ""];
      case "unplace":
        return [at, e.kind, e.item, text.get(e.item) ?? "", e.participant, names.get(e.participant) ?? "", "", "", "", ""];
      case "item":
        return [at, e.kind, e.item.id, e.item.text, e.item.createdBy, names.get(e.item.createdBy) ?? "", "", "", "", ""];
      case "item-removed":
        return [at, e.kind, e.item, text.get(e.item) ?? "", "", "", "", "", "", ""];
      case "participant":
        return [at, e.kind, "", "", e.participant.id, e.participant.name, "", "", "", ""];
    }
  });
  return toCsv(["at", "change", "item_id", "item_text", "participant_id", "participant_name", "col", "row", "row_label", "column_label"], out);
}
