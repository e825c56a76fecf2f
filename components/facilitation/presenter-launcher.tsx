"use client";

import { useEffect, useRef, useState, type MouseEvent } from "react";
import { IssuedJoinCodeSchema, formatJoinCode, type IssuedJoinCode } from "../../lib/api/schemas";
import { readTabValue, writeTabValue, type BoardLinks } from "../../lib/client/session/board-keys";
import { issueJoinCode } from "../../lib/client/join-codes";
import { presenterLink } from "../../lib/client/presenter-link";
import { Button, buttonClass } from "../ui/button";
import { textLinkClass } from "../ui/text-link";

/** The presenter windows this tab opened, by window name. */
const openedWindows = new Map<string, Window>();

/** A code with less than this left is replaced when the presenter view is opened again. */
const FRESH_ENOUGH_MS = 60 * 60_000;

/* The code this tab issued last, so the short invite and the full links panel show (and reuse) the same one. */
const issuedName = (boardId: string) => `cruxboard:issued-code:${boardId}`;

function recallIssuedCode(boardId: string): IssuedJoinCode | null {
  try {
    const parsed = IssuedJoinCodeSchema.safeParse(JSON.parse(readTabValue(issuedName(boardId)) ?? "null"));
    return parsed.success && Date.parse(parsed.data.expiresAt) > Date.now() ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Opens the presenter view for the projector. Opening it issues a join code
 * with this tab's facilitator key and passes it to the presenter in the link's
 * fragment, with the participant key for the QR code: the projector itself
 * holds only the viewer key, so the facilitator key is never on the wall. The
 * presenter opens in one named window, so a new code replaces the old one there.
 */
export function PresenterLauncher({ links, asButton = false }: { links: BoardLinks; /** A primary button rather than a sentence with a link. */ asButton?: boolean }) {
  const facilitate = new URL(links.facilitate, "http://x");
  const boardId = facilitate.pathname.split("/")[2] ?? "";
  const facilitatorKey = facilitate.searchParams.get("key") ?? "";
  const windowName = `cruxboard-presenter-${boardId}`;
  const [code, setCode] = useState<IssuedJoinCode | null>(() => recallIssuedCode(boardId));
  const [state, setState] = useState<"idle" | "issuing" | { problem: string }>("idle");
  const [blocked, setBlocked] = useState(false);
  const presenter = useRef<Window | null>(null);
  // The short invite and the full links panel each have a launcher: whichever opened the window, both reach it.
  presenter.current ??= openedWindows.get(windowName) ?? null;

  const show = (target: Window | null, href: string) => {
    if (target && !target.closed) {
      target.location.href = href;
      presenter.current = target;
    } else presenter.current = window.open(href, windowName);
    if (presenter.current) openedWindows.set(windowName, presenter.current);
    setBlocked(!presenter.current);
  };

  const issueAndShow = async (target: Window | null) => {
    setState("issuing");
    try {
      const issued = await issueJoinCode(boardId, facilitatorKey);
      writeTabValue(issuedName(boardId), JSON.stringify(issued));
      setCode(issued);
      setState("idle");
      show(target, presenterLink(links, issued));
    } catch (err) {
      setState({ problem: err instanceof Error ? err.message : String(err) });
      // Without a code the presenter still shows the QR code.
      show(target, presenterLink(links));
    }
  };

  // A replaced link retires the join code issued for the old one; a presenter window this tab opened is shown the new links.
  const shownLinks = useRef(links);
  useEffect(() => {
    const before = shownLinks.current;
    shownLinks.current = links;
    if (before.join === links.join && before.view === links.view) return;
    if (before.join !== links.join) {
      writeTabValue(issuedName(boardId), "null");
      setCode(null);
    }
    const target = presenter.current;
    if (target && !target.closed) void issueAndShow(target);
    // issueAndShow reads the links of this render, which is what is wanted.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [links]);

  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    if (code && Date.parse(code.expiresAt) - Date.now() > FRESH_ENOUGH_MS) return; // the link already carries a good code
    event.preventDefault();
    // The window opens now, while the click still counts as one (popup blockers); the code follows.
    presenter.current = window.open("", windowName);
    void issueAndShow(presenter.current);
  };

  const issuing = state === "issuing";
  const until = code && new Date(code.expiresAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return (
    <div className="space-y-2 text-sm text-slate-700">
      {asButton ? (
        <a href={presenterLink(links, code)} target={windowName} onClick={open} className={buttonClass({ variant: "primary" })}>
          Open the presenter view
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.8">
            <path d="M6 3H3v10h10v-3M9 2h5v5M14 2 7.5 8.5" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </a>
      ) : (
        <p>
          For the projector:{" "}
          <a href={presenterLink(links, code)} target={windowName} onClick={open} className={textLinkClass()}>
            open the presenter view
          </a>{" "}
          — the grid, the contested list, the timer, a QR code and a short join code. Your facilitator link never appears on it.
        </p>
      )}
      {!code && issuing && <p>Getting a join code…</p>}
      {code && (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
          {/* Said when it arrives, since the keyboard stays on the button below. */}
          <span aria-live="polite">
            {issuing ? (
              "Getting a new join code…"
            ) : (
              <>
                Join code <span className="font-mono font-semibold text-slate-900">{formatJoinCode(code.code)}</span>, valid until {until}.
              </>
            )}
          </span>
          {/*
           * Kept while the new code is on its way, so the keyboard stays on it; aria-disabled rather than
           * disabled, which would make the browser drop the focus.
           */}
          <Button
            size="sm"
            aria-disabled={issuing || undefined}
            aria-busy={issuing || undefined}
            onClick={() => {
              if (!issuing) void issueAndShow(presenter.current);
            }}
          >
            New join code
          </Button>
        </p>
      )}
      {blocked && <p className="text-amber-900">The browser did not open a new window: use the link again, it now carries the join code.</p>}
      {typeof state === "object" && (
        <p role="alert" className="text-rose-800">
          No join code: {state.problem}. The presenter view shows the QR code only.
        </p>
      )}
    </div>
  );
}
