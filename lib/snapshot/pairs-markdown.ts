import { listNames } from "../board/people";
import type { PairGroup } from "../board/schema";
import { escapeMarkdown } from "./markdown";
import { cells, readableUtc } from "./report-format";

export interface PairsReport {
  title: string;
  round: number;
  /** When the pairs were made (epoch ms). */
  at: number;
  groups: readonly PairGroup[];
  /** Names as the board shows them (pseudonyms on an anonymous board). */
  nameOf(participant: string): string;
  itemText(item: string): string;
}

/** The facilitator's pairs for the meeting notes: who talks with whom, and about which items. */
export function pairsMarkdown(report: PairsReport): string {
  const { groups } = report;
  const lines = [`# Pairs: ${escapeMarkdown(report.title)}`, ""];
  lines.push(`Round: ${report.round}  `);
  lines.push(`Paired: ${readableUtc(new Date(report.at).toISOString())}  `);
  lines.push(`Groups: ${groups.length}`, "");
  if (groups.length === 0) lines.push("Nobody was paired.", "");
  groups.forEach((group, i) => {
    lines.push(`## ${i + 1}. ${escapeMarkdown(listNames(group.members.map(report.nameOf)))}`, "");
    lines.push(
      group.disagreement === null
        ? "Disagreement: none measured (they placed no item in common)"
        : `Disagreement: ${cells(group.disagreement)} cells (mean distance between their placements)`,
      "",
    );
    if (group.items.length === 0) lines.push("No item placed apart: compare reasons on any item.", "");
    else {
      lines.push("Talk about:", "");
      group.items.forEach((item, n) => lines.push(`${n + 1}. ${escapeMarkdown(report.itemText(item))}`));
      lines.push("");
    }
  });
  return `${lines.join("\n").trimEnd()}\n`;
}
