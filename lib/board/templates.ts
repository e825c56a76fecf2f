import type { Cell, GoalCorner, Grid, TemplateName } from "./schema";
import { DEFAULT_BLANK_GRID } from "./grid";
import { TEMPLATE_LABEL } from "./template-labels";

// The board's screens need only the names; they import them from ./template-labels, without the templates' grids and items.
export { TEMPLATE_LABEL, referenceLabelOf } from "./template-labels";
export { DEFAULT_BLANK_GRID };

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


/*
 * The prioritisation templates. Each lays its axes out the way the matrix is
 * usually drawn, and its goal corner is where the group wants items to end up,
 * so an item's priority (lib/stats/priority.ts) reads "put this first".
 * Hints are our own short guides for the group, not definitions from a source.
 */

const IMPACT_HINT = {
  high: "Would clearly move the outcome we are working towards.",
  medium: "Helps noticeably, but would not change the outcome on its own.",
  low: "Few people would notice the difference.",
};
const EFFORT_HINT = {
  low: "Days of work for a small team, with few dependencies.",
  medium: "A few weeks, or work that needs another team's help.",
  high: "Months of work, several teams, or large unknowns.",
};

const IMPACT_EFFORT_GRID: Grid = {
  rows: [
    { id: "high", label: "High impact", hint: IMPACT_HINT.high },
    { id: "low", label: "Low impact", hint: IMPACT_HINT.low },
  ],
  columns: [
    { id: "low-effort", label: "Low effort", hint: EFFORT_HINT.low },
    { id: "high-effort", label: "High effort", hint: EFFORT_HINT.high },
  ],
};

const IMPACT_EFFORT_3X3_GRID: Grid = {
  rows: [
    { id: "high", label: "High impact", hint: IMPACT_HINT.high },
    { id: "medium", label: "Medium impact", hint: IMPACT_HINT.medium },
    { id: "low", label: "Low impact", hint: IMPACT_HINT.low },
  ],
  columns: [
    { id: "low-effort", label: "Low effort", hint: EFFORT_HINT.low },
    { id: "medium-effort", label: "Medium effort", hint: EFFORT_HINT.medium },
    { id: "high-effort", label: "High effort", hint: EFFORT_HINT.high },
  ],
};

const URGENT_IMPORTANT_GRID: Grid = {
  rows: [
    { id: "important", label: "Important", hint: "Serves a goal that matters to us, or prevents real harm." },
    { id: "not-important", label: "Not important", hint: "Matters little to our goals, however loudly it is asked for." },
  ],
  columns: [
    { id: "urgent", label: "Urgent", hint: "Needs action soon, or a deadline or chance is lost." },
    { id: "not-urgent", label: "Not urgent", hint: "Can wait without anything getting worse." },
  ],
};

/** Risk matrices: impact down the side, most severe on top; likelihood across, most likely on the right. */
const RISK_3X3_GRID: Grid = {
  rows: [
    { id: "severe", label: "Severe impact", hint: "Would stop the work, hurt people or cost what we cannot easily recover." },
    { id: "moderate", label: "Moderate impact", hint: "Would set us back noticeably, but we would recover." },
    { id: "minor", label: "Minor impact", hint: "An annoyance we could absorb within the plan." },
  ],
  columns: [
    { id: "unlikely", label: "Unlikely", hint: "Would surprise us if it happened in this period." },
    { id: "possible", label: "Possible", hint: "Could well happen; we have seen it now and then." },
    { id: "likely", label: "Likely", hint: "We expect it to happen unless something changes." },
  ],
};

