"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import type { CreateBoardBody } from "../../lib/api/schemas";
import { LIMITS } from "../../lib/board/schema";
import type { GoalCorner } from "../../lib/board/schema";
import { TEMPLATES, type TemplateName } from "../../lib/board/templates";
import { createBoard } from "../../lib/client/boards";
import { ApiFailure, describeError } from "../../lib/client/http";
import { rememberBoardLinks } from "../../lib/client/session/board-keys";
import { AxisEditor, axisErrors, draftsOf, gridOf, namedAxes } from "../facilitation/axis-editor";
import { GoalCornerPicker } from "../facilitation/goal-corner-picker";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { TemplatePicker } from "./template-picker";

interface FormErrors {
  title?: string;
  template?: string;
  /** Keyed "<index>.label" / "<index>.hint", or "" for the whole list. */
  rows?: Record<string, string>;
  columns?: Record<string, string>;
  form?: string;
}

/** The API's message repeats the path ("title: Too big…"); next to the field it is noise. */
const withoutPath = (message: string, path?: string) =>
  path && message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;

const FAILED = "The board could not be created";

/** A refusal about one field goes next to it; anything else is said for the whole form. */
function errorsFrom(error: unknown): FormErrors {
  const body = error instanceof ApiFailure ? error.body : null;
  const path = body?.path;
  if (body && (path === "title" || path === "template")) return { [path]: withoutPath(body.error, path) };
  // "grid.rows.1.label" → next to row 2's label; "grid.columns" → under the columns.
  const axis = body && path ? /^grid\.(rows|columns)(?:\.(\d+)\.(label|hint))?/.exec(path) : null;
  if (body && axis) return { [axis[1]!]: { [axis[2] ? `${axis[2]}.${axis[3]}` : ""]: withoutPath(body.error, path) } };
  return { form: describeError(error, FAILED) };
}

export function CreateBoardForm() {
  const router = useRouter();
  const ids = useId();
  const titleRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState("");
  const [template, setTemplate] = useState<TemplateName>("alignment");
  const [rows, setRows] = useState(() => draftsOf(TEMPLATES.alignment.grid.rows));
  const [columns, setColumns] = useState(() => draftsOf(TEMPLATES.alignment.grid.columns));
  const [goal, setGoal] = useState<GoalCorner | null>(TEMPLATES.alignment.goal);
  // A template's labels and goal are its own until the person opens them to adjust; a custom grid is always open.
  const [adjusting, setAdjusting] = useState(false);
  const editing = template === "blank" || adjusting;
  const nextAxis = useRef(0);
  const newAxisId = () => `axis-${++nextAxis.current}`;
  const [errors, setErrors] = useState<FormErrors>({});
  const [pending, setPending] = useState(false);

  const templateErrorId = `${ids}-template-error`;

  const chooseTemplate = (name: TemplateName) => {
    setTemplate(name);
    setRows(draftsOf(TEMPLATES[name].grid.rows));
    setColumns(draftsOf(TEMPLATES[name].grid.columns));
    setGoal(TEMPLATES[name].goal);
    setAdjusting(false);
    setErrors({});
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const body: CreateBoardBody = { template };
    const trimmed = title.trim();
    if (trimmed) body.title = trimmed;
    if (editing) {
      const rowErrors = axisErrors(rows, "row");
      const columnErrors = axisErrors(columns, "column");
      if (rowErrors || columnErrors) {
        setErrors({ rows: rowErrors, columns: columnErrors });
        // Straight to the first field that needs attention.
        const form = event.currentTarget;
        requestAnimationFrame(() => form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
        return;
      }
      // A template's grid and goal go only if they were changed, so the board records that it is the template's own.
      const grid = gridOf(rows, columns);
      if (template === "blank" || JSON.stringify(grid) !== JSON.stringify(TEMPLATES[template].grid)) body.grid = grid;
      if (goal !== TEMPLATES[template].goal) body.goal = goal;
    }
    setPending(true);
    setErrors({});
    try {
      const created = await createBoard(body);
      rememberBoardLinks(created);
      router.push(created.links.facilitate);
      return;
    } catch (error) {
      const next = errorsFrom(error);
      setErrors(next);
      if (next.title) titleRef.current?.focus();
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${ids}-heading`} className="space-y-6">
      <h2 id={`${ids}-heading`} className="text-xl font-semibold tracking-tight text-slate-900">
        Start a board
      </h2>

      <TextField
        ref={titleRef}
        label="Board title"
        hint="Optional. Shown at the top of the board for everyone."
        error={errors.title}
        size="lg"
        name="title"
        type="text"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        maxLength={LIMITS.titleMax}
        autoComplete="off"
        placeholder="e.g. Reading group, week 3"
      />

      <TemplatePicker value={template} onChange={chooseTemplate} errorId={templateErrorId} error={errors.template} />

      {template !== "blank" && (
        <button
          type="button"
          aria-expanded={adjusting}
          onClick={() => setAdjusting(!adjusting)}
          className="text-sm font-medium text-indigo-700 underline-offset-2 hover:underline focus-ring"
        >
          {adjusting ? "Use the template’s labels and goal" : "Adjust the labels and goal corner"}
        </button>
      )}

      {editing && (
        <div className="space-y-5 rounded-xl border border-slate-200 bg-slate-50/60 p-3 sm:p-4">
          <AxisEditor title="Rows" noun="row" axes={rows} errors={errors.rows ?? {}} onChange={setRows} newId={template === "blank" ? newAxisId : undefined} />
          <AxisEditor title="Columns" noun="column" axes={columns} errors={errors.columns ?? {}} onChange={setColumns} newId={template === "blank" ? newAxisId : undefined} />
          <GoalCornerPicker grid={{ rows: namedAxes(rows), columns: namedAxes(columns) }} value={goal} onChange={setGoal} />
        </div>
      )}

      {errors.form && (
        <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm font-medium text-rose-800">
          {errors.form}
        </p>
      )}

      <Button type="submit" variant="primary" size="lg" className="w-full" disabled={pending} aria-disabled={pending}>
        {pending ? "Creating…" : "Create board"}
      </Button>
      <p className="text-sm text-slate-600">
        You get a private facilitator link, and links to share with participants and with a read-only screen.
      </p>
    </form>
  );
}
