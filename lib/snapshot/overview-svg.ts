import { colorFor } from "../board/colors";
import { sizeOf } from "../board/grid";
import { ORDERS, orderItems, type ItemOrder } from "../stats/list-order";
import { shapeWords } from "../stats/shape-words";
import type { Snapshot } from "./schema";
import { num, svgMarkup } from "./svg-node";
import { CONTENT, FONT, INK, MARGIN, MUTED, PAGE_WIDTH, cleanText, escapeXml, keyRows, pictureFacts, plural, textWidth, wrapText, type KeyEntry } from "./svg-text";
import { overviewSummary, overviewTile, SHAPE_INK, tileBox } from "./overview-tile";

/**
 * The overview as a standalone, printable SVG: one small grid per item (see
 * ./overview-tile.ts), its text and its shape in words under it, in the order
 * of the contested list, then a key and the participants' colours. Pure
 * string building, like the board's picture (./svg.ts).
 */
export interface OverviewSvgOptions {
  /** Shown in the subtitle, as for a named snapshot. */
  snapshotName?: string;
  order?: ItemOrder;
}

const GAP_X = 28;
const GAP_Y = 30;

function text(x: number, y: number, content: string, size: number, extra = ""): string {
  return `<text x="${num(x)}" y="${num(y)}" font-size="${size}"${extra}>${escapeXml(content)}</text>`;
}

