import { describe, expect, it } from "vitest";
import { discuss, nextOnAgenda, stepBack } from "../../lib/board/agenda";

describe("the agenda", () => {
  const order = ["a", "b", "c"];

  it("takes up the items in order, one step each, until every one is discussed", () => {
    let step = { focus: null as string | null, discussed: [] as string[] };
    const seen: (string | null)[] = [];
    for (let next = nextOnAgenda(order, step.discussed); next !== null; next = nextOnAgenda(order, step.discussed)) {
      step = discuss(next, step.discussed);
      seen.push(step.focus);
    }
    expect(seen).toEqual(["a", "b", "c"]);
    expect(step).toEqual({ focus: "c", discussed: ["a", "b", "c"] });
  });

  it("skips items taken up out of order, and keeps an item discussed before in its place", () => {
    const clicked = discuss("b", []);
    expect(nextOnAgenda(order, clicked.discussed)).toBe("a");
    expect(discuss("b", ["b", "a"])).toEqual({ focus: "b", discussed: ["b", "a"] });
  });

  it("steps back: unticks the item just taken up and returns to the one before", () => {
    expect(stepBack(["a", "b"], "b")).toEqual({ focus: "a", discussed: ["a"] });
    expect(stepBack(["a"], "a")).toEqual({ focus: null, discussed: [] });
    // Looking at something else (or nothing): back to the last item taken up, which stays ticked.
    expect(stepBack(["a", "b"], null)).toEqual({ focus: "b", discussed: ["a", "b"] });
    expect(stepBack([], null)).toBeNull();
  });
});
