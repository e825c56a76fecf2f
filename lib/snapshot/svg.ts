import { colorFor } from "../board/colors";
import { sizeOf } from "../board/grid";
import { rankedItems } from "./build";
import { commonCell, describeCommonCell } from "../stats/common-cell";
import { readableUtc } from "./report-format";
import type { Snapshot, SnapshotItem } from "./schema";
import { CONTENT, FONT, INK, MARGIN, MUTED, PAGE_WIDTH, cleanText, escapeXml, keyRows, pictureFacts, plural, textWidth, wrapText, type KeyEntry } from "./svg-text";

export { cleanText, escapeXml, textWidth, wrapText };

/**
 * A snapshot as a standalone, printable SVG figure: the grid with every
 * placement, each item's centre and spread ring numbered by rank, and a
 * legend. Pure string building, so the server, a script or a test can make
 * one without a DOM, and the same snapshot always gives the same bytes.
 */
export interface SnapshotSvgOptions {
  /** Shown in the subtitle, as for a named snapshot. */
  snapshotName?: string;
}

/** Two decimals are far below a printed pixel and keep large boards' files small. */
const num = (x: number) => String(Math.round(x * 100) / 100);

const ROW_LABEL_WIDTH = 176;
const GRID_HEIGHT = 520;
const RULE = "#cbd5e1";

interface TextOptions {
  size: number;
  bold?: boolean;
  fill?: string;
  anchor?: "start" | "middle" | "end";
  italic?: boolean;
}
function text(x: number, y: number, content: string, o: TextOptions): string {
  const attrs = [`x="${num(x)}"`, `y="${num(y)}"`, `font-size="${o.size}"`];
  if (o.bold) attrs.push(`font-weight="700"`);
  if (o.italic) attrs.push(`font-style="italic"`);
  if (o.fill && o.fill !== INK) attrs.push(`fill="${o.fill}"`);
  if (o.anchor && o.anchor !== "start") attrs.push(`text-anchor="${o.anchor}"`);
  return `<text ${attrs.join(" ")}>${escapeXml(content)}</text>`;
}

const diamond = (half: number) => `M0 ${-half}L${half} 0L0 ${half}L${-half} 0Z`;

