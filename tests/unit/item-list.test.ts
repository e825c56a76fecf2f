import { describe, expect, it } from "vitest";
import { readCsv } from "../../lib/board/csv-rows";
import { IMPORT_ITEMS_MAX, readItemList, sameTextKey } from "../../lib/board/item-list";
import * as Y from "yjs";
import { addItem, moveItem } from "../../lib/board/commands";
import { createBoard } from "../../lib/board/create-board";
import { readBoard } from "../../lib/board/doc";
import { compareItems, moveInOrder } from "../../lib/board/order";
import { snapshotToDoc } from "../../lib/board/restore";
import { buildSnapshot } from "../../lib/snapshot/build";
import { parseSnapshot } from "../../lib/snapshot/parse";
import { ItemSchema, LIMITS, type Item } from "../../lib/board/schema";

const lines = (text: string, options: Omit<Parameters<typeof readItemList>[1], "format"> = {}) => readItemList(text, { format: "lines", ...options });
const csv = (text: string, options: Omit<Parameters<typeof readItemList>[1], "format"> = {}) => readItemList(text, { format: "csv", ...options });

describe("a pasted list", () => {
  it("makes one item a line, with the note after a tab, an em or en dash, or a double hyphen; blank lines and spacing go", () => {
    const list = lines("  Faster checkout \n\nSSO for admins\tAsked for by 12 customers\r\nDark mode — low effort\nRefunds – needs legal\nAudit log -- compliance\n   \n");
    expect(list.problems).toEqual([]);
    expect(list.items).toEqual([
      { line: 1, text: "Faster checkout", duplicateOf: null },
      { line: 3, text: "SSO for admins", note: "Asked for by 12 customers", duplicateOf: null },
      { line: 4, text: "Dark mode", note: "low effort", duplicateOf: null },
      { line: 5, text: "Refunds", note: "needs legal", duplicateOf: null },
      { line: 6, text: "Audit log", note: "compliance", duplicateOf: null },
    ]);
  });

  it("keeps a single hyphen with spaces in the text, and splits at the first separator only", () => {
    expect(lines("Checkout - EU launch").items[0]).toEqual({ line: 1, text: "Checkout - EU launch", duplicateOf: null });
    expect(lines("A — b — c").items[0]).toMatchObject({ text: "A", note: "b — c" });
    expect(lines("Well-known co-op").items[0]).toMatchObject({ text: "Well-known co-op" });
  });

  it("strips bullets, numbering, task boxes and an outline's indent, but not numbers that are part of the text", () => {
    const list = lines("- One\n* Two\n• Three\n1. Four\n12) Five\n- [ ] Six\n[x] Seven\n2024 roadmap\n3.5% churn\n\t+ Eight\n  — Nine");
    expect(list.items.map((i) => i.text)).toEqual(["One", "Two", "Three", "Four", "Five", "Six", "Seven", "2024 roadmap", "3.5% churn", "Eight", "Nine"]);
    expect(list.items.every((i) => i.note === undefined)).toBe(true);
    expect(lines("-\n1.\n[ ]").problems.map((p) => p.line)).toEqual([1, 2, 3]);
    // A mark left after the bullet, or a rule line from a pasted document, is no item either.
    const marks = lines("5. - \n---\n***\n- …\n• -\tonly a note\n🚀 Launch\n+1 button\n$$$");
    expect(marks.problems).toEqual([
      { line: 1, message: "This line has no item text." },
      { line: 2, message: "This line has no item text." },
      { line: 3, message: "This line has no item text." },
      { line: 4, message: "This line has no item text." },
      { line: 5, message: "This line has a note but no item text before it." },
    ]);
    expect(marks.items.map((i) => i.text)).toEqual(["🚀 Launch", "+1 button", "$$$"]);
  });

  it("gives each line that cannot be an item its line number and why", () => {
    const long = "x".repeat(LIMITS.itemTextMax + 1);
    const list = lines(`Fine\n- \n- \tonly a note\n${long}\nShort\t${"n".repeat(LIMITS.itemNoteMax + 1)}\n${"y".repeat(LIMITS.itemTextMax)}`);
    expect(list.problems).toEqual([
      { line: 2, message: "This line has no item text." },
      { line: 3, message: "This line has a note but no item text before it." },
      { line: 4, message: `The text is ${LIMITS.itemTextMax + 1} characters; keep it to ${LIMITS.itemTextMax}.` },
      { line: 5, message: `The note is ${LIMITS.itemNoteMax + 1} characters; keep it to ${LIMITS.itemNoteMax}.` },
    ]);
    expect(list.items.map((i) => i.line)).toEqual([1, 6]);
  });

  it("points out texts already in the list or on the board, ignoring case and spacing, and leaves them out unless asked", () => {
    const list = lines("Dark mode\nSSO\n  dark   MODE \nExport to CSV", { existing: ["export to csv"] });
    expect(list.items.map((i) => [i.line, i.duplicateOf])).toEqual([
      [1, null],
      [2, null],
      [3, 1],
      [4, "board"],
    ]);
    expect(list.adding.map((i) => i.line)).toEqual([1, 2]);
    expect(lines("a\nA", { duplicates: "add" }).adding).toHaveLength(2);
    expect(sameTextKey(" Ｄark\u00a0Mode ")).toBe("dark mode");
  });

  it("adds at most 200 items at once, and no more than the board takes", () => {
    const many = Array.from({ length: IMPORT_ITEMS_MAX + 5 }, (_, i) => `Item ${i + 1}`).join("\n");
    expect(lines(many).problems).toEqual([{ line: 201, message: "One import adds at most 200 items; this is item 201. Add the rest in a second import." }]);
    expect(lines(many.split("\n").slice(0, IMPORT_ITEMS_MAX).join("\n")).problems).toEqual([]);
    expect(lines("a\n\nb\nc", { room: 2 }).problems).toEqual([{ line: 4, message: "The board takes only 2 more items (at most 1000); this is item 3 of the list." }]);
    // Duplicates left out do not count against the limit.
    expect(lines("a\nA\nb", { room: 2 }).problems).toEqual([]);
  });
});

