import { cellCounts } from "../stats";
import { decisionList, rankedItems } from "./build";
import { cellName } from "../board/geometry";
import { cellOf, goalPoint, sizeOf } from "../board/grid";
import { commonCell, describeCommonCell } from "../stats/common-cell";
import { groupReasons } from "../stats/reasons";
import { campHeading, shapeWords } from "../stats/shape-words";
import type { ItemStats } from "../stats/schema";
import type { GoalCorner, Grid } from "../board/schema";
import { summarizeChanges, type Comparison } from "./compare";
import { cells, percent, readableUtc, spreadChangeText } from "./report-format";
import { roundSnapshotName } from "./rounds";
import type { Snapshot, SnapshotItem } from "./schema";

/** User text goes into tables and headings; keep it from becoming markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`).replace(/\r\n?|\n/g, " ");
}

export interface SnapshotMarkdownOptions {
  /** A named snapshot's name. */
  snapshotName?: string;
  /**
   * The snapshot the previous round was saved as ("Round N−1", by the
   * facilitator's "New round"), to say how each item changed since; null or
   * absent when there is none.
   */
  previousRound?: Snapshot | null;
}

/** A report for meeting notes: the board's items most contested first, how each changed since the last round, and what each number means. */
export function snapshotMarkdown(snapshot: Snapshot, options: SnapshotMarkdownOptions = {}): string {
  const { snapshotName, previousRound = null } = options;
  const { grid, round } = snapshot.board;
  const { rows, columns } = grid;
  const size = sizeOf(grid);
  const names = new Map(snapshot.participants.map((p) => [p.id, p.name]));
  const earlier = previousRound ? new Map(previousRound.items.map((i) => [i.id, i])) : null;
  const since = (item: SnapshotItem): string => {
    const before = earlier?.get(item.id);
    if (!before) return "not on the board then";
    if (!before.stats) return item.stats ? `not placed then → ${cells(item.stats.spread)}` : "not placed then or now";
    return item.stats ? spreadChangeText(before.stats.spread, item.stats.spread) : `${cells(before.stats.spread)} → not placed`;
  };
  const common = (item: SnapshotItem) => commonCellMarkdown(snapshot, item);

  const lines: string[] = [];
  lines.push(`# ${escapeMarkdown(snapshot.board.title)}`, "");
  if (snapshotName) lines.push(`Snapshot: **${escapeMarkdown(snapshotName)}**  `);
  if (round !== undefined) lines.push(`Round: ${round}  `);
  lines.push(`${snapshotName ? "Taken" : "Exported"}: ${readableUtc(snapshot.exportedAt)}  `);
  lines.push(`Participants: ${snapshot.participants.length}  `);
  lines.push(`Items: ${snapshot.items.length}`, "");
  lines.push("## Grid", "");
  lines.push(`Rows: ${rows.map((r) => escapeMarkdown(r.label)).join(" · ")}  `);
  lines.push(`Columns: ${columns.map((c) => escapeMarkdown(c.label)).join(" · ")}`, "");

  lines.push(...decisionsMarkdown(snapshot));

  lines.push("## Items, most contested first", "");
  const previous = round !== undefined && round > 1 ? round - 1 : null;
  if (previousRound && previous !== null) {
    lines.push(
      `“Since round ${previous}” compares each item’s spread with the snapshot “${escapeMarkdown(roundSnapshotName(previous))}”, saved when round ${round} began` +
        ` (${readableUtc(previousRound.exportedAt)}).`,
      "",
    );
  } else if (previous !== null) {
    lines.push(`No snapshot of round ${previous} was found (“New round” saves one), so there is no change since then to show.`, "");
  } else {
    lines.push("This is the first round: there is no earlier round to compare with.", "");
  }
  const compared = previousRound !== null && previous !== null;
  const header = ["#", "Item", "n", "Spread", "Shape", ...(compared ? [`Since round ${previous}`] : []), "Common cell", "Scatter", "Diagonal"];
  lines.push(`| ${header.join(" | ")} |`, `|${header.map((h) => "-".repeat(h.length + 2)).join("|")}|`);
  const ranked = rankedItems(snapshot);
  ranked.forEach((item, i) => {
    const s = item.stats;
    const row = s
      ? [String(i + 1), escapeMarkdown(item.text), String(s.n), cells(s.spread), shapeWords(s)!, ...(compared ? [since(item)] : []), common(item), cells(s.entropy), percent(s.alignment)]
      : [String(i + 1), escapeMarkdown(item.text), "0", "—", "—", ...(compared ? [since(item)] : []), "not placed", "—", "—"];
    lines.push(`| ${row.join(" | ")} |`);
  });
  lines.push(
    "",
    "Spread is in cells (0: everyone placed it at the same spot); Shape says whether a disagreement is two camps or scattered; Scatter runs from 0 (one cell) to 1 (evenly over every cell); Diagonal is how far " +
      "from the top-left corner (0 %) to the bottom-right corner (100 %) the placements lie on average. How each is computed is at the end.",
  );

  for (const item of ranked) {
    lines.push("", `### ${escapeMarkdown(item.text)}`, "");
    if (item.note?.trim()) lines.push(...noteQuote(item.note), "");
    if (compared) lines.push(`Spread since round ${previous}: ${since(item)}.`, "");
    if (!item.stats) {
      lines.push("Nobody has placed it.");
      continue;
    }
    const counts = cellCounts(item.placements, size);
    lines.push(`|  | ${columns.map((c) => escapeMarkdown(c.label)).join(" | ")} |`);
    lines.push(`|---|${columns.map(() => "---").join("|")}|`);
    rows.forEach((r, ri) => {
      lines.push(`| **${escapeMarkdown(r.label)}** | ${columns.map((_, ci) => counts[ri * size.columns + ci] || "·").join(" | ")} |`);
    });
    const who = item.placements
      .map((p) => `${escapeMarkdown(names.get(p.participant) ?? p.participant)} (${escapeMarkdown(cellName(grid, cellOf(p, size)))})`)
      .join("; ");
    lines.push("", `Placed by: ${who}`);
    lines.push("", shapeMarkdown(item.stats, grid, (id) => names.get(id) ?? id));
    lines.push(...reasonsMarkdown(item, grid, (id) => names.get(id) ?? id));
  }

  lines.push("", "## How these are computed", "", HOW_COMPUTED, "");
  return lines.join("\n");
}

