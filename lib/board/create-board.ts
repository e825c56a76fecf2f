import * as Y from "yjs";
import { roots } from "./doc";
import { BOARD_FORMAT, GridSchema, MetaFieldSchemas, type GoalCorner, type Grid, type Item, type Meta } from "./schema";
import { TEMPLATES, type TemplateName } from "./templates";
import { LOCAL_ORIGIN } from "./commands";

/*
 * A new board's document, from its template. Apart from the other verbs (./commands.ts) so that
 * the templates' grids, hints and items stay out of the pages that only run a board.
 */

export interface NewBoard {
  title: string;
  template: TemplateName;
  grid?: Grid;
  /** The corner the group aims for; absent: the template's. */
  goal?: GoalCorner | null;
  createdAt?: number;
}

export function createBoard(doc: Y.Doc, input: NewBoard, origin: unknown = LOCAL_ORIGIN): void {
  const template = TEMPLATES[input.template];
  // A grid of one's own keeps the template's goal corner unless another is given, and its starter items only while it has
  // the template's shape (renamed rows and columns): they were placed in the template's cells.
  const grid = GridSchema.parse(input.grid ?? template.grid);
  const sameShape = grid.rows.length === template.grid.rows.length && grid.columns.length === template.grid.columns.length;
  const title = MetaFieldSchemas.title.parse(input.title);
  const now = input.createdAt ?? Date.now();
  const starters = sameShape ? (template.starterItems ?? []) : [];
  doc.transact(() => {
    const { meta, items } = roots(doc);
    const initial: Meta = {
      format: BOARD_FORMAT,
      title,
      grid,
      blind: false,
      locked: false,
      round: 1,
      focus: null,
      timer: null,
      template: input.template,
      reference: Object.fromEntries(starters.map((s) => [s.id, s.reference])),
      anonymous: false,
      discussed: [],
      pairs: null,
      goal: input.goal === undefined ? template.goal : input.goal,
    };
    for (const [k, v] of Object.entries(initial)) meta.set(k, v);
    starters.forEach((s, i) => {
      const item: Item = { id: s.id, text: s.text, note: s.note, createdBy: "template", createdAt: now + i };
      items.set(item.id, item);
    });
  }, origin);
}

