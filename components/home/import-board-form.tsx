"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { importBoard } from "../../lib/client/boards";
import { describeError } from "../../lib/client/http";
import { rememberBoardLinks } from "../../lib/client/session/board-keys";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

/** The server refuses larger bodies; saying so before uploading saves a wait and gives a clearer message. */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * A new board from a snapshot file (exported from any Cruxboard board). The
 * server checks the whole file first and creates nothing unless all of it is
 * valid; its message names the first bad path.
 */
export function ImportBoardForm() {
  const router = useRouter();
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<{ kind: "idle" } | { kind: "sending" } | { kind: "error"; message: string }>({ kind: "idle" });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return setState({ kind: "error", message: "Choose a snapshot file (.json) first." });
    if (file.size > MAX_BYTES) {
      return setState({ kind: "error", message: `That file is ${(file.size / 1024 / 1024).toFixed(1)} MB; snapshots up to 5 MB can be imported.` });
    }
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      return setState({ kind: "error", message: "That file is not JSON. Export a board as JSON and import that file." });
    }
    setState({ kind: "sending" });
    try {
      const created = await importBoard(body);
      rememberBoardLinks(created);
      router.push(created.links.facilitate);
    } catch (error) {
      setState({ kind: "error", message: describeError(error, "The board could not be imported") });
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${ids}-heading`} className="space-y-3">
      <h2 id={`${ids}-heading`} className="font-semibold text-slate-900">
        Import a snapshot
      </h2>
      <Field
        label={<span className="sr-only">Snapshot file</span>}
        hint="A JSON file exported from a Cruxboard board (up to 5 MB) becomes a new board, with you as its facilitator."
        error={state.kind === "error" ? state.message : null}
        announceError
      >
        {(control) => (
          <input
            {...control}
            type="file"
            accept="application/json,.json"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setState({ kind: "idle" });
            }}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-900 hover:file:bg-slate-50"
          />
        )}
      </Field>
      <Button type="submit" disabled={state.kind === "sending"}>
        {state.kind === "sending" ? "Importing…" : "Import board"}
      </Button>
    </form>
  );
}