/**
 * "## Decisions": the outcome of a prioritisation session, every item highest priority first with
 * its priority, spread, shape and flag; on a board without a goal corner, a line saying there are
 * no priorities.
 */
function decisionsMarkdown(snapshot: Snapshot): string[] {
  const { grid, goal } = snapshot.board;
  const lines = ["## Decisions", ""];
  if (!goal) {
    lines.push("This board has no goal corner, so its items have no priorities. Set one (the corner the group is aiming for) to rank them here.", "");
    return lines;
  }
  lines.push(`Goal corner: **${GOAL_WORDS[goal]}** (${escapeMarkdown(cellName(grid, cellOf(goalPoint(goal, grid), sizeOf(grid))))}). Items highest priority first:`, "");
  lines.push("| # | Item | Priority | Where the group put it | Spread | Shape | Flag |", "|---|------|----------|------|--------|-------|------|");
  const size = sizeOf(grid);
  decisionList(snapshot).forEach(({ item, flag }, i) => {
    const s = item.stats;
    const figures = s
      ? [s.priority === null ? "—" : cells(s.priority), escapeMarkdown(cellName(grid, cellOf(s.centroid, size))), cells(s.spread), shapeWords(s)!]
      : ["—", "—", "—", "not placed"];
    // Nobody placed it: not ranked, so the list's last place is never mistaken for its priority.
    lines.push(`| ${[s ? String(i + 1) : "—", escapeMarkdown(item.text), ...figures, flag ?? ""].join(" | ")} |`);
  });
  lines.push(
    "",
    "**Priority** is how close the group’s centre for an item lies to the goal corner: 1 − (distance from the centre to the corner) ÷ (the length of the grid’s diagonal), " +
      "from 1 at the corner to 0 at the opposite one; equal priorities put the item the group agrees on more (the smaller spread) first. " +
      "A flag marks an item in the top 3 that the group is split on (two camps) or scattered over: its place is worth a word before anyone acts on it.",
    "",
  );
  return lines;
}