const RISK_5X5_GRID: Grid = {
  rows: [
    { id: "catastrophic", label: "Catastrophic", hint: "Ends the project or causes lasting harm." },
    { id: "major", label: "Major", hint: "Misses a key goal or costs a large share of the budget." },
    { id: "moderate", label: "Moderate", hint: "A visible delay or cost that we can recover from." },
    { id: "minor", label: "Minor", hint: "A small slip, handled within the team." },
    { id: "negligible", label: "Negligible", hint: "Hardly noticed outside the team." },
  ],
  columns: [
    { id: "rare", label: "Rare", hint: "Only in unusual circumstances." },
    { id: "unlikely", label: "Unlikely", hint: "Could happen, but we would not bet on it." },
    { id: "possible", label: "Possible", hint: "About as likely as not to happen at some point." },
    { id: "likely", label: "Likely", hint: "Will probably happen in this period." },
    { id: "almost-certain", label: "Almost certain", hint: "Expected to happen; it may already be starting." },
  ],
};

const VALUE_CONFIDENCE_GRID: Grid = {
  rows: [
    { id: "high-value", label: "High value", hint: "Worth a lot to the people we serve if it works." },
    { id: "low-value", label: "Low value", hint: "Worth little even if it works as hoped." },
  ],
  columns: [
    { id: "low-confidence", label: "Low confidence", hint: "Mostly a hunch: little evidence that it will work." },
    { id: "high-confidence", label: "High confidence", hint: "Backed by data, tests or experience that it will work." },
  ],
};

/** What a board starts from: how the template is named and described on screen, its grid, its goal corner and any starter items. */
export interface Template {
  label: string;
  /** One sentence for the home page. */
  description: string;
  grid: Grid;
  /** Where the group wants items to end up; null when the board has no goal (then there are no priorities). */
  goal: GoalCorner | null;
  /** Items the board starts with (only when the template's own grid is used). */
  starterItems?: readonly StarterItem[];
}

/** Every template, by the name `POST /api/boards` takes and `meta.template` stores, in the order they are offered. */
export const TEMPLATES: { readonly [K in TemplateName]: Template } = {
  alignment: {
    label: TEMPLATE_LABEL.alignment,
    description: "Nine research agendas to place by what they study and which failures they are built to handle.",
    grid: ALIGNMENT_GRID,
    goal: "bottom-right",
    starterItems: ALIGNMENT_STARTER_ITEMS,
  },
  "impact-effort": {
    label: TEMPLATE_LABEL["impact-effort"],
    description: "Place each idea by what it would achieve and what it would take; quick wins end up top left.",
    grid: IMPACT_EFFORT_GRID,
    goal: "top-left",
  },
  "impact-effort-3x3": {
    label: TEMPLATE_LABEL["impact-effort-3x3"],
    description: "Impact × effort with a middle band on each axis, for a backlog that needs finer sorting.",
    grid: IMPACT_EFFORT_3X3_GRID,
    goal: "top-left",
  },
  "urgent-important": {
    label: TEMPLATE_LABEL["urgent-important"],
    description: "The Eisenhower matrix: what is both urgent and important is done first, top left.",
    grid: URGENT_IMPORTANT_GRID,
    goal: "top-left",
  },
  "risk-3x3": {
    label: TEMPLATE_LABEL["risk-3x3"],
    description: "Place each risk by how likely it is and how bad it would be; the top right is dealt with first.",
    grid: RISK_3X3_GRID,
    goal: "top-right",
  },
  "risk-5x5": {
    label: TEMPLATE_LABEL["risk-5x5"],
    description: "A finer likelihood × impact matrix for a risk register; the top right is dealt with first.",
    grid: RISK_5X5_GRID,
    goal: "top-right",
  },
  "value-confidence": {
    label: TEMPLATE_LABEL["value-confidence"],
    description: "Place each bet by what it is worth and how sure we are it works; sure, valuable bets end up top right.",
    grid: VALUE_CONFIDENCE_GRID,
    goal: "top-right",
  },
  blank: {
    label: TEMPLATE_LABEL.blank,
    description: "Your own rows and columns, with no goal corner until you set one.",
    grid: DEFAULT_BLANK_GRID,
    goal: null,
  },
};