export function overviewSvg(snapshot: Snapshot, options: OverviewSvgOptions = {}): string {
  const { rows, columns } = snapshot.board.grid;
  const size = sizeOf(snapshot.board.grid);
  const order = options.order ?? "contested";
  const ordered = orderItems(snapshot.items, order);
  const colorOf = new Map(snapshot.participants.map((p) => [p.id, p.color ?? colorFor(p.id)]));
  const colorFn = (id: string) => colorOf.get(id) ?? colorFor(id);
  const out: string[] = [];
  let y = MARGIN;

  for (const line of wrapText(snapshot.board.title, CONTENT, 22, 2, true)) {
    y += 26;
    out.push(text(MARGIN, y, line, 22, ` font-weight="700"`));
  }
  const name = options.snapshotName ? cleanText(options.snapshotName) : "";
  const facts = ["Overview", ...pictureFacts(snapshot, name)].join(" · ");
  for (const line of wrapText(facts, CONTENT, 13, 2)) {
    y += 20;
    out.push(text(MARGIN, y, line, 13, ` fill="${MUTED}"`));
  }
  const reading =
    `One small grid per item, ${ORDERS[order].reading}. ` +
    `Columns: ${columns.map((c) => cleanText(c.label)).join(" · ")} (left to right); rows: ${rows.map((r) => cleanText(r.label)).join(" · ")} (top to bottom).`;
  for (const line of wrapText(reading, CONTENT, 13, 3)) {
    y += 20;
    out.push(text(MARGIN, y, line, 13, ` fill="${MUTED}"`));
  }
  y += 24;

  // Wide grids get fewer, wider tiles, so every tile keeps cells of a readable size.
  const perRow = size.columns >= 4 ? 3 : 4;
  const cardW = (CONTENT - (perRow - 1) * GAP_X) / perRow;
  const box = tileBox(size);
  const scale = cardW / box.width;
  const tileH = box.height * scale;
  const inset = -box.x * scale;
  if (ordered.length === 0) {
    y += 10;
    out.push(text(MARGIN, y, "No items on this board.", 13, ` font-style="italic" fill="${MUTED}"`));
    y += 10;
  }
  for (let start = 0; start < ordered.length; start += perRow) {
    const row = ordered.slice(start, start + perRow);
    const labels = row.map((item, i) => wrapText(`${start + i + 1}. ${item.text}`, cardW - inset, 14, 3, true));
    const textLines = Math.max(...labels.map((l) => l.length));
    row.forEach((item, i) => {
      const left = MARGIN + i * (cardW + GAP_X);
      const tile = overviewTile(item, size, colorFn);
      tile.attrs.role = "img";
      tile.attrs["aria-label"] = cleanText(overviewSummary(item));
      tile.attrs.transform = `translate(${num(left - box.x * scale)} ${num(y - box.y * scale)}) scale(${Math.round(scale * 10000) / 10000})`;
      out.push(svgMarkup(tile));
      let ty = y + tileH + 16;
      // Words line up with the grid's edge, not the tile's margin.
      const tx = left + inset;
      out.push(`<g class="tile-label" data-item="${escapeXml(item.id)}">`);
      for (const line of labels[i]!) {
        out.push(text(tx, ty, line, 14, ` font-weight="700"`));
        ty += 18;
      }
      const s = item.stats;
      const shape = s?.shape ? (shapeWords(s) ?? "") : "not placed yet";
      out.push(text(tx, ty, shape, 13, ` font-weight="600" fill="${s?.shape ? SHAPE_INK[s.shape] : MUTED}"`));
      if (s) out.push(text(tx, ty + 17, `${plural(s.n, "placement")} · spread ${s.spread.toFixed(2)}`, 12, ` fill="${MUTED}"`));
      out.push(`</g>`);
    });
    y += tileH + 16 + textLines * 18 + 17 + GAP_Y;
  }

  y = tileKey(out, y);
  y = participantRows(out, y, snapshot.participants.map((p) => ({ name: p.name, color: colorFn(p.id) })));
  const height = Math.ceil(y + MARGIN);

  const title = `${cleanText(snapshot.board.title)} — overview${name ? ` — ${name}` : ""}`;
  const desc =
    `${plural(snapshot.items.length, "item")}, each on its own small grid of ${plural(rows.length, "row")} by ${plural(columns.length, "column")}, ` +
    `${ORDERS[order].reading}. Each dot is one participant's placement; a diamond is the group's centre ` +
    `with a dashed ring whose radius is the spread; an item split into two camps shows each camp's centre, labelled with its size, joined by a line.`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_WIDTH}" height="${height}" viewBox="0 0 ${PAGE_WIDTH} ${height}" role="img" aria-labelledby="cruxboard-title cruxboard-desc" font-family="${FONT}" fill="${INK}">`,
    `<title id="cruxboard-title">${escapeXml(title)}</title>`,
    `<desc id="cruxboard-desc">${escapeXml(desc)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...out,
    `</svg>`,
    "",
  ].join("\n");
}

/** How to read a tile, one line or more; returns the baseline of the last line. */
function tileKey(out: string[], top: number): number {
  const y = top + 4;
  const keys: KeyEntry[] = [
    { mark: (x, y) => `<circle cx="${num(x + 6)}" cy="${y - 4}" r="5" fill="#64748b" stroke="#ffffff"/>`, markWidth: 18, words: "one participant’s placement" },
    { mark: (x, y) => `<path transform="translate(${num(x + 7)} ${y - 4})" d="M0 -6L6 0L0 6L-6 0Z" fill="${INK}"/>`, markWidth: 20, words: "the group’s centre" },
    {
      mark: (x, y) => `<ellipse cx="${num(x + 14)}" cy="${y - 4}" rx="14" ry="7" fill="none" stroke="#4f46e5" stroke-width="1.5" stroke-dasharray="4 3"/>`,
      markWidth: 34,
      words: "spread: typical distance from the centre",
    },
    {
      mark: (x, y) =>
        `<line x1="${num(x + 9)}" y1="${y - 4}" x2="${num(x + 41)}" y2="${y - 4}" stroke="${INK}" stroke-width="1.5" stroke-linecap="round" stroke-dasharray="1 4"/>` +
        [x + 9, x + 41].map((cx, i) => `<circle cx="${num(cx)}" cy="${y - 4}" r="9" fill="#ffffff" stroke="${INK}" stroke-width="2"/><text x="${num(cx)}" y="${y}" font-size="11" font-weight="700" text-anchor="middle">${i === 0 ? 5 : 3}</text>`).join(""),
      markWidth: 56,
      words: "two camps: each camp’s centre and size (no group centre: it lies where nobody placed it)",
    },
  ];
  return keyRows(out, keys, { left: MARGIN, right: MARGIN + CONTENT, y, rowHeight: 24, gap: 26 }, (x, ky, words) => text(x, ky, words, 12, ` fill="${MUTED}"`));
}

/** Participants, so each colour can be traced to a person (or a pseudonym, on an anonymous board). */
function participantRows(out: string[], top: number, people: Array<{ name: string; color: string }>): number {
  if (people.length === 0) return top;
  let y = top + 34;
  out.push(text(MARGIN, y, "Participants", 14, ` font-weight="700"`));
  y += 20;
  let x = MARGIN;
  for (const p of people) {
    const label = wrapText(p.name, 180, 12, 1)[0] ?? "";
    const w = 14 + textWidth(label, 12) + 18;
    if (x + w > MARGIN + CONTENT && x > MARGIN) {
      x = MARGIN;
      y += 18;
    }
    out.push(`<circle cx="${num(x + 5)}" cy="${y - 4}" r="5" fill="${escapeXml(p.color)}"/>`, text(x + 14, y, label, 12));
    x += w;
  }
  return y;
}
