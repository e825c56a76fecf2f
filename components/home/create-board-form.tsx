"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import type { CreateBoardBody } from "../../lib/api/schemas";
import { LIMITS } from "../../lib/board/schema";
import { DEFAULT_BLANK_GRID, type TemplateName } from "../../lib/board/templates";
import { createBoard } from "../../lib/client/boards";
import { ApiFailure, describeError } from "../../lib/client/http";
import { rememberBoardLinks } from "../../lib/client/session/board-keys";
import { AxisEditor, axisErrors, draftsOf, gridOf } from "../facilitation/axis-editor";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";

interface FormErrors {
  title?: string;
  template?: string;
  /** Keyed "<index>.label" / "<index>.hint", or "" for the whole list. */
  rows?: Record<string, string>;
  columns?: Record<string, string>;
  form?: string;
}

const TEMPLATES: ReadonlyArray<{ value: TemplateName; label: string; description: string }> = [
  {
    value: "alignment",
    label: "Alignment research map",
    description: "3×3: engineering, behaviorist and cognitivist science against average-, pessimistic- and worst-case work. Starts with nine example research areas.",
  },
  {
    value: "blank",
    label: "Blank grid",
    description: "Your own rows and columns, 2–5 of each, with no items yet. Starts as impact against effort, for prioritization workshops.",
  },
];

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
  const [rows, setRows] = useState(() => draftsOf(DEFAULT_BLANK_GRID.rows));
  const [columns, setColumns] = useState(() => draftsOf(DEFAULT_BLANK_GRID.columns));
  const nextAxis = useRef(0);
  const newAxisId = () => `axis-${++nextAxis.current}`;
  const [errors, setErrors] = useState<FormErrors>({});
  const [pending, setPending] = useState(false);

  const templateErrorId = `${ids}-template-error`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const body: CreateBoardBody = { template };
    const trimmed = title.trim();
    if (trimmed) body.title = trimmed;
    if (template === "blank") {
      const rowErrors = axisErrors(rows, "row");
      const columnErrors = axisErrors(columns, "column");
      if (rowErrors || columnErrors) {
        setErrors({ rows: rowErrors, columns: columnErrors });
        // Straight to the first field that needs attention.
        const form = event.currentTarget;
        requestAnimationFrame(() => form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
        return;
      }
      body.grid = gridOf(rows, columns);
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

      <fieldset
        className="space-y-3"
        aria-describedby={errors.template ? templateErrorId : undefined}
        aria-invalid={errors.template ? true : undefined}
      >
        <legend className="mb-2 text-sm font-medium text-slate-900">Template</legend>
        {TEMPLATES.map((t) => (
          <label
            key={t.value}
            className="flex cursor-pointer gap-3 rounded-xl border border-slate-300 bg-white p-4 transition-colors hover:border-slate-400 has-checked:border-indigo-600 has-checked:bg-indigo-50/60 has-checked:ring-1 has-checked:ring-indigo-600 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600"
          >
            <input
              type="radio"
              name="template"
              value={t.value}
              checked={template === t.value}
              onChange={() => setTemplate(t.value)}
              aria-describedby={`${ids}-${t.value}-description`}
              className="mt-0.5 size-4 shrink-0 accent-indigo-600 focus:outline-none"
            />
            <span className="space-y-1">
              <span className="block font-medium text-slate-900">{t.label}</span>
              <span id={`${ids}-${t.value}-description`} className="block text-sm leading-snug text-slate-600">
                {t.description}
              </span>
            </span>
          </label>
        ))}
        {errors.template && (
          <p id={templateErrorId} className="text-sm font-medium text-rose-800">
            {errors.template}
          </p>
        )}
      </fieldset>

      {template === "blank" && (
        <div className="space-y-5">
          <AxisEditor title="Rows" noun="row" axes={rows} errors={errors.rows ?? {}} onChange={setRows} newId={newAxisId} />
          <AxisEditor title="Columns" noun="column" axes={columns} errors={errors.columns ?? {}} onChange={setColumns} newId={newAxisId} />
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
