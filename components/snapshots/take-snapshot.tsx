"use client";

import { useState, type FormEvent } from "react";
import { LIMITS } from "../../lib/board/schema";
import { describeError } from "../../lib/client/http";
import { takeSnapshot } from "../../lib/client/snapshots";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";

/** The facilitator's "Take snapshot": a name (optional) and the button; `onTaken` lists the new one. */
export function TakeSnapshot({ boardId, boardKey, onTaken }: { boardId: string; boardKey: string; onTaken(): void }) {
  const [name, setName] = useState("");
  const [state, setState] = useState<{ kind: "idle" } | { kind: "saving" } | { kind: "error"; message: string }>({ kind: "idle" });

  async function take(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setState({ kind: "saving" });
    try {
      await takeSnapshot(boardId, boardKey, name.trim() || undefined);
      setName("");
      setState({ kind: "idle" });
      onTaken();
    } catch (error) {
      setState({ kind: "error", message: describeError(error, "The snapshot could not be taken") });
    }
  }

  return (
    <form onSubmit={take} className="mt-3 flex flex-wrap items-end gap-2">
      <TextField
        label="Snapshot name"
        value={name}
        maxLength={LIMITS.titleMax}
        placeholder="e.g. Before the break"
        onChange={(e) => setName(e.target.value)}
        className="min-w-0 flex-1"
      />
      <Button type="submit" variant="primary" disabled={state.kind === "saving"}>
        {state.kind === "saving" ? "Saving…" : "Take snapshot"}
      </Button>
      {state.kind === "error" && (
        <p role="alert" className="w-full text-sm font-medium text-rose-800">
          {state.message}
        </p>
      )}
    </form>
  );
}
