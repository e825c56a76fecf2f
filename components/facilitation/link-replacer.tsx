"use client";

import { useId, useRef, useState } from "react";
import { describeError } from "../../lib/client/http";
import { replaceBoardLink } from "../../lib/client/link-control";
import type { BoardLinks } from "../../lib/client/session/board-keys";
import { rememberReplacedLinks } from "../../lib/client/session/link-changes";
import { Button } from "../ui/button";

type Replaceable = "participant" | "viewer";

const NAMES: Record<Replaceable, { link: string; who: string }> = {
  participant: { link: "participant link", who: "everyone who places items" },
  viewer: { link: "viewer link", who: "the projector and observers" },
};

type Step = { kind: "idle" } | { kind: "confirming"; role: Replaceable } | { kind: "replacing"; role: Replaceable } | { kind: "done"; role: Replaceable } | { kind: "failed"; role: Replaceable; problem: string };

/**
 * Retiring a link that went further than it should: a new key for the role, the old one refused
 * from then on everywhere. Asked twice, since everyone connected with the old link is let go.
 */
export function LinkReplacer({ links, onReplaced }: { links: BoardLinks; onReplaced(links: BoardLinks): void }) {
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const headingId = useId();
  const questionId = useId();
  // Once the question is answered its buttons go: the keyboard goes back to the button that asked as
  // it comes back (unless the facilitator has moved on elsewhere meanwhile).
  const refocus = useRef<Replaceable | null>(null);
  const startButton = (role: Replaceable) => (button: HTMLButtonElement | null) => {
    if (!button || refocus.current !== role) return;
    refocus.current = null;
    if (document.activeElement === null || document.activeElement === document.body) button.focus();
  };
  const facilitate = new URL(links.facilitate, "http://x");
  const boardId = facilitate.pathname.split("/")[2] ?? "";
  const facilitatorKey = facilitate.searchParams.get("key") ?? "";

  const replace = async (role: Replaceable) => {
    setStep({ kind: "replacing", role });
    refocus.current = role;
    try {
      const replaced = await replaceBoardLink(boardId, facilitatorKey, role);
      onReplaced(rememberReplacedLinks(boardId, links, replaced));
      setStep({ kind: "done", role });
    } catch (err) {
      setStep({ kind: "failed", role, problem: describeError(err, `The ${NAMES[role].link} was not replaced`) });
    }
  };
  const cancel = (role: Replaceable) => {
    refocus.current = role;
    setStep({ kind: "idle" });
  };

  const asking = step.kind === "confirming" || step.kind === "replacing" ? step.role : null;
  return (
    <section aria-labelledby={headingId} className="space-y-3 border-t border-slate-200 pt-4">
      <div>
        <h3 id={headingId} className="text-sm font-semibold text-slate-900">
          Replace a link
        </h3>
        <p className="mt-1 text-sm text-slate-600">
          If a link reached people it should not have, make a new one. The old link stops working at once; people connected with it are
          disconnected and need the new link.
        </p>
      </div>
      {asking ? (
        <div role="group" aria-labelledby={questionId} className="space-y-3 rounded-xl border border-red-200 bg-red-50 p-4">
          <p id={questionId} className="text-sm text-red-950">
            <span className="font-semibold">Replace the {NAMES[asking].link}?</span> The old one stops working at once, and everyone connected
            with it is disconnected{asking === "participant" ? "; join codes shown so far stop working too" : ""}. Send the new link to{" "}
            {NAMES[asking].who}.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button
              variant="danger"
              autoFocus
              aria-disabled={step.kind === "replacing" || undefined}
              aria-busy={step.kind === "replacing" || undefined}
              onClick={() => step.kind === "confirming" && void replace(asking)}
            >
              {step.kind === "replacing" ? "Replacing…" : `Replace the ${NAMES[asking].link}`}
            </Button>
            <Button onClick={() => step.kind === "confirming" && cancel(asking)}>Cancel</Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          {(["participant", "viewer"] as const).map((role) => (
            <Button key={role} ref={startButton(role)} onClick={() => setStep({ kind: "confirming", role })}>
              New {NAMES[role].link}
            </Button>
          ))}
        </div>
      )}
      <div aria-live="polite" className="text-sm">
        {step.kind === "done" && (
          <p className="text-emerald-900">
            New {NAMES[step.role].link} made and shown above; the old one no longer works. A presenter view opened from this page shows
            the new links; another one needs opening again.
          </p>
        )}
        {step.kind === "failed" && <p className="text-rose-800">{step.problem}</p>}
      </div>
    </section>
  );
}
