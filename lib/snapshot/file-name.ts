/*
 * Names of downloaded files, made in one place for the server's
 * Content-Disposition and the pictures and comparisons made in the browser, so
 * every file of one export shares one stem: "reading-group-week-5-round-1-2026-12-06".
 */

import { withoutAccents } from "../text";

/** Letters that Unicode does not decompose into a base letter and an accent. */
const TRANSLITERATIONS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  þ: "th",
  ł: "l",
  ı: "i",
  ħ: "h",
};

const STEM_FALLBACK = "cruxboard";

/**
 * "Café: week 3" → "cafe-week-3": lowercase ASCII words joined by hyphens,
 * never empty, never a path. Longer than `maxLength`, it ends at the last
 * whole word that fits; a single word longer than that is cut.
 */
export function fileStem(text: string, maxLength = 60): string {
  const words = withoutAccents(text)
    .toLowerCase()
    .replace(/[ßæœøđðþłıħ]/g, (c) => TRANSLITERATIONS[c]!)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let stem = "";
  for (const word of words) {
    const longer = stem ? `${stem}-${word}` : word;
    if (longer.length > maxLength) {
      if (!stem) stem = word.slice(0, maxLength);
      break;
    }
    stem = longer;
  }
  return stem || STEM_FALLBACK;
}

/** Room for a snapshot's name after the title, each cut at its own word boundary. */
const TITLE_MAX = 60;
const TITLE_WITH_NAME_MAX = 40;
const NAME_MAX = 40;

export interface DownloadName {
  title: string;
  /** A named snapshot's name, or what a comparison spans ("round 1 to now"). */
  name?: string;
  /** When the file's content was taken: its UTC date goes in the name. */
  takenAt?: string;
  /** Said before the extension: "stats", "timeline". */
  suffix?: string;
  extension: string;
}

/** "Reading group: Defining alignment research", "Round 1", 2026-12-06 → "reading-group-defining-alignment-round-1-2026-12-06.csv". */
export function downloadName({ title, name, takenAt, suffix, extension }: DownloadName): string {
  const parts = [fileStem(title, name ? TITLE_WITH_NAME_MAX : TITLE_MAX)];
  if (name) parts.push(fileStem(name, NAME_MAX));
  const day = takenAt ? utcDay(takenAt) : null;
  if (day) parts.push(day);
  if (suffix) parts.push(suffix);
  return `${parts.join("-")}.${extension}`;
}

function utcDay(iso: string): string | null {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? null : time.toISOString().slice(0, 10);
}