const GOAL_WORDS: Record<GoalCorner, string> = {
  "top-left": "top left",
  "top-right": "top right",
  "bottom-left": "bottom left",
  "bottom-right": "bottom right",
};

/** The shape of an item's disagreement in a sentence: the camps and who is in each, or that it is scattered or agreed. */
function shapeMarkdown(stats: ItemStats, grid: Grid, nameOf: (id: string) => string): string {
  const split = stats.split === null ? "" : ` (split ${stats.split.toFixed(2)})`;
  if (stats.shape === "agreed") return `Shape: **agreed**${split}: the placements lie close together.`;
  if (stats.shape !== "split" || !stats.camps) {
    return `Shape: **scattered**${split}: no two camps; the item may need a sharper definition rather than a debate.`;
  }
  const size = sizeOf(grid);
  const camp = (c: (typeof stats.camps)[number]) =>
    `${c.size} around ${escapeMarkdown(cellName(grid, cellOf(c.centroid, size)))} (${c.participants.map((id) => escapeMarkdown(nameOf(id))).join(", ")})`;
  return `Shape: **${shapeWords(stats)}**${split}: ${camp(stats.camps[0])}; ${camp(stats.camps[1])}. The group’s centre lies between the camps, where nobody placed it.`;
}

/** "#### Reasons" with each reason under its camp (split items) or its cell; nothing when nobody gave one. */
function reasonsMarkdown(item: SnapshotItem, grid: Grid, nameOf: (id: string) => string): string[] {
  const size = sizeOf(grid);
  const groups = groupReasons(item.placements, item.stats, size);
  if (groups.length === 0) return [];
  const lines = ["", "#### Reasons"];
  for (const g of groups) {
    const heading =
      g.kind === "camp"
        ? campHeading(item.stats!.camps![g.camp], grid)
        : cellName(grid, g.cell);
    lines.push("", `**${escapeMarkdown(heading)}**`, "");
    for (const r of g.reasons) lines.push(`- ${escapeMarkdown(nameOf(r.participant))}: ${escapeMarkdown(r.reason!.trim())}`);
  }
  return lines;
}

/** "Engineering, Average-case (67 %)", "split evenly between …" or "no common cell", with the labels escaped. */
function commonCellMarkdown(snapshot: Snapshot, item: SnapshotItem): string {
  const { grid } = snapshot.board;
  const common = commonCell(item.placements, sizeOf(grid));
  return common ? describeCommonCell(common, (cell) => escapeMarkdown(cellName(grid, cell))) : "not placed";
}

/** An item's note as a block quote, its line breaks kept and its text kept from becoming markup. */
function noteQuote(note: string): string[] {
  return note
    .trim()
    .split(/\r\n?|\n/)
    .map((line) => (line.trim() ? `> ${escapeMarkdown(line.trim())}  ` : ">"));
}

