"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, formatJoinCode, normalizeJoinCode } from "../../lib/api/schemas";
import { lookUpJoinCode, type JoinLookup } from "../../lib/client/join-codes";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

/** What is wrong with a typed code before asking the server, or null when it could be one. */
export function typedCodeProblem(typed: string): string | null {
  const code = normalizeJoinCode(typed);
  if (code.length === 0) return "Type the code shown on the screen.";
  const strangers = [...new Set([...code].filter((c) => !JOIN_CODE_ALPHABET.includes(c)))];
  if (strangers.length > 0) {
    const list = strangers.map((c) => `“${c}”`).join(", ");
    return `${list} ${strangers.length === 1 ? "is" : "are"} in no join code: check the code on the screen.`;
  }
  if (code.length !== JOIN_CODE_LENGTH) return `A join code has ${JOIN_CODE_LENGTH} letters and digits; this has ${code.length}.`;
  return null;
}

const wait = (seconds: number) => (seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`);

/** What a failed lookup tells the person, in words they can act on. */
export function lookupProblem(lookup: Exclude<JoinLookup, { kind: "found" }>, code: string): string {
  switch (lookup.kind) {
    case "unknown":
      return `No board has the code ${formatJoinCode(code)}. Check it against the screen and try again.`;
    case "expired":
      return "That code has expired. Ask the facilitator to show a new one.";
    case "limited":
      return `Too many wrong codes from this network. Try again in ${wait(lookup.retryAfterSeconds)}, or scan the QR code.`;
    case "unreachable":
      return `${lookup.detail} Check your connection, then try again.`;
  }
}

/**
 * "Join with a code": the short code from the projector leads to the board's
 * participant page, where the person gives their name. Big enough to hit
 * with a thumb; case, spaces and dashes do not matter.
 */
export function JoinByCode({ headingLevel = 2, autoFocus = false }: { headingLevel?: 1 | 2; autoFocus?: boolean }) {
  const router = useRouter();
  const ids = useId();
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const Heading = headingLevel === 1 ? "h1" : "h2";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = typedCodeProblem(typed);
    if (invalid) return setProblem(invalid);
    setProblem(null);
    setBusy(true);
    const code = normalizeJoinCode(typed);
    const lookup = await lookUpJoinCode(code);
    if (lookup.kind === "found") return router.push(lookup.link);
    setBusy(false);
    setProblem(lookupProblem(lookup, code));
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${ids}-heading`} className="space-y-4">
      <div>
        <Heading id={`${ids}-heading`} className={`${headingLevel === 1 ? "text-3xl font-bold" : "text-xl font-semibold"} tracking-tight text-slate-900`}>
          Join with a code
        </Heading>
        <p className="mt-1 text-slate-600">The facilitator shows a six-character code on the screen.</p>
      </div>
      <Field label="Join code" error={problem} announceError>
        {(control) => (
          <input
            {...control}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            // Only on /join, where typing the code is the one thing to do.
            autoFocus={autoFocus}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="go"
            maxLength={16}
            className="block h-16 w-full rounded-xl border-2 border-slate-300 bg-white px-4 text-center font-mono text-3xl font-bold tracking-[0.2em] text-slate-950 uppercase shadow-sm focus:border-indigo-600 focus:ring-4 focus:ring-indigo-600/20 focus:outline-none aria-invalid:border-rose-600"
          />
        )}
      </Field>
      <Button type="submit" variant="primary" size="xl" disabled={busy} className="w-full">
        {busy ? "Joining…" : "Join"}
      </Button>
    </form>
  );
}
