import { describe, expect, it } from "vitest";
import { discuss, endDiscussion, nextOnAgenda, stepBack } from "../../lib/board/agenda";

describe("the agenda", () => {
  const order = ["a", "b", "c"];

  it("takes up the items in order, one step each, until every one is discussed", () => {
    let step = { focus: null as string | null, discussed: [] as string[] };
    const seen: (string | null)[] = [];
    for (let next = nextOnAgenda(order, step.discussed, step.focus); next !== null; next = nextOnAgenda(order, step.discussed, step.focus)) {
      step = discuss(next, step.discussed, step.focus);
      seen.push(step.focus);
    }
    expect(seen).toEqual(["a", "b", "c"]);
    expect(step).toEqual({ focus: "c", discussed: ["a", "b", "c"] });
    expect(endDiscussion(step.discussed, step.focus)).toEqual({ focus: null, discussed: ["a", "b", "c"] });
  });

  it("skips items taken up out of order, and keeps an item discussed before in its place", () => {
    const clicked = discuss("b", [], null);
    expect(nextOnAgenda(order, clicked.discussed, clicked.focus)).toBe("a");
    expect(discuss("b", ["b", "a"], "a")).toEqual({ focus: "b", discussed: ["b", "a"] });
  });

  it("moves on from an item focused outside the agenda, and ticks it", () => {
    // The facilitator focused "a" from its panel: next is "b", not "a" again, and "a" counts as discussed.
    expect(nextOnAgenda(order, [], "a")).toBe("b");
    expect(discuss("b", [], "a")).toEqual({ focus: "b", discussed: ["a", "b"] });
    expect(nextOnAgenda(order, ["b"], "a")).toBe("c");
    expect(nextOnAgenda(order, ["b", "c"], "a")).toBeNull();
    expect(endDiscussion(["b", "c"], "a")).toEqual({ focus: null, discussed: ["b", "c", "a"] });
  });

  it("steps back: unticks the item just taken up and returns to the one before", () => {
    expect(stepBack(["a", "b"], "b")).toEqual({ focus: "a", discussed: ["a"] });
    expect(stepBack(["a"], "a")).toEqual({ focus: null, discussed: [] });
    // Looking at something else (or nothing): back to the last item taken up, which stays ticked.
    expect(stepBack(["a", "b"], null)).toEqual({ focus: "b", discussed: ["a", "b"] });
    expect(stepBack([], null)).toBeNull();
  });
});
