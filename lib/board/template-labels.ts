import type { TemplateName } from "./schema";

/** How each template is named on screen (its grids, hints and items are in ./templates.ts, which the board's screens do not load). */
export const TEMPLATE_LABEL: { readonly [K in TemplateName]: string } = {
  alignment: "Alignment research map",
  "impact-effort": "Impact × effort",
  "impact-effort-3x3": "Impact × effort (3×3)",
  "urgent-important": "Urgent × important",
  "risk-3x3": "Risk matrix (3×3)",
  "risk-5x5": "Risk matrix (5×5)",
  "value-confidence": "Value × confidence",
  blank: "Custom grid",
};

/** What a board's reference placements are called: the essay's own, on the alignment map. */
export const referenceLabelOf = (template: TemplateName): string => (template === "alignment" ? "Essay’s placement" : "Reference");
