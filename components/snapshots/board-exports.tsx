"use client";

import { useState } from "react";
import type { Snapshot } from "../../lib/snapshot/schema";
import { downloadPicture } from "./board-picture";
import { EXPORT_FORMATS, PICTURES, exportHref } from "../../lib/client/export-links";
import type { PictureView } from "../../lib/api/schemas";
import { textLinkClass } from "../ui/text-link";

interface BoardExportsProps {
  boardId: string;
  boardKey: string;
  /** Set for a snapshot's files; absent for the board as it is now. */
  snapshot?: { id: string; name: string };
  /** What the pictures show: the board as this person sees it, or the snapshot. */
  pictureOf(): Snapshot | Promise<Snapshot>;
  heading?: string;
  /** During a blind round the files (which hold everyone's placements) wait for the reveal; pictures show only what this person sees. */
  filesHeld?: boolean;
}

/** Downloads: files from the export API, and printable pictures drawn in the browser. */
export function BoardExports({ boardId, boardKey, snapshot, pictureOf, heading = "Export", filesHeld = false }: BoardExportsProps) {
  const [picture, setPicture] = useState<{ kind: "idle" } | { kind: "working"; format: "png" | "svg"; view: PictureView } | { kind: "failed"; message: string }>({
    kind: "idle",
  });
  const draw = (format: "png" | "svg", view: PictureView) => {
    setPicture({ kind: "working", format, view });
    Promise.resolve()
      .then(pictureOf)
      .then((picture) => downloadPicture(picture, format, snapshot?.name, view))
      .then(
        () => setPicture({ kind: "idle" }),
        (error: unknown) => setPicture({ kind: "failed", message: error instanceof Error ? error.message : String(error) }),
      );
  };
  return (
    <section aria-labelledby="exports-heading" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="exports-heading" className="text-lg font-semibold text-slate-900">
        {heading}
      </h2>
      <ul className="mt-3 space-y-2">
        {filesHeld ? (
          <li className="text-sm text-slate-600">
            The JSON, CSV and Markdown files hold everyone’s placements: they are here once the facilitator reveals the round.
          </li>
        ) : (
          EXPORT_FORMATS.map(({ format, label, hint }) => (
            <li key={format} className="flex items-baseline justify-between gap-3">
              <a href={exportHref(boardId, boardKey, format, snapshot?.id)} download className={textLinkClass()}>
                Download {label}
              </a>
              <span className="text-right text-sm text-slate-600">{hint}</span>
            </li>
          ))
        )}
        {PICTURES.map(({ view, format, label, hint }) => (
          <li key={`${view}-${format}`} className="flex items-baseline justify-between gap-3">
            <button type="button" disabled={picture.kind === "working"} onClick={() => draw(format, view)} className={`${textLinkClass()} text-left disabled:cursor-wait disabled:text-slate-500`}>
              {picture.kind === "working" && picture.format === format && picture.view === view ? `Preparing ${label}…` : `Download ${label}`}
            </button>
            <span className="text-right text-sm text-slate-600">{hint}</span>
          </li>
        ))}
      </ul>
      {picture.kind === "failed" && (
        <p role="alert" className="mt-3 text-sm text-red-800">
          The picture could not be made: {picture.message}
        </p>
      )}
    </section>
  );
}