describe("a CSV file", () => {
  it("reads the text and note columns by name, in any order and case, with a BOM, CRLF and RFC 4180 quoting", () => {
    const file = '\uFEFFPriority,NOTE,Text\r\n1,"Why: ""fast""",Checkout\r\n2,"two\r\nlines","Dark mode, later"\r\n\r\n3,,SSO\r\n';
    const list = csv(file);
    expect(list.problems).toEqual([]);
    expect(list.items).toEqual([
      { line: 2, text: "Checkout", note: 'Why: "fast"', duplicateOf: null },
      { line: 3, text: "Dark mode, later", note: "two\r\nlines", duplicateOf: null },
      { line: 6, text: "SSO", duplicateOf: null },
    ]);
  });

  it("takes the text from a Jira export's Summary or a Notion or Airtable export's Name, and from Title before a person's Name", () => {
    const jira = csv('Issue key,Issue Type,Summary,Description\nAPP-12,Story,Export to Jira,"Asked by 3 customers"');
    expect(jira.items).toEqual([{ line: 2, text: "Export to Jira", note: "Asked by 3 customers", duplicateOf: null }]);
    expect(csv("Name,Status,Notes\nOffsite in Lisbon,Idea,cheap flights").items.map((i) => [i.text, i.note])).toEqual([["Offsite in Lisbon", "cheap flights"]]);
    expect(csv("Name,Title,Notes,Description\nKim,Dark mode,short,long").items.map((i) => [i.text, i.note])).toEqual([["Dark mode", "short"]]);
  });

  it("works without a note column, and with ; or tab as the spreadsheet saved it", () => {
    expect(csv("text\nA\nB").items.map((i) => i.text)).toEqual(["A", "B"]);
    expect(csv("text;note\nA;x\nB;y").items).toEqual([
      { line: 2, text: "A", note: "x", duplicateOf: null },
      { line: 3, text: "B", note: "y", duplicateOf: null },
    ]);
    expect(csv("note\ttext\nx\tA").items[0]).toMatchObject({ text: "A", note: "x" });
  });

  it("says when the header row has no text column, naming what it has", () => {
    expect(csv("owner,description\nA,x").problems).toEqual([{ line: 1, message: 'The header row needs a "text" column (it has "owner", "description").' }]);
  });

  it("reports bad quoting on its line and goes on reading the next lines", () => {
    const list = csv('text,note\nA 12" screen,x\n"B"c,y\nGood,z\n"Open,never closed\nLost');
    expect(list.problems).toEqual([
      { line: 2, message: 'A quote in an unquoted field: put the whole field in quotes and double the quote inside ("").' },
      { line: 3, message: 'Unexpected text after a closing quote: a quote inside a quoted field is written as "".' },
      { line: 5, message: 'A quoted field opened on this line is never closed (a " is missing).' },
    ]);
    expect(list.items.map((i) => i.text)).toEqual(["Good"]);
  });

  it("reports empty and too-long texts with the line the record starts on", () => {
    const list = csv(`text,note\n"multi\nline",ok\n,orphan note\n${"x".repeat(201)},`);
    expect(list.problems).toEqual([
      { line: 4, message: "This line has a note but no item text before it." },
      { line: 5, message: "The text is 201 characters; keep it to 200." },
    ]);
  });

  it("keeps empty fields and trailing delimiters as empty fields", () => {
    expect(readCsv("a,,b,\n,").records).toEqual([
      { line: 1, fields: ["a", "", "b", ""] },
      { line: 2, fields: ["", ""] },
    ]);
  });
});