export function snapshotSvg(snapshot: Snapshot, options: SnapshotSvgOptions = {}): string {
  const { rows, columns } = snapshot.board.grid;
  const ranked = rankedItems(snapshot);
  const rankOf = new Map(ranked.map((item, i) => [item.id, i + 1]));
  const colorOf = new Map(snapshot.participants.map((p) => [p.id, p.color ?? colorFor(p.id)]));
  const totalPlacements = snapshot.items.reduce((sum, item) => sum + item.placements.length, 0);
  const out: string[] = [];
  let y = MARGIN;

  // Title and subtitle.
  for (const line of wrapText(snapshot.board.title, CONTENT, 22, 2, true)) {
    y += 26;
    out.push(text(MARGIN, y, line, { size: 22, bold: true }));
  }
  const name = options.snapshotName ? cleanText(options.snapshotName) : "";
  const facts = pictureFacts(snapshot, name).join(" · ");
  for (const line of wrapText(facts, CONTENT, 13, 2)) {
    y += 20;
    out.push(text(MARGIN, y, line, { size: 13, fill: MUTED }));
  }
  y += 18;

  // Grid geometry: cells fill the width, and the grid stays short enough to share a page with the legend.
  const gridX = MARGIN + ROW_LABEL_WIDTH;
  const gridW = CONTENT - ROW_LABEL_WIDTH;
  const cellW = gridW / columns.length;
  const cellH = Math.min(cellW, GRID_HEIGHT / rows.length);
  const gridH = cellH * rows.length;
  const columnLines = columns.map((c) => wrapText(c.label, cellW - 12, 13, 3, true));
  const headerH = Math.max(...columnLines.map((l) => l.length)) * 16 + 10;
  const gridY = y + headerH;
  const px = (col: number) => gridX + col * cellW;
  const py = (row: number) => gridY + row * cellH;

  columnLines.forEach((lines, c) => {
    out.push(`<g class="column-label">`);
    lines.forEach((line, i) => {
      out.push(text(px(c + 0.5), gridY - 10 - (lines.length - 1 - i) * 16, line, { size: 13, bold: true, anchor: "middle" }));
    });
    out.push(`</g>`);
  });
  rows.forEach((r, ri) => {
    const lines = wrapText(r.label, ROW_LABEL_WIDTH - 16, 13, 3, true);
    const top = py(ri + 0.5) - (lines.length * 16) / 2 + 12;
    out.push(`<g class="row-label">`);
    lines.forEach((line, i) => out.push(text(gridX - 12, top + i * 16, line, { size: 13, bold: true, anchor: "end" })));
    out.push(`</g>`);
  });

  out.push(`<g fill="#ffffff" stroke="${RULE}" stroke-width="1">`);
  rows.forEach((_, ri) =>
    columns.forEach((_, ci) => out.push(`<rect class="cell" x="${num(px(ci))}" y="${num(py(ri))}" width="${num(cellW)}" height="${num(cellH)}"/>`)),
  );
  out.push(`</g>`);
  out.push(
    `<rect class="grid" x="${num(gridX)}" y="${num(gridY)}" width="${num(gridW)}" height="${num(gridH)}" fill="none" stroke="#64748b" stroke-width="1.5"/>`,
  );

  // Rings under dots, dots under centres, so the numbers stay readable on a crowded board.
  const placed = ranked.filter((item): item is SnapshotItem & { stats: NonNullable<SnapshotItem["stats"]> } => item.stats !== null);
  out.push(`<g clip-path="url(#cruxboard-grid-clip)" fill="none" stroke="${MUTED}" stroke-opacity="0.6" stroke-width="1.25" stroke-dasharray="5 4">`);
  for (const item of placed) {
    const { centroid, spread } = item.stats;
    if (spread <= 0) continue; // full agreement: the ring would be a point
    out.push(
      `<ellipse class="ring" data-item="${escapeXml(item.id)}" cx="${num(px(centroid.col))}" cy="${num(py(centroid.row))}" rx="${num(spread * cellW)}" ry="${num(spread * cellH)}"/>`,
    );
  }
  out.push(`</g>`);

  const dotR = totalPlacements > 600 ? 2.75 : totalPlacements > 200 ? 3.5 : totalPlacements > 60 ? 4.5 : 5.5;
  out.push(`<g stroke="#ffffff" stroke-width="${dotR > 4 ? 1.25 : 0.75}" fill-opacity="0.9">`);
  for (const item of snapshot.items) {
    for (const p of item.placements) {
      const fill = colorOf.get(p.participant) ?? colorFor(p.participant);
      out.push(
        `<circle class="dot" data-item="${escapeXml(item.id)}" data-participant="${escapeXml(p.participant)}" cx="${num(px(p.col))}" cy="${num(py(p.row))}" r="${dotR}" fill="${escapeXml(fill)}"/>`,
      );
    }
  }
  out.push(`</g>`);

  for (const item of placed) {
    const cx = px(item.stats.centroid.col);
    // Numbers near the right edge go to the left of their diamond, so they stay on the grid.
    const flip = cx > gridX + gridW - 36;
    out.push(
      `<g class="centroid" data-item="${escapeXml(item.id)}" data-rank="${rankOf.get(item.id)}" transform="translate(${num(cx)} ${num(py(item.stats.centroid.row))})">`,
      `<path d="${diamond(7)}" fill="${INK}" stroke="#ffffff" stroke-width="2"/>`,
      `<text x="${flip ? -10 : 10}" y="4.5" font-size="13" font-weight="700"${flip ? ` text-anchor="end"` : ""} stroke="#ffffff" stroke-width="3.5" stroke-linejoin="round" paint-order="stroke">${rankOf.get(item.id)}</text>`,
      `</g>`,
    );
  }
  y = gridY + gridH;

  // How to read the figure: one line, or more when the words need them.
  y += 26;
  const keys: KeyEntry[] = [
    { mark: (x, y) => `<circle cx="${num(x + 5)}" cy="${y - 4}" r="5" fill="#64748b" stroke="#ffffff"/>`, markWidth: 16, words: "one participant’s placement" },
    {
      mark: (x, y) => `<path transform="translate(${num(x + 6)} ${y - 4})" d="${diamond(6)}" fill="${INK}"/>`,
      markWidth: 18,
      words: "group centre, numbered by rank (1 = most contested)",
    },
    {
      mark: (x, y) => `<ellipse cx="${num(x + 14)}" cy="${y - 4}" rx="14" ry="7" fill="none" stroke="${MUTED}" stroke-width="1.25" stroke-dasharray="5 4"/>`,
      markWidth: 34,
      words: "spread: typical distance from the centre, in cells",
    },
  ];
  y = keyRows(out, keys, { left: gridX, right: MARGIN + CONTENT, y, rowHeight: 20, gap: 28 }, (x, ky, words) => text(x, ky, words, { size: 12, fill: MUTED }));

  // Participants, so each colour can be traced to a person (or a pseudonym, on an anonymous board).
  if (snapshot.participants.length > 0) {
    y += 34;
    out.push(text(MARGIN, y, "Participants", { size: 14, bold: true }));
    y += 20;
    let x = MARGIN;
    for (const p of snapshot.participants) {
      const label = wrapText(p.name, 180, 12, 1)[0] ?? "";
      const w = 14 + textWidth(label, 12) + 18;
      if (x + w > MARGIN + CONTENT && x > MARGIN) {
        x = MARGIN;
        y += 18;
      }
      out.push(`<circle cx="${num(x + 5)}" cy="${y - 4}" r="5" fill="${escapeXml(colorOf.get(p.id)!)}"/>`);
      out.push(text(x + 14, y, label, { size: 12 }));
      x += w;
    }
  }

  // Legend: one row per item, most contested first; tall rows where text wraps.
  y += 36;
  out.push(text(MARGIN, y, "Items, most contested first", { size: 14, bold: true }));
  const cols = { rank: MARGIN + 6, item: MARGIN + 44, n: MARGIN + 580, spread: MARGIN + 656, common: MARGIN + 688 };
  const itemWidth = cols.n - 28 - cols.item;
  const commonWidth = MARGIN + CONTENT - cols.common - 6;
  y += 22;
  const header: Array<[number, string, "start" | "end"]> = [
    [cols.rank, "#", "start"],
    [cols.item, "Item", "start"],
    [cols.n, "n", "end"],
    [cols.spread, "Spread", "end"],
    [cols.common, "Common cell (row / column)", "start"],
  ];
  for (const [x, label, anchor] of header) out.push(text(x, y, label, { size: 12, bold: true, fill: MUTED, anchor }));
  y += 7;
  out.push(`<line x1="${MARGIN}" y1="${y}" x2="${MARGIN + CONTENT}" y2="${y}" stroke="#94a3b8" stroke-width="1"/>`);
  if (ranked.length === 0) {
    y += 22;
    out.push(text(cols.item, y, "No items on this board.", { size: 12, italic: true, fill: MUTED }));
    y += 8;
  }
  ranked.forEach((item, i) => {
    const s = item.stats;
    const itemLines = wrapText(item.text, itemWidth, 12, 3);
    const common = s ? commonCell(item.placements, sizeOf(snapshot.board.grid)) : null;
    const commonLabel = common
      ? describeCommonCell(common, (cell) => `${rows[cell.row]?.label ?? "?"} / ${columns[cell.col]?.label ?? "?"}`)
      : "not placed";
    const commonLines = wrapText(commonLabel, commonWidth, 12, 2);
    const height = Math.max(itemLines.length, commonLines.length) * 16 + 8;
    if (i % 2 === 1) out.push(`<rect x="${MARGIN}" y="${num(y)}" width="${CONTENT}" height="${height}" fill="#f1f5f9"/>`);
    const base = y + 16;
    const rank = String(i + 1);
    out.push(`<g class="legend-row" data-item="${escapeXml(item.id)}" data-rank="${rank}">`);
    if (s) out.push(`<path transform="translate(${cols.rank + 4} ${num(base - 4)})" d="${diamond(4.5)}" fill="${INK}"/>`);
    out.push(text(cols.rank + 13, base, rank, { size: 12, bold: true }));
    itemLines.forEach((line, li) => out.push(text(cols.item, base + li * 16, line, { size: 12 })));
    out.push(text(cols.n, base, String(s?.n ?? 0), { size: 12, anchor: "end" }));
    out.push(text(cols.spread, base, s ? s.spread.toFixed(2) : "—", { size: 12, anchor: "end" }));
    commonLines.forEach((line, li) =>
      out.push(text(cols.common, base + li * 16, line, { size: 12, italic: !common, fill: common ? INK : MUTED })),
    );
    out.push(`</g>`);
    y += height;
  });
  out.push(`<line x1="${MARGIN}" y1="${num(y)}" x2="${MARGIN + CONTENT}" y2="${num(y)}" stroke="${RULE}" stroke-width="1"/>`);
  const height = Math.ceil(y + MARGIN);

  const title = `${cleanText(snapshot.board.title)}${name ? ` — ${name}` : ""}`;
  const top = ranked
    .filter((item) => item.stats)
    .slice(0, 3)
    .map((item, i) => `${i + 1}. ${cleanText(item.text)} (spread ${item.stats!.spread.toFixed(2)})`);
  const desc =
    `Board of ${plural(rows.length, "row")} (${rows.map((r) => cleanText(r.label)).join(", ")}) by ` +
    `${plural(columns.length, "column")} (${columns.map((c) => cleanText(c.label)).join(", ")}), ` +
    `${plural(snapshot.participants.length, "participant")}, ${plural(snapshot.items.length, "item")}, exported ${cleanText(readableUtc(snapshot.exportedAt))}. ` +
    `Each dot is one participant's placement of an item; each diamond is an item's group centre, numbered by rank, ` +
    `with a dashed ring whose radius is the spread.` +
    (top.length > 0 ? ` Most contested: ${top.join("; ")}.` : "");

  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_WIDTH}" height="${height}" viewBox="0 0 ${PAGE_WIDTH} ${height}" role="img" aria-labelledby="cruxboard-title cruxboard-desc" font-family="${FONT}" fill="${INK}">`,
    `<title id="cruxboard-title">${escapeXml(title)}</title>`,
    `<desc id="cruxboard-desc">${escapeXml(desc)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<defs><clipPath id="cruxboard-grid-clip"><rect x="${num(gridX)}" y="${num(gridY)}" width="${num(gridW)}" height="${num(gridH)}"/></clipPath></defs>`,
    ...out,
    `</svg>`,
    "",
  ].join("\n");
}
