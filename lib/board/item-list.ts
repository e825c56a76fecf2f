import { readCsv } from "./csv-rows";
import { LIMITS } from "./schema";

/**
 * A list of items a facilitator pastes or uploads to prepare a session: read line by line into
 * items, with a problem per line that cannot become an item and the duplicates pointed out. The
 * preview in the browser and the server's import read it with this one function, so what the
 * preview promises is what the server does.
 */

export const ITEM_LIST_FORMATS = ["lines", "csv"] as const;
export type ItemListFormat = (typeof ITEM_LIST_FORMATS)[number];

/** What to do with an item whose text is already in the list or on the board. */
export const DUPLICATE_CHOICES = ["skip", "add"] as const;
export type DuplicateChoice = (typeof DUPLICATE_CHOICES)[number];

/** One import adds at most this many items: a quarter's backlog, not a whole tracker. */
export const IMPORT_ITEMS_MAX = 200;

export interface ListedItem {
  /** The 1-based line of the pasted text or file the item comes from. */
  line: number;
  text: string;
  note?: string;
  /** An earlier line with the same text, or the board already holding it; null when it is new. */
  duplicateOf: number | "board" | null;
}

export interface LineProblem {
  line: number;
  message: string;
}

export interface ItemList {
  /** Every line that makes an item, duplicates included, in order. */
  items: ListedItem[];
  /** What the import would add: `items` less the duplicates when they are skipped. */
  adding: ListedItem[];
  /** Lines that cannot be added; while there is one, nothing is. */
  problems: LineProblem[];
}

export interface ItemListOptions {
  format: ItemListFormat;
  /** The texts of the items already on the board. */
  existing?: readonly string[];
  duplicates?: DuplicateChoice;
  /** How many more items the board takes (LIMITS.boardItemsMax less what it holds). */
  room?: number;
}

/** Two texts are one item when they differ only in case, accents' composition and spacing. */
export function sameTextKey(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** "- ", "* ", "• ", "1. ", "2) " and a task box "[ ] " in front of a line: list marks, not the item's words. */
const LIST_MARK = /^(?:[-*+•‣◦▪–—](?:\s+|$)|\(?\d{1,4}[.)](?:\s+|$))?(?:\[[ xX]\](?:\s+|$))?/;

/**
 * Where a line's note starts: a tab, or a dash with a space either side — " — " (em dash), " – "
 * (en dash) or " -- ". A single hyphen (" - ") stays part of the text: "Checkout - EU launch" is
 * a common name for one item, and guessing wrong would silently cut it in two.
 */
const NOTE_SEPARATOR = /\t| [—–] | -- /;

interface RawEntry {
  line: number;
  text: string;
  note: string;
}

function readLines(source: string): { entries: RawEntry[]; problems: LineProblem[] } {
  const entries: RawEntry[] = [];
  source
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      // Trimmed first: an outline pasted from a document indents its items with tabs, which are not notes.
      const written = raw.trim();
      if (written === "") return;
      const split = NOTE_SEPARATOR.exec(written);
      const head = split ? written.slice(0, split.index) : written;
      const note = split ? written.slice(split.index + split[0].length) : "";
      entries.push({ line: index + 1, text: head.trim().replace(LIST_MARK, "").trim(), note: note.trim() });
    });
  return { entries, problems: [] };
}

/**
 * Header names for the text and the note, most telling first: a file with both "Title" and "Name"
 * (an owner's name, say) takes its text from "Title". "Summary" is how Jira exports an issue's
 * title; "Name" is the first column of Notion, Airtable and Asana exports.
 */
const TEXT_COLUMNS = ["text", "item", "title", "summary", "name"];
const NOTE_COLUMNS = ["note", "notes", "description"];
const columnOf = (names: readonly string[], wanted: readonly string[]) =>
  wanted.map((w) => names.indexOf(w)).find((i) => i >= 0) ?? -1;

function readCsvItems(source: string): { entries: RawEntry[]; problems: LineProblem[] } {
  const { records, problems } = readCsv(source);
  const filled = records.filter((r) => r.fields.some((f) => f.trim() !== ""));
  const header = filled[0];
  if (!header) return { entries: [], problems };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const textColumn = columnOf(names, TEXT_COLUMNS);
  const noteColumn = columnOf(names, NOTE_COLUMNS);
  if (textColumn < 0) {
    const found = names.filter(Boolean).map((n) => `"${n}"`).join(", ") || "no names";
    return { entries: [], problems: [{ line: header.line, message: `The header row needs a "text" column (it has ${found}).` }, ...problems] };
  }
  const entries = filled.slice(1).map((r) => ({
    line: r.line,
    text: (r.fields[textColumn] ?? "").trim(),
    note: noteColumn < 0 ? "" : (r.fields[noteColumn] ?? "").trim(),
  }));
  return { entries, problems };
}

/** A text with no letter, digit or symbol ("-", "---", "***", "…"): a stray mark or rule line, not an item. */
const WORDLESS = /^[\p{P}\s]*$/u;

function problemOf(entry: RawEntry): string | null {
  if (WORDLESS.test(entry.text)) return entry.note === "" ? "This line has no item text." : "This line has a note but no item text before it.";
  if (entry.text.length > LIMITS.itemTextMax) return `The text is ${entry.text.length} characters; keep it to ${LIMITS.itemTextMax}.`;
  if (entry.note.length > LIMITS.itemNoteMax) return `The note is ${entry.note.length} characters; keep it to ${LIMITS.itemNoteMax}.`;
  return null;
}

/** Reads a pasted list or a CSV file into the items it would add. */
export function readItemList(source: string, options: ItemListOptions): ItemList {
  const read = options.format === "csv" ? readCsvItems(source) : readLines(source);
  const problems: LineProblem[] = [...read.problems];
  const items: ListedItem[] = [];
  const onBoard = new Set((options.existing ?? []).map(sameTextKey));
  const firstLine = new Map<string, number>();
  for (const entry of read.entries) {
    const problem = problemOf(entry);
    if (problem) {
      problems.push({ line: entry.line, message: problem });
      continue;
    }
    const key = sameTextKey(entry.text);
    const duplicateOf = onBoard.has(key) ? "board" : (firstLine.get(key) ?? null);
    if (!firstLine.has(key)) firstLine.set(key, entry.line);
    items.push({ line: entry.line, text: entry.text, ...(entry.note ? { note: entry.note } : {}), duplicateOf });
  }
  const adding = options.duplicates === "add" ? items : items.filter((i) => i.duplicateOf === null);
  const limit = Math.min(IMPORT_ITEMS_MAX, Math.max(0, options.room ?? IMPORT_ITEMS_MAX));
  const over = adding[limit];
  if (over) {
    problems.push({
      line: over.line,
      message:
        limit < IMPORT_ITEMS_MAX
          ? `The board takes ${limit === 0 ? "no" : `only ${limit}`} more ${limit === 1 ? "item" : "items"} (at most ${LIMITS.boardItemsMax}); this is item ${limit + 1} of the list.`
          : `One import adds at most ${IMPORT_ITEMS_MAX} items; this is item ${IMPORT_ITEMS_MAX + 1}. Add the rest in a second import.`,
    });
  }
  problems.sort((a, b) => a.line - b.line);
  return { items, adding, problems };
}