const HOW_COMPUTED =
  "Positions are measured in cells: a placement in the middle of the top-left cell is at column 0.5, row 0.5, and the group’s centre is the average " +
  "of everyone’s positions. **Spread** is the typical distance from the group’s centre, in cells: the square root of the mean squared distance of each " +
  "placement from the centre; 0 means everyone placed the item at the same spot. **Common cell** is the cell holding the most placements, with its share " +
  "of them; there is no common cell when two or more people placed the item each in a cell of their own, and cells that tie for most are all named. **Scatter** is the " +
  "Shannon entropy of how many placements each cell holds, divided by the largest it can be, log(number of cells): 0 when every placement is in one cell, " +
  "1 when they are spread evenly over every cell. **Diagonal** is how far along the line from the top-left corner (0 %) to the bottom-right corner " +
  "(100 %) the placements lie on average: the mean of (column ÷ number of columns + row ÷ number of rows) ÷ 2. Items are ranked by spread, largest " +
  "first (ties: larger scatter first). **Shape** looks for two camps: of every way to divide the placements into two groups, take the one that leaves " +
  "the least squared distance of placements from their own group’s centre (W2), and compare it with the squared distance from the single centre (W1); " +
  "**split** = 1 − W2 ÷ W1, from 0 to 1 (near 1: two tight groups far apart; it needs at least four placements). The two groups are the **camps**. " +
  "An item is **agreed** when its spread is below 0.5 cells; **two camps** when split is at least 0.75, the smaller camp holds at least 2 placements " +
  "and a fifth of them, and the camps’ centres are at least a cell apart; otherwise **scattered**. “Since round N” compares each item’s spread now with the snapshot “Round N” that the facilitator’s “New round” saved.";

/** A comparison of two snapshots for meeting notes: a summary, then one row per item in the order of `comparison.changes`. */
export function comparisonMarkdown(before: Snapshot, after: Snapshot, comparison: Comparison, labels: { before: string; after: string }): string {
  const { changes } = comparison;
  const common = (s: Snapshot, id: string) => {
    const item = s.items.find((i) => i.id === id);
    return item?.stats ? commonCellMarkdown(s, item) : "not placed";
  };
  const lines: string[] = [];
  lines.push(`# ${escapeMarkdown(after.board.title)}: what changed`, "");
  lines.push(`From **${escapeMarkdown(labels.before)}** to **${escapeMarkdown(labels.after)}**: ${escapeMarkdown(summarizeChanges(changes))}`, "");
  if (comparison.gridChanged) {
    lines.push("> The grid’s rows or columns changed in between; positions are compared in grid cells all the same.", "");
  }
  lines.push("| Item | Rank | Centre moved (cells) | Spread | Change | Shape | Common cell |");
  lines.push("|------|------|----------------------|--------|--------|-------|-------------|");
  for (const c of changes) {
    const tag = c.presence === "added" ? " (new)" : c.presence === "removed" ? " (deleted)" : "";
    const change =
      c.spreadChange === null ? "—" : Math.abs(c.spreadChange) < 0.005 ? "no change" : `${signed(c.spreadChange)} (${c.spreadChange < 0 ? "closer together" : "further apart"})`;
    lines.push(
      `| ${escapeMarkdown(c.text)}${tag} | ${c.rankBefore ?? "–"} → ${c.rankAfter ?? "–"} | ${c.move === null ? "—" : cells(c.move)} | ${c.before ? cells(c.before.spread) : "—"} → ${
        c.after ? cells(c.after.spread) : "—"
      } | ${change} | ${shapeWords(c.before) ?? "—"} → ${shapeWords(c.after) ?? "—"} | ${common(before, c.id)} → ${common(after, c.id)} |`,
    );
  }
  const withReasons = changes.filter((c) => c.reasonChanges.length > 0);
  if (withReasons.length > 0) {
    const names = new Map([...before.participants, ...after.participants].map((p) => [p.id, p.name]));
    const quoted = (text: string | null) => (text === null ? "none" : `“${escapeMarkdown(text)}”`);
    lines.push("", "## Reasons that changed");
    for (const c of withReasons) {
      lines.push("", `### ${escapeMarkdown(c.text)}`, "");
      for (const r of c.reasonChanges) lines.push(`- ${escapeMarkdown(names.get(r.participant) ?? r.participant)}: ${quoted(r.before)} → ${quoted(r.after)}`);
    }
  }
  lines.push("");
  return lines.join("\n");
}

const signed = (x: number) => `${x < 0 ? "−" : "+"}${cells(Math.abs(x))}`;
