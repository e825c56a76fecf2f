import { describe, expect, it } from "vitest";
import { IDLE_DRAFT, remainingWords, stepReason, type ReasonDraft, type ReasonEvent } from "../../components/board/reason-draft";

/** Runs events against a board that stores what is written, trimmed, as setReason does. */
function session(saved: string, events: ReasonEvent[]) {
  let draft: ReasonDraft = IDLE_DRAFT;
  const writes: string[] = [];
  const shown: string[] = [];
  for (const event of events) {
    const step = stepReason(draft, event, saved);
    draft = step.draft;
    if (step.write !== null) {
      writes.push(step.write);
      saved = step.write.trim();
    }
    shown.push(draft.text ?? saved);
  }
  return { writes, shown, saved };
}

describe("a reason being written", () => {
  it("is written on a pause, on finishing, and only when the board would store something new", () => {
    const run = session("", [{ kind: "type", text: "Mostly " }, { kind: "pause" }, { kind: "pause" }, { kind: "type", text: "Mostly evals" }, { kind: "finish" }, { kind: "finish" }]);
    expect(run.writes).toEqual(["Mostly ", "Mostly evals"]);
    expect(run.saved).toBe("Mostly evals");
  });

  it("keeps showing exactly what was typed after a pause, trailing space and all, until it is finished", () => {
    const run = session("", [{ kind: "type", text: "Mostly " }, { kind: "pause" }, { kind: "finish" }]);
    expect(run.shown).toEqual(["Mostly ", "Mostly ", "Mostly"]);
  });

  it("is not overwritten by the board while it is typed, and shows the board's reason again once finished", () => {
    let draft = stepReason(IDLE_DRAFT, { kind: "type", text: "Because" }, "old").draft;
    // The board changes under the field (another tab of the same person): the typed text stays.
    draft = stepReason(draft, { kind: "type", text: "Because of" }, "changed elsewhere").draft;
    expect(draft.text).toBe("Because of");
    expect(stepReason(draft, { kind: "finish" }, "changed elsewhere")).toEqual({ draft: IDLE_DRAFT, write: "Because of" });
  });

  it("goes back on Escape to the reason as it was before the edit, even after a pause wrote part of it", () => {
    const run = session("Robustness first", [{ kind: "type", text: "Nope" }, { kind: "pause" }, { kind: "type", text: "Nope, later" }, { kind: "revert" }]);
    expect(run.writes).toEqual(["Nope", "Robustness first"]);
    expect(run.shown.at(-1)).toBe("Robustness first");
    // Escape with nothing typed writes nothing.
    expect(stepReason(IDLE_DRAFT, { kind: "revert" }, "kept").write).toBeNull();
  });

  it("is taken away by clearing it", () => {
    const run = session("Because", [{ kind: "type", text: "   " }, { kind: "finish" }]);
    expect(run.writes).toEqual(["   "]);
    expect(run.saved).toBe("");
  });
});

describe("characters left", () => {
  it("is said only near the limit", () => {
    expect(remainingWords("a".repeat(239))).toBeNull();
    expect(remainingWords("a".repeat(240))).toBe("40 characters left");
    expect(remainingWords("a".repeat(279))).toBe("1 character left");
    expect(remainingWords("a".repeat(280))).toBe("0 characters left");
  });
});
