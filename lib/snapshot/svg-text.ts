import { readableUtc } from "./report-format";
import type { Snapshot } from "./schema";
/*
 * Text for the SVG figure (./svg.ts): user text made safe for XML, and laid
 * out without a font engine — widths are estimated, lines wrapped to fit.
 */

/**
 * The `Char` production of XML 1.0: anything else (most C0 controls, lone
 * surrogates, U+FFFE, U+FFFF) makes the whole file unreadable, so it is dropped.
 */
const isXmlChar = (cp: number) =>
  cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;

/** Iterating a string by code point yields a lone surrogate on its own, so it is caught too. */
function xmlChars(text: string): string {
  let out = "";
  for (const c of text) if (isXmlChar(c.codePointAt(0)!)) out += c;
  return out;
}

/** User text as one clean line: no characters XML forbids, whitespace collapsed. */
export function cleanText(text: string): string {
  return xmlChars(text).replace(/\s+/g, " ").trim();
}

/** Safe in both element content and double- or single-quoted attributes. */
export function escapeXml(text: string): string {
  return xmlChars(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

// Text is laid out without a font engine, so widths are estimated per character in ems;
// the estimates follow a wide system font (DejaVu Sans), so wrapped text never overflows its box.
const NARROW = new Set(" iljtfrI.,:;'!|()[]{}\"`-");
const WIDE = new Set("mwMW@%&");
function charWidth(c: string): number {
  const cp = c.codePointAt(0)!;
  if (cp >= 0x2e80 || (cp >= 0x1100 && cp <= 0x115f)) return 1.05; // CJK, emoji and other full-width signs
  if (NARROW.has(c)) return 0.36;
  if (WIDE.has(c)) return 0.92;
  if (c >= "A" && c <= "Z") return 0.74;
  return 0.63;
}
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const c of text) em += charWidth(c);
  return em * fontSize * (bold ? 1.1 : 1);
}

/** Greedy word wrap into at most `maxLines` lines, the last ending in "…" when text is left over. */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines: number, bold = false): string[] {
  const fits = (s: string) => textWidth(s, fontSize, bold) <= maxWidth;
  const lines: string[] = [];
  let current = "";
  for (const word of cleanText(text).split(" ").filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = word;
    // A word wider than the box (a URL, a long compound) is broken wherever it must be.
    while (!fits(current)) {
      const chars = [...current];
      let cut = chars.length - 1;
      while (cut > 1 && !fits(chars.slice(0, cut).join(""))) cut--;
      lines.push(chars.slice(0, cut).join(""));
      current = chars.slice(cut).join("");
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = [...`${kept[maxLines - 1]!} ${lines[maxLines]!}`];
  while (last.length > 0 && !fits(`${last.join("").trimEnd()}…`)) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.join("").trimEnd()}…`;
  return kept;
}

/** One entry of a picture's key: its mark drawn at (x, baseline), how wide the mark is, and its words. */
export interface KeyEntry {
  mark(x: number, y: number): string;
  markWidth: number;
  words: string;
}

/**
 * A picture's key in rows, 12 px words after each mark, a new row whenever the next entry would
 * pass `right`. `words(x, y, text)` draws the words; returns the last row's baseline.
 */
export function keyRows(
  out: string[],
  entries: readonly KeyEntry[],
  at: { left: number; right: number; y: number; rowHeight: number; gap: number },
  words: (x: number, y: number, text: string) => string,
): number {
  let { y } = at;
  let x = at.left;
  out.push(`<g class="key">`);
  for (const entry of entries) {
    const width = entry.markWidth + textWidth(entry.words, 12);
    if (x > at.left && x + width > at.right) {
      x = at.left;
      y += at.rowHeight;
    }
    out.push(entry.mark(x, y), words(x + entry.markWidth, y, entry.words));
    x += width + at.gap;
  }
  out.push(`</g>`);
  return y;
}

/* The page every picture is drawn on: A4 or letter landscape at 96 px per inch, with printer margins to spare. */
export const PAGE_WIDTH = 1120;
export const MARGIN = 40;
export const CONTENT = PAGE_WIDTH - 2 * MARGIN;
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
export const INK = "#0f172a";
export const MUTED = "#475569";

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The line under a picture's title: the snapshot's name if any, when it was taken, how many people and items. */
export function pictureFacts(snapshot: Pick<Snapshot, "exportedAt" | "participants" | "items">, snapshotName?: string): string[] {
  const name = snapshotName ? cleanText(snapshotName) : "";
  return [
    ...(name ? [`Snapshot: ${name}`] : []),
    cleanText(readableUtc(snapshot.exportedAt)),
    plural(snapshot.participants.length, "participant"),
    plural(snapshot.items.length, "item"),
  ];
}
