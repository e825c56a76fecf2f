import type { Cell, Grid, TemplateName } from "./schema";

export type { TemplateName };

export interface StarterItem {
  id: string;
  text: string;
  note: string;
  /** The essay author's own cell for this example. */
  reference: Cell;
}

/**
 * The research map of "Defining alignment research": what a project builds or
 * studies (rows) against which failures it is built to handle (columns).
 * Hints are short paraphrases for facilitators, not quotations.
 */
export const ALIGNMENT_GRID: Grid = {
  rows: [
    { id: "engineering", label: "Engineering", hint: "Builds and improves systems directly, judged by what they do." },
    {
      id: "behaviorist",
      label: "Behaviorist science",
      hint: "Studies how models behave and learn from the outside, through inputs and outputs.",
    },
    {
      id: "cognitivist",
      label: "Cognitivist science",
      hint: "Studies the internal representations and reasoning that produce behaviour.",
    },
  ],
  columns: [
    { id: "average", label: "Average-case", hint: "Aims to do well on the inputs and settings that usually come up." },
    {
      id: "pessimistic",
      label: "Pessimistic-case",
      hint: "Plans for plausible bad cases: pressure, distribution shift, mistaken overseers.",
    },
    {
      id: "worst",
      label: "Worst-case",
      hint: "Seeks guarantees that hold even against an adversary or a deceptive model.",
    },
  ],
};

export const ALIGNMENT_STARTER_ITEMS: readonly StarterItem[] = [
  { id: "scaling", text: "Scaling", note: "Making models better by making them bigger and training them on more.", reference: { row: 0, col: 0 } },
  { id: "rlhf", text: "RLHF", note: "Training on human preference judgements of model outputs.", reference: { row: 0, col: 1 } },
  {
    id: "adversarial-robustness",
    text: "Adversarial robustness",
    note: "Keeping behaviour correct on inputs chosen to break it.",
    reference: { row: 0, col: 2 },
  },
  {
    id: "optimization-science",
    text: "Optimization science",
    note: "Understanding what training dynamics do to a model's behaviour.",
    reference: { row: 1, col: 0 },
  },
  {
    id: "scalable-oversight",
    text: "Scalable oversight",
    note: "Supervising models on tasks that are hard for humans to evaluate.",
    reference: { row: 1, col: 1 },
  },
  { id: "ai-control", text: "AI control", note: "Staying safe even if a model is trying to subvert its safeguards.", reference: { row: 1, col: 2 } },
  {
    id: "concept-interpretability",
    text: "Concept-based interpretability",
    note: "Finding the concepts a model represents, e.g. with probes.",
    reference: { row: 2, col: 0 },
  },
  {
    id: "mechanistic-interpretability",
    text: "Mechanistic interpretability",
    note: "Reverse-engineering the circuits that implement a model's computations.",
    reference: { row: 2, col: 1 },
  },
  {
    id: "agent-foundations",
    text: "Agent foundations",
    note: "Formal theories of agency, goals and reasoning that must hold in the limit.",
    reference: { row: 2, col: 2 },
  },
];

export const DEFAULT_BLANK_GRID: Grid = {
  rows: [
    { id: "high", label: "High impact" },
    { id: "low", label: "Low impact" },
  ],
  columns: [
    { id: "low-effort", label: "Low effort" },
    { id: "high-effort", label: "High effort" },
  ],
};

/** How each template is named on screen. */
export const TEMPLATE_LABEL = { alignment: "Alignment research map", blank: "Custom grid" } as const;

/** What a board's reference placements are called: the essay's own, on the alignment map. */
export const referenceLabelOf = (template: keyof typeof TEMPLATE_LABEL): string => (template === "alignment" ? "Essay’s placement" : "Reference");
