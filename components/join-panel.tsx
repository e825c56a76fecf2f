"use client";

import { useId, useState, type FormEvent } from "react";
import { LIMITS } from "../lib/board/schema";

/** Asked once per device: the name the group sees next to this person's placements. */
export function JoinPanel({ onJoin }: { onJoin: (name: string) => void }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed.length === 0) return setError("Type the name the group should see.");
    if (trimmed.length > LIMITS.nameMax) return setError(`Keep it to ${LIMITS.nameMax} characters.`);
    setError(null);
    onJoin(trimmed);
  };

  return (
    <section aria-labelledby={`${inputId}-heading`} className="mb-10 rounded-2xl border border-indigo-200 bg-indigo-50/60 p-6 shadow-sm">
      <h2 id={`${inputId}-heading`} className="text-lg font-semibold text-slate-900">
        Join this board
      </h2>
      <p className="mt-1 text-slate-700">Your name is shown to the group next to your placements. This device remembers it.</p>
      <form onSubmit={submit} noValidate className="mt-4 flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1 basis-64">
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
            Your name
          </label>
          <input
            id={inputId}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="nickname"
            maxLength={LIMITS.nameMax + 20}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className="mt-1 w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none"
          />
          {error && (
            <p id={errorId} role="alert" className="mt-1 text-sm text-red-700">
              {error}
            </p>
          )}
        </div>
        <button
          type="submit"
          className="mt-6 rounded-lg bg-indigo-700 px-5 py-2.5 font-semibold text-white shadow-sm hover:bg-indigo-800 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 focus-visible:outline-none"
        >
          Join
        </button>
      </form>
    </section>
  );
}
