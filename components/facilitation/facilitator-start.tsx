"use client";

import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { BoardInvite } from "./board-invite";
import type { BoardLinks } from "../../lib/client/session/board-keys";
import { PresenterLauncher } from "./presenter-launcher";
import { Button } from "../ui/button";
import { Chevron } from "../ui/chevron";
import { CopyButton } from "../ui/copy-button";
import { CopyField } from "../ui/copy-field";

interface FacilitatorStartProps {
  /** The board's title, which deleting it asks to be typed. */
  title: string;
  /** Every link of the board, where this device created it; null elsewhere. */
  links: BoardLinks | null;
  /** The facilitator's name while they place too; null while they only run the board. */
  placingAs: string | null;
  /** Offered while the facilitator only runs the board. */
  onPlaceToo?: () => void;
  /** True once anyone else has joined: inviting is then mostly done, and the panel folds to one line. */
  joined: boolean;
  /** The name asked for once they chose to place, shown here where they chose it. */
  children?: ReactNode;
}

/**
 * The top of the facilitator's page: what to do first. Invite people (the participant link to
 * copy), put the presenter view on the projector, and, only if they want to, place too.
 * Every other link is one click away. Once people have joined it folds to one line that still
 * copies the participant link, so the grid stays on the first screen while the session runs.
 */
export function FacilitatorStart({ title, links: linksAtOpen, placingAs, onPlaceToo, joined, children }: FacilitatorStartProps) {
  // A link the facilitator replaces here is shown in its new form from then on.
  const [links, setLinks] = useState(linksAtOpen);
  const [allLinks, setAllLinks] = useState(false);
  // Null until the facilitator opens, folds or uses it: until then it folds by itself once people joined or they chose to place.
  const [shown, setShown] = useState<boolean | null>(null);
  const inviteId = useId();
  const panelId = useId();
  const url = (path: string) => new URL(path, window.location.origin).toString();
  // "I’m placing too" makes way for the name it asks; if that is cancelled, the keyboard comes back to it.
  const askedToPlace = useRef(false);
  const placeTooButton = useCallback((button: HTMLButtonElement | null) => {
    if (!button || !askedToPlace.current) return;
    askedToPlace.current = false;
    button.focus();
  }, []);
  useEffect(() => {
    if (placingAs) askedToPlace.current = false;
  }, [placingAs]);
  // Opening or folding swaps the form; the keyboard stays on the toggle that did it.
  const toggled = useRef(false);
  const toggleButton = useCallback((button: HTMLButtonElement | null) => {
    if (!button || !toggled.current) return;
    toggled.current = false;
    button.focus();
  }, []);
  // The name being asked for is never folded away.
  const open = children ? true : (shown ?? !(joined || placingAs));
  const toggle = (
    <h2 id="start-heading" className="text-lg font-semibold text-slate-900">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        ref={toggleButton}
        onClick={() => {
          toggled.current = true;
          setShown(!open);
        }}
        className="-mx-1 inline-flex items-center gap-2 rounded-md px-1 hover:text-indigo-800 focus-ring"
      >
        <Chevron open={open} />
        Invite people
      </button>
    </h2>
  );
  if (!open)
    return (
      <div id={panelId} className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-2xl border border-indigo-200 bg-white px-4 py-2 shadow-sm">
        {toggle}
        {links && <CopyButton label="Participant link" value={url(links.join)} whereShown="Invite people" />}
        <p className="text-sm text-slate-700">
          {placingAs ? (
            <>
              You run the board and place too, as <span className="font-semibold text-slate-900">{placingAs}</span>.
            </>
          ) : (
            "You run the board, not counted among those placing."
          )}
        </p>
        {!placingAs && onPlaceToo && (
          <Button
            ref={placeTooButton}
            size="sm"
            onClick={() => {
              askedToPlace.current = true;
              onPlaceToo();
            }}
          >
            I’m placing too
          </Button>
        )}
      </div>
    );
  return (
    // Once the facilitator uses the open panel (a link, a button, the keyboard) it is theirs to fold: it never folds under them.
    <div id={panelId} onFocus={() => shown === null && setShown(true)} className="rounded-2xl border border-indigo-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-4">
        <div className="min-w-0 flex-1 basis-[28rem] space-y-3">
          <div id={inviteId}>
            {links && allLinks ? (
              // Every link, with what each is for; the short form's would only repeat them.
              <BoardInvite links={links} onReplaced={setLinks} title={title} />
            ) : (
              <section aria-labelledby="start-heading" className="space-y-3">
                {toggle}
                {links ? (
                  <CopyField label="Participant link" hint="Send it to everyone who places items, or show the presenter view’s QR code." value={url(links.join)} />
                ) : (
                  <p className="text-sm text-slate-700">
                    The links to hand out are kept in the browser that created this board: open it there to copy the participant link
                    and the presenter view.
                  </p>
                )}
              </section>
            )}
          </div>
          {/* The toggle stays one element in one place whichever form is shown, so the keyboard stays on it. */}
          {links && (
            <div className="flex flex-wrap items-start gap-2">
              {/* Grows so the join code under the button never pushes the toggle into the middle of the row. */}
              {!allLinks && (
                <div className="min-w-0 flex-1">
                  <PresenterLauncher links={links} asButton />
                </div>
              )}
              <Button aria-expanded={allLinks} aria-controls={inviteId} onClick={() => setAllLinks(!allLinks)}>
                {allLinks ? "Fewer links" : "All links"}
              </Button>
            </div>
          )}
        </div>
        <section aria-labelledby="part-heading" className="w-full space-y-2 sm:w-auto sm:max-w-xs">
          <h2 id="part-heading" className="text-sm font-semibold text-slate-900">
            Your part
          </h2>
          {placingAs ? (
            <p className="text-sm text-slate-700">
              You run the board and place too, as <span className="font-semibold text-slate-900">{placingAs}</span>.
            </p>
          ) : (
            <>
              <p className="text-sm text-slate-700">You run the board. You are not counted among those placing.</p>
              {onPlaceToo && (
                <Button
                  ref={placeTooButton}
                  onClick={() => {
                    askedToPlace.current = true;
                    onPlaceToo();
                  }}
                >
                  I’m placing too
                </Button>
              )}
            </>
          )}
        </section>
      </div>
      {children && <div className="mt-4">{children}</div>}
    </div>
  );
}