describe("the facilitator's order of items", () => {
  const item = (id: string, createdAt: number, order?: number): Item => ItemSchema.parse({ id, text: id, createdBy: "f", createdAt, ...(order === undefined ? {} : { order }) });

  it("lists items with an order first, by it, then the rest by when they were added", () => {
    const items = [item("late", 30), item("b", 10, 1), item("early", 5), item("a", 20, 0)];
    expect([...items].sort(compareItems).map((i) => i.id)).toEqual(["a", "b", "early", "late"]);
  });

  it("moves an item a place up or down, numbering every item, and not past either end", () => {
    const sorted = [item("a", 1), item("b", 2), item("c", 3)];
    const moved = moveInOrder(sorted, "c", -1)!;
    expect(moved.map((i) => [i.id, i.order])).toEqual([
      ["a", 0],
      ["c", 1],
      ["b", 2],
    ]);
    expect(moveInOrder(sorted, "a", -1)).toBeNull();
    expect(moveInOrder(sorted, "c", 1)).toBeNull();
    expect(moveInOrder(sorted, "nope", 1)).toBeNull();
  });

  it("moves an item to the top or the bottom, keeping the others' order around it", () => {
    const sorted = [item("a", 1), item("b", 2, 0), item("c", 3), item("d", 4)].sort(compareItems);
    expect(sorted.map((i) => i.id)).toEqual(["b", "a", "c", "d"]);
    expect(moveInOrder(sorted, "c", "top")!.map((i) => [i.id, i.order])).toEqual([
      ["c", 0],
      ["b", 1],
      ["a", 2],
      ["d", 3],
    ]);
    expect(moveInOrder(sorted, "b", "bottom")!.map((i) => [i.id, i.order])).toEqual([
      ["a", 0],
      ["c", 1],
      ["d", 2],
      ["b", 3],
    ]);
    expect(moveInOrder(sorted, "b", "top")).toBeNull();
    expect(moveInOrder(sorted, "d", "bottom")).toBeNull();
    expect(moveInOrder(sorted, "nope", "top")).toBeNull();
  });

  it("writes only the items whose place a move to the top changes, in one transaction", () => {
    const doc = new Y.Doc();
    createBoard(doc, { title: "Prep", template: "blank" });
    ["a", "b", "c", "d"].forEach((id, i) => addItem(doc, { id, text: id.toUpperCase(), createdBy: "f", createdAt: 1000 + i }));
    expect(moveItem(doc, "b", 1)).toBe(true);
    expect(readBoard(doc).items.map((i) => i.id)).toEqual(["a", "c", "b", "d"]);
    const changed: string[][] = [];
    doc.getMap("items").observe((event) => changed.push([...event.keysChanged].sort()));
    expect(moveItem(doc, "b", "top")).toBe(true);
    expect(readBoard(doc).items.map((i) => i.id)).toEqual(["b", "a", "c", "d"]);
    expect(changed).toEqual([["a", "b", "c"]]);
    expect(moveItem(doc, "b", "top")).toBe(false);
    expect(changed).toHaveLength(1);
  });

  it("accepts items without an order and refuses an order that is not a finite number", () => {
    expect(ItemSchema.safeParse({ id: "a", text: "A", createdBy: "f", createdAt: 1 }).success).toBe(true);
    expect(ItemSchema.safeParse({ id: "a", text: "A", createdBy: "f", createdAt: 1, order: "1" }).success).toBe(false);
    expect(ItemSchema.safeParse({ id: "a", text: "A", createdBy: "f", createdAt: 1, order: Infinity }).success).toBe(false);
  });

  it("keeps a reordered board's order through a snapshot's export and import", () => {
    const doc = new Y.Doc();
    createBoard(doc, { title: "Prep", template: "blank" });
    ["a", "b", "c"].forEach((id, i) => addItem(doc, { id, text: id.toUpperCase(), createdBy: "f", createdAt: 1000 + i }));
    expect(moveItem(doc, "c", -1)).toBe(true);
    expect(moveItem(doc, "c", -1)).toBe(true);
    expect(moveItem(doc, "c", -1)).toBe(false);
    expect(readBoard(doc).items.map((i) => i.id)).toEqual(["c", "a", "b"]);
    const parsed = parseSnapshot(JSON.parse(JSON.stringify(buildSnapshot("board", readBoard(doc)))));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(readBoard(snapshotToDoc(parsed.snapshot)).items.map((i) => [i.id, i.order])).toEqual([
      ["c", 0],
      ["a", 1],
      ["b", 2],
    ]);
  });
});
