import { stringify } from "csv-stringify/sync";
import type { Snapshot } from "./schema";
import { rankedItems } from "./build";

/** Spreadsheets run cells that start with these as formulas; a leading quote makes them text. */
const FORMULA_START = /^[=+\-@\t\r]/;
export const neutralise = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

type Cell = string | number;
const toCsv = (header: string[], rows: Cell[][]): string =>
  stringify([header, ...rows.map((r) => r.map((c) => (typeof c === "string" ? neutralise(c) : c)))], {
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
      ]);
    }
  }
  return toCsv(
    ["board_id", "board_title", "snapshot", "item_id", "item_text", "participant_id", "participant_name", "row_label", "column_label", "col", "row", "at"],
    out,
  );
}

/** One row per item, most contested first. */
export function statsCsv(snapshot: Snapshot): string {
  const { rows, columns } = snapshot.board.grid;
  const out = rankedItems(snapshot).map((item, i): Cell[] => {
    const s = item.stats;
    if (!s) return [i + 1, item.id, item.text, 0, "", "", "", "", "", "", "", "", ""];
    return [
      i + 1,
      item.id,
      item.text,
      s.n,
      s.centroid.col,
      s.centroid.row,
      s.spread,
      s.sdCol,
      s.sdRow,
      s.agreement,
      s.entropy,
      s.alignment,
      `${rows[s.modalCell.row]?.label ?? ""} / ${columns[s.modalCell.col]?.label ?? ""}`,
    ];
  });
  return toCsv(
    ["rank", "item_id", "item_text", "n", "centroid_col", "centroid_row", "spread", "sd_col", "sd_row", "agreement", "entropy", "alignment", "modal_cell"],
    out,
  );
}
