"use client";

import { useId, useState, type FormEvent } from "react";
import { nameTaken, suggestName } from "../../lib/board/people";
import { LIMITS, type Participant } from "../../lib/board/schema";
import type { JoinProblem, NameRequest } from "../../hooks/use-participation";
import { Button, FormActions } from "../ui/button";

const WORDS: Record<NameRequest["kind"], { heading: string; intro: string; submit: string }> = {
  join: {
    heading: "Join this board",
    intro: "Your name is shown to the group next to your placements. This device remembers it.",
    submit: "Join",
  },
  "place-too": {
    heading: "Place items too",
    intro: "You get your own notes to place, and you count like everyone else. Your name is shown next to your placements.",
    submit: "Start placing",
  },
  "change-name": {
    heading: "Change your name",
    intro: "The group sees the new name next to your placements, and this device remembers it.",
    submit: "Save name",
  },
  rename: {
    heading: "Choose a name the group can tell apart",
    intro: "Someone who joined just before you has the same name.",
    submit: "Save name",
  },
};

type Problem = JoinProblem;

/** Names are compared trimmed, ignoring case and accents: "ada" and "Adá" are the same person to the group. */
function problemWith(name: string, participants: readonly Participant[], me: string | null): Problem | null {
  if (name.length === 0) return { text: "Type the name the group should see." };
  if (name.length > LIMITS.nameMax) return { text: `Keep it to ${LIMITS.nameMax} characters.` };
  if (!nameTaken(participants, name, me)) return null;
  const suggestion = suggestName(participants, name, me);
  return { text: `Someone here is already called ${name}. Choose a name the group can tell apart, such as “${suggestion}”.`, suggestion };
}

interface JoinPanelProps {
  request: NameRequest;
  /** Everyone on the board now: a name must differ from theirs. */
  participants: readonly Participant[];
  me: string | null;
  onSubmit(name: string): void;
  onCancel?(): void;
}

/** Asks for the name the group sees: once per device, and again only when it would be mistaken for someone else's. */
export function JoinPanel({ request, participants, me, onSubmit, onCancel }: JoinPanelProps) {
  const words = WORDS[request.kind];
  const [name, setName] = useState(request.initial);
  // A remembered name someone here already has is said at once, with a way out.
  const [problem, setProblem] = useState<Problem | null>(() => (request.initial ? problemWith(request.initial.trim(), participants, me) : null));
  // What the server said to the last try stays until the person answers it by typing or trying again.
  const [answered, setAnswered] = useState<JoinProblem | undefined>(undefined);
  const serverProblem = request.problem !== answered ? request.problem : undefined;
  const shown = problem ?? serverProblem ?? null;
  const busy = request.busy === true;
  const inputId = useId();
  const errorId = useId();

  const send = (value: string) => {
    setAnswered(request.problem);
    onSubmit(value);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = name.trim();
    const found = problemWith(trimmed, participants, me);
    setProblem(found);
    if (!found) send(trimmed);
  };

  return (
    <section aria-labelledby={`${inputId}-heading`} className="rounded-2xl border border-indigo-200 bg-indigo-50/60 p-6 shadow-sm">
      <h2 id={`${inputId}-heading`} className="text-lg font-semibold text-slate-900">
        {words.heading}
      </h2>
      <p className="mt-1 text-slate-700">
        {request.kind === "join" && request.removed
          ? "The facilitator removed you from this board. Join again only if they asked you to; your name is shown to the group next to your placements."
          : words.intro}
      </p>
      <form onSubmit={submit} noValidate className="mt-4 flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1 basis-64">
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
            Your name
          </label>
          <input
            id={inputId}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              // Whatever was said was about the name as it was: the new one is checked when it is sent.
              setProblem(null);
              setAnswered(request.problem);
            }}
            autoComplete="nickname"
            autoFocus={request.kind !== "join"}
            maxLength={LIMITS.nameMax + 20}
            aria-invalid={shown && !shown.retry ? true : undefined}
            aria-describedby={shown ? errorId : undefined}
            className="mt-1 w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm focus-field"
          />
          {shown && (
            <div id={errorId} role="alert" className="mt-1 text-sm text-red-700">
              <p>{shown.text}</p>
              {shown.suggestion && (
                <Button
                  className="mt-2"
                  disabled={busy}
                  onClick={() => {
                    setName(shown.suggestion!);
                    setProblem(null);
                    send(shown.suggestion!);
                  }}
                >
                  Use “{shown.suggestion}”
                </Button>
              )}
              {shown.retry && (
                <Button className="mt-2" disabled={busy} onClick={() => send(name.trim())}>
                  Try again
                </Button>
              )}
            </div>
          )}
        </div>
        <FormActions className="mt-6 flex gap-2" submit={busy ? "Joining…" : words.submit} onCancel={onCancel} />
      </form>
    </section>
  );
}
