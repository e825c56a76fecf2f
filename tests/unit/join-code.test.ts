import { describe, expect, it } from "vitest";
import { lookupProblem, typedCodeProblem } from "../../components/home/join-by-code";
import { parsePresenterFragment, presenterLink } from "../../lib/client/presenter-link";
import { JOIN_CODE_ALPHABET, formatJoinCode, isJoinCode, normalizeJoinCode } from "../../lib/api/schemas";
import { guesserOf } from "../../server/http/join-codes";

describe("join codes as people type them", () => {
  it("use no character that is easily confused with another", () => {
    for (const c of "0O1IL5S2Z8BGUV") expect(JOIN_CODE_ALPHABET).not.toContain(c);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it("ignore case, spaces and dashes", () => {
    expect(normalizeJoinCode(" kxt-49m ")).toBe("KXT49M");
    expect(normalizeJoinCode("KXT 49M")).toBe("KXT49M");
    expect(normalizeJoinCode("kxt–49m")).toBe("KXT49M");
    expect(isJoinCode("KXT49M")).toBe(true);
    expect(isJoinCode("KXT49")).toBe(false);
    expect(isJoinCode("KXT40M")).toBe(false);
    expect(formatJoinCode("KXT49M")).toBe("KXT 49M");
  });

  it("say what is wrong before asking the server", () => {
    expect(typedCodeProblem("  ")).toBe("Type the code shown on the screen.");
    expect(typedCodeProblem("kxt49")).toBe("A join code has 6 letters and digits; this has 5.");
    expect(typedCodeProblem("KXT 40M")).toBe("“0” is in no join code: check the code on the screen.");
    expect(typedCodeProblem("kxt-49m")).toBeNull();
  });

  it("say what the server's answer means for the person", () => {
    expect(lookupProblem({ kind: "unknown" }, "KXT49M")).toBe("No board has the code KXT 49M. Check it against the screen and try again.");
    expect(lookupProblem({ kind: "expired" }, "KXT49M")).toBe("That code has expired. Ask the facilitator to show a new one.");
    expect(lookupProblem({ kind: "limited", retryAfterSeconds: 40 }, "KXT49M")).toBe(
      "Too many wrong codes from this network. Try again in 40 seconds, or scan the QR code.",
    );
    expect(lookupProblem({ kind: "limited", retryAfterSeconds: 280 }, "KXT49M")).toMatch(/in 5 minutes/);
    expect(lookupProblem({ kind: "unreachable", detail: "The server could not be reached." }, "KXT49M")).toBe(
      "The server could not be reached. Check your connection, then try again.",
    );
  });
});

describe("the presenter link", () => {
  const links = { facilitate: "/b/board123?key=FAC", join: "/b/board123?key=PART_key-1", view: "/b/board123?key=VIEW" };

  it("carries the viewer key, and the participant key and join code only in its fragment, never the facilitator key", () => {
    const link = presenterLink(links, { code: "KXT49M", expiresAt: "2026-12-06T21:30:00.000Z" });
    expect(link).toBe(`/b/board123/present?key=VIEW#join=PART_key-1&code=KXT49M&until=${Date.parse("2026-12-06T21:30:00.000Z")}`);
    expect(link).not.toContain("FAC");
    expect(presenterLink(links)).toBe("/b/board123/present?key=VIEW#join=PART_key-1");
  });

  it("reads its fragment back, leaving out what is malformed", () => {
    const until = Date.parse("2026-12-06T21:30:00.000Z");
    expect(parsePresenterFragment(`#join=PART_key-1&code=KXT49M&until=${until}`)).toEqual({ joinKey: "PART_key-1", code: { code: "KXT49M", expiresAt: until } });
    expect(parsePresenterFragment("#join=PART")).toEqual({ joinKey: "PART", code: null });
    expect(parsePresenterFragment("#join=PART&code=<b>&until=5")).toEqual({ joinKey: "PART", code: null });
    expect(parsePresenterFragment("#join=PART&code=KXT49M&until=soon")).toEqual({ joinKey: "PART", code: null });
    expect(parsePresenterFragment("#join=a%20b")).toBeNull();
    expect(parsePresenterFragment("")).toBeNull();
  });
});

describe("who is guessing join codes", () => {
  it("is an IPv4 address as it is, also when written as IPv4-mapped IPv6", () => {
    expect(guesserOf("203.0.113.7")).toBe("203.0.113.7");
    expect(guesserOf("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });
  it("is an IPv6 address's /64, however the address is written", () => {
    const net = "2001:db8:85a3:42::/64";
    expect(guesserOf("2001:db8:85a3:42::1")).toBe(net);
    expect(guesserOf("2001:0db8:85a3:0042:ffff:1:2:3")).toBe(net);
    expect(guesserOf("2001:DB8:85A3:42:abcd::9%eth0")).toBe(net);
    expect(guesserOf("2001:db8:85a3:43::1")).not.toBe(net);
    expect(guesserOf("::1")).toBe("0:0:0:0::/64");
  });
});
