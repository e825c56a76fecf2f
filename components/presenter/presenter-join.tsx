"use client";

import { formatJoinCode } from "../../lib/api/schemas";
import { useServerTime } from "../board/board-timer";
import { JoinQr } from "./join-qr";
import type { PresenterJoin } from "../../lib/client/presenter-link";

/** "21:30", or "Tue 21:30" when that is not today. */
function clockTime(at: number, now: number): string {
  const when = new Date(at);
  const time = when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return when.toDateString() === new Date(now).toDateString() ? time : `${when.toLocaleDateString([], { weekday: "short" })} ${time}`;
}

/**
 * How the room joins: a large QR code of the participant link and, beside it,
 * a short address and a join code big enough to type from the back row. The
 * code is shown only while it works; the QR code never expires.
 */
export function PresenterJoinCard({ boardId, join, compact = false }: { boardId: string; join: PresenterJoin; compact?: boolean }) {
  // Minute resolution is plenty for "until 21:30" and for noticing the code has expired.
  const { now } = useServerTime(15_000, join.code !== null);
  if (!join.joinKey) return null;
  const url = `${window.location.origin}/b/${boardId}?key=${join.joinKey}`;
  const code = join.code;
  const live = code !== null && (now === null || now < code.expiresAt);
  const codeText = code && (
    <>
      <span aria-hidden="true">{formatJoinCode(code.code)}</span>
      <span className="sr-only">{[...code.code].join(" ")}</span>
    </>
  );
  // While an item is discussed the card shrinks to a strip, so the item's details fit below it; latecomers can still scan and type.
  if (compact) {
    return (
      <section aria-labelledby="join-heading" className="flex shrink-0 items-center gap-4 rounded-2xl border border-slate-200 bg-white p-2 shadow-sm">
        <div className="size-20 shrink-0">
          <JoinQr url={url} label="QR code of the join link" />
        </div>
        <div className="min-w-0 flex-1 space-y-0.5">
          <h2 id="join-heading" className="text-lg leading-tight font-semibold text-slate-900">
            Join on your phone
          </h2>
          {code && live ? (
            <>
              <p className="leading-snug break-all text-slate-700">
                Scan, or go to <span className="font-semibold text-indigo-900">{window.location.host}/join</span>
              </p>
              <p data-join-code={code.code} className="font-mono text-3xl leading-none font-bold tracking-wide whitespace-nowrap text-slate-950">
                {codeText}
              </p>
            </>
          ) : (
            <p className="leading-snug text-slate-700">Scan the code to join.</p>
          )}
        </div>
      </section>
    );
  }
  return (
    <section aria-labelledby="join-heading" className="flex shrink-0 items-center gap-5 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="size-40 shrink-0 lg:size-[13.5rem]">
        <JoinQr url={url} label="QR code of the join link" />
      </div>
      <div className="min-w-0 flex-1 space-y-1">
        <h2 id="join-heading" className="text-lg leading-tight font-semibold text-slate-900">
          Join on your phone
        </h2>
        {code && live ? (
          <>
            <p className="leading-snug text-slate-700">Scan, or go to</p>
            <p className="text-lg leading-tight font-semibold break-all text-indigo-900">{window.location.host}/join</p>
            <p className="leading-snug text-slate-700">and type the code</p>
            <p data-join-code={code.code} className="font-mono text-[2.5rem] leading-none font-bold tracking-wide whitespace-nowrap text-slate-950">
              {codeText}
            </p>
            {now !== null && <p className="text-sm text-slate-600">valid until {clockTime(code.expiresAt, now)}</p>}
          </>
        ) : (
          <p className="leading-snug text-slate-700">
            Scan the code to join.
            {code && " The join code has expired: the facilitator can show a new one from Invite people on their board."}
          </p>
        )}
      </div>
    </section>
  );
}
