import { describe, expect, it } from "vitest";
import type { TakeSeatBody } from "../../lib/api/seats";
import { refusalText } from "../../lib/board/refusal-text";
import { closedStatus } from "../../lib/board/refusals";
import { CLOSE_SEAT_REMOVED } from "../../lib/api/close-codes";
import { ApiFailure } from "../../lib/client/http";
import { seatPerson, type TakeSeat } from "../../lib/client/seating";
import { problemOf } from "../../hooks/use-participation";

const SEAT = "s".repeat(24);
const refused = (status: number, path?: string, retryAfterSeconds: number | null = null) =>
  new ApiFailure({ kind: "refused", status, body: { error: "refused", ...(path ? { path } : {}) }, retryAfterSeconds });

/** The seats API as the contract describes it, answering from a script: each call takes the next answer. */
function scripted(...answers: Array<Error | "seat">): { take: TakeSeat; bodies: TakeSeatBody[] } {
  const bodies: TakeSeatBody[] = [];
  const take: TakeSeat = async (_board, _key, body) => {
    bodies.push(body);
    const answer = answers.shift();
    if (answer === undefined) throw new Error("asked more often than expected");
    if (answer !== "seat") throw answer;
    return { participant: { id: body.participant ?? "p-new", name: body.name, color: "#123456" }, seat: SEAT };
  };
  return { take, bodies };
}

const request = { boardId: "b1", key: "k", name: "Ada", claim: null, freshIfRefused: true };

describe("taking a seat", () => {
  it("takes a fresh seat when the device has no earlier id", async () => {
    const { take, bodies } = scripted("seat");
    const outcome = await seatPerson(request, take);
    expect(outcome).toEqual({ kind: "seated", seat: { participant: { id: "p-new", name: "Ada", color: "#123456" }, seat: SEAT } });
    expect(bodies).toEqual([{ name: "Ada" }]);
  });

  it("claims the earlier id once, and keeps it when the server lets it", async () => {
    const { take, bodies } = scripted("seat");
    const outcome = await seatPerson({ ...request, claim: "p-old" }, take);
    expect(outcome.kind === "seated" && outcome.seat.participant.id).toBe("p-old");
    expect(bodies).toEqual([{ name: "Ada", participant: "p-old" }]);
  });

  it("takes a fresh seat when the earlier id cannot be claimed", async () => {
    const { take, bodies } = scripted(refused(409, "participant"), "seat");
    const outcome = await seatPerson({ ...request, claim: "p-old" }, take);
    expect(outcome.kind === "seated" && outcome.seat.participant.id).toBe("p-new");
    expect(bodies).toEqual([{ name: "Ada", participant: "p-old" }, { name: "Ada" }]);
  });

  it("says so when the facilitator's own id cannot be claimed, and asks nothing more", async () => {
    const { take, bodies } = scripted(refused(409, "participant"));
    expect(await seatPerson({ ...request, claim: "p-me", freshIfRefused: false }, take)).toEqual({ kind: "claim-refused" });
    expect(bodies).toHaveLength(1);
  });

  it("says the name is taken, claiming or not", async () => {
    expect(await seatPerson(request, scripted(refused(409, "name")).take)).toEqual({ kind: "name-taken", name: "Ada" });
    const claimThenName = scripted(refused(409, "participant"), refused(409, "name"));
    expect(await seatPerson({ ...request, claim: "p-old" }, claimThenName.take)).toEqual({ kind: "name-taken", name: "Ada" });
  });

  it("turns an unreachable server or a limit into words, and takes nothing", async () => {
    const unreachable = await seatPerson(request, scripted(new ApiFailure({ kind: "unreachable" })).take);
    expect(unreachable).toEqual({ kind: "failed", message: "You could not join the board. The server could not be reached. Check your connection and try again." });
    const limited = await seatPerson(request, scripted(refused(429, undefined, 30)).take);
    expect(limited.kind === "failed" && limited.message).toBe("You could not join the board. Too many tries. Wait 30 seconds, then try again.");
  });
});

describe("what the join form says about the last try", () => {
  const people = [{ id: "p-1", name: "Ada", color: "#000000", joinedAt: 1 }];
  it("offers a distinct name when the server said the name is taken", () => {
    expect(problemOf({ kind: "refused", outcome: { kind: "name-taken", name: "ada" } }, people, null)).toEqual({
      text: "Someone here is already called ada. Choose a name the group can tell apart, such as “ada B.”.",
      suggestion: "ada B.",
    });
  });
  it("offers to try again after a failure, and says nothing otherwise", () => {
    expect(problemOf({ kind: "refused", outcome: { kind: "failed", message: "Gone." } }, people, null)).toEqual({ text: "Gone.", retry: true });
    expect(problemOf({ kind: "taking" }, people, null)).toBeNull();
    expect(problemOf({ kind: "idle" }, people, null)).toBeNull();
  });
});

describe("what the page says when the server will not take something", () => {
  it("says who removed the person, whatever the server's own words", () => {
    expect(closedStatus(CLOSE_SEAT_REMOVED, "seat removed")).toEqual({ kind: "closed", code: CLOSE_SEAT_REMOVED, reason: "The facilitator removed you from this board." });
  });
  it("says a refused change politely, by what it means for the person", () => {
    expect(refusalText("the board is locked by the facilitator")).toMatch(/locked the board/);
    expect(refusalText("a participant can place only their own notes")).toMatch(/only the facilitator can change what other people/);
    expect(refusalText("this connection has no seat: take one with POST /api/boards/x/seats")).toMatch(/not joined the board yet/);
    expect(refusalText("values nested too deep")).toMatch(/\(values nested too deep\)/);
  });
});
