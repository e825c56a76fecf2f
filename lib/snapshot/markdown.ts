import { cellCounts } from "../stats";
import { rankedItems } from "./build";
import { cellName } from "../board/geometry";
import { summarizeChanges, type Comparison } from "./compare";
import type { Snapshot } from "./schema";

/** User text goes into tables and headings; keep it from becoming markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`).replace(/\r\n?|\n/g, " ");
}

const fmt = (x: number, digits = 2) => x.toFixed(digits);

export function snapshotMarkdown(snapshot: Snapshot, snapshotName?: string): string {
  const { rows, columns } = snapshot.board.grid;
  const size = { rows: rows.length, columns: columns.length };
  const names = new Map(snapshot.participants.map((p) => [p.id, p.name]));
  const lines: string[] = [];
  lines.push(`# ${escapeMarkdown(snapshot.board.title)}`, "");
  if (snapshotName) lines.push(`Snapshot: **${escapeMarkdown(snapshotName)}**  `);
  lines.push(`Exported: ${snapshot.exportedAt}  `);
  lines.push(`Participants: ${snapshot.participants.length}  `);
  lines.push(`Items: ${snapshot.items.length}`, "");
  lines.push("## Grid", "");
  lines.push(`Rows: ${rows.map((r) => escapeMarkdown(r.label)).join(" · ")}  `);
  lines.push(`Columns: ${columns.map((c) => escapeMarkdown(c.label)).join(" · ")}`, "");
  lines.push("## Items, most contested first", "");
  lines.push("| # | Item | n | Spread | Agreement | Entropy | Alignment | Modal cell |");
  lines.push("|---|------|---|--------|-----------|---------|-----------|------------|");
  const ranked = rankedItems(snapshot);
  ranked.forEach((item, i) => {
    const s = item.stats;
    const modal = s ? `${escapeMarkdown(rows[s.modalCell.row]?.label ?? "")}, ${escapeMarkdown(columns[s.modalCell.col]?.label ?? "")}` : "—";
    lines.push(
      s
        ? `| ${i + 1} | ${escapeMarkdown(item.text)} | ${s.n} | ${fmt(s.spread)} | ${fmt(s.agreement * 100, 0)}% | ${fmt(s.entropy)} | ${fmt(s.alignment)} | ${modal} |`
        : `| ${i + 1} | ${escapeMarkdown(item.text)} | 0 | — | — | — | — | not placed |`,
    );
  });
  for (const item of ranked) {
    if (!item.stats) continue;
    lines.push("", `### ${escapeMarkdown(item.text)}`, "");
    const counts = cellCounts(item.placements, size);
    lines.push(`|  | ${columns.map((c) => escapeMarkdown(c.label)).join(" | ")} |`);
    lines.push(`|---|${columns.map(() => "---").join("|")}|`);
    rows.forEach((r, ri) => {
      lines.push(`| **${escapeMarkdown(r.label)}** | ${columns.map((_, ci) => counts[ri * size.columns + ci] || "·").join(" | ")} |`);
    });
    const who = item.placements
      .map((p) => `${escapeMarkdown(names.get(p.participant) ?? p.participant)} (${escapeMarkdown(rows[Math.floor(p.row)]?.label ?? "")}, ${escapeMarkdown(columns[Math.floor(p.col)]?.label ?? "")})`)
      .join("; ");
    lines.push("", `Placed by: ${who}`);
  }
  lines.push("");
  return lines.join("\n");
}

const signed = (x: number) => `${x < 0 ? "−" : "+"}${fmt(Math.abs(x))}`;

/** A comparison of two snapshots for meeting notes: a summary, then one row per item in the order of `comparison.changes`. */
export function comparisonMarkdown(before: Snapshot, after: Snapshot, comparison: Comparison, labels: { before: string; after: string }): string {
  const { changes } = comparison;
  const cell = (s: Snapshot, c: { row: number; col: number } | undefined) => (c ? escapeMarkdown(cellName(s.board.grid, c)) : "not placed");
  const lines: string[] = [];
  lines.push(`# ${escapeMarkdown(after.board.title)}: what changed`, "");
  lines.push(`From **${escapeMarkdown(labels.before)}** to **${escapeMarkdown(labels.after)}**: ${escapeMarkdown(summarizeChanges(changes))}`, "");
  if (comparison.gridChanged) {
    lines.push("> The grid’s rows or columns changed in between; positions are compared in grid cells all the same.", "");
  }
  lines.push("| Item | Rank | Centre moved (cells) | Spread | Change | Most placed in |");
  lines.push("|------|------|----------------------|--------|--------|----------------|");
  for (const c of changes) {
    const tag = c.presence === "added" ? " (new)" : c.presence === "removed" ? " (deleted)" : "";
    const change =
      c.spreadChange === null ? "—" : Math.abs(c.spreadChange) < 0.005 ? "no change" : `${signed(c.spreadChange)} (${c.spreadChange < 0 ? "closer together" : "further apart"})`;
    lines.push(
      `| ${escapeMarkdown(c.text)}${tag} | ${c.rankBefore ?? "–"} → ${c.rankAfter ?? "–"} | ${c.move === null ? "—" : fmt(c.move)} | ${c.before ? fmt(c.before.spread) : "—"} → ${
        c.after ? fmt(c.after.spread) : "—"
      } | ${change} | ${cell(before, c.before?.modalCell)} → ${cell(after, c.after?.modalCell)} |`,
    );
  }
  lines.push("");
  return lines.join("\n");
}
