import { describe, expect, it } from "vitest";
import { PARTICIPANT_COLORS, contrast, nextColor, textOn } from "../../lib/board/colors";

/*
 * CIEDE2000 (Sharma, Wu and Dalal 2005), the colour difference that best matches what people see:
 * about 1 is a just-noticeable difference, and past 10 two colours read as different colours.
 */
type Lab = [number, number, number];

function lab(hex: string): Lab {
  const linear = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = [linear(1), linear(3), linear(5)];
  const x = (r * 0.4124564 + g * 0.3575761 + b * 0.1804375) / 0.95047;
  const y = r * 0.2126729 + g * 0.7151522 + b * 0.072175;
  const z = (r * 0.0193339 + g * 0.119192 + b * 0.9503041) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function deltaE2000([l1, a1, b1]: Lab, [l2, a2, b2]: Lab): number {
  const rad = Math.PI / 180;
  const c7 = (c: number) => c ** 7 / (c ** 7 + 25 ** 7);
  const cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(c7(cBar)));
  const [a1p, a2p] = [(1 + g) * a1, (1 + g) * a2];
  const [c1p, c2p] = [Math.hypot(a1p, b1), Math.hypot(a2p, b2)];
  const hue = (b: number, a: number) => (b === 0 && a === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const [h1p, h2p] = [hue(b1, a1p), hue(b2, a2p)];
  let dh = 0;
  if (c1p * c2p !== 0) dh = h2p - h1p > 180 ? h2p - h1p - 360 : h2p - h1p < -180 ? h2p - h1p + 360 : h2p - h1p;
  const dL = l2 - l1;
  const dC = c2p - c1p;
  const dH = 2 * Math.sqrt(c1p * c2p) * Math.sin((dh * rad) / 2);
  const lBar = (l1 + l2) / 2;
  const cBarP = (c1p + c2p) / 2;
  let hBar = h1p + h2p;
  if (c1p * c2p !== 0) hBar = (Math.abs(h1p - h2p) > 180 ? hBar + (hBar < 360 ? 360 : -360) : hBar) / 2;
  const t =
    1 - 0.17 * Math.cos((hBar - 30) * rad) + 0.24 * Math.cos(2 * hBar * rad) + 0.32 * Math.cos((3 * hBar + 6) * rad) - 0.2 * Math.cos((4 * hBar - 63) * rad);
  const sL = 1 + (0.015 * (lBar - 50) ** 2) / Math.sqrt(20 + (lBar - 50) ** 2);
  const sC = 1 + 0.045 * cBarP;
  const sH = 1 + 0.015 * cBarP * t;
  const rT = -Math.sin(2 * 30 * Math.exp(-(((hBar - 275) / 25) ** 2)) * rad) * 2 * Math.sqrt(c7(cBarP));
  return Math.sqrt((dL / sL) ** 2 + (dC / sC) ** 2 + (dH / sH) ** 2 + rT * (dC / sC) * (dH / sH));
}

const dE = (a: string, b: string) => deltaE2000(lab(a), lab(b));

describe("the colour difference used to judge the palette", () => {
  it("gives the published CIEDE2000 values", () => {
    // Pairs 1, 7, 17 and 25 of Sharma, Wu and Dalal's test data.
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387])).toBeCloseTo(1.2644, 4);
  });
});

describe("participant colours", () => {
  const palette = [...PARTICIPANT_COLORS];

  it("are forty distinct #rrggbb colours", () => {
    expect(palette).toHaveLength(40);
    expect(new Set(palette.map((c) => c.toLowerCase())).size).toBe(40);
    for (const c of palette) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("stay clearly different from each other for forty people", () => {
    let closest = { d: Infinity, pair: ["", ""] };
    for (let i = 0; i < palette.length; i++) {
      for (let j = 0; j < i; j++) {
        const d = dE(palette[i]!, palette[j]!);
        if (d < closest.d) closest = { d, pair: [palette[j]!, palette[i]!] };
      }
    }
    expect(closest.d, `closest pair ${closest.pair.join(" and ")}`).toBeGreaterThanOrEqual(12);
  });

  it("give the first people to join the most different ones", () => {
    // Each colour is far from every colour handed out before it: the first ten about twice as far as the last.
    const nearestEarlier = palette.map((c, i) => Math.min(...palette.slice(0, i).map((e) => dE(c, e))));
    expect(Math.min(...nearestEarlier.slice(1, 10))).toBeGreaterThanOrEqual(24);
    expect(Math.min(...nearestEarlier.slice(1, 20))).toBeGreaterThanOrEqual(17);
    for (let i = 1; i < palette.length; i++) expect(dE(palette[i]!, palette[i - 1]!)).toBeGreaterThanOrEqual(12);
  });

  it("stay apart from the board's own marks: the near-black centres and the grey of someone unknown", () => {
    for (const c of palette) {
      expect(dE(c, "#0f172a"), c).toBeGreaterThanOrEqual(12);
      expect(dE(c, "#64748b"), c).toBeGreaterThanOrEqual(12);
    }
  });

  it("show as dots on white (3:1) and carry readable initials (4.5:1)", () => {
    for (const c of palette) {
      expect(contrast(c, "#ffffff"), c).toBeGreaterThanOrEqual(3);
      expect(contrast(c, textOn(c)), c).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe("handing out colours", () => {
  it("gives each joiner the first colour nobody on the board has", () => {
    const given: string[] = [];
    for (let i = 0; i < 40; i++) given.push(nextColor(given));
    expect(given).toEqual([...PARTICIPANT_COLORS]);
    // Someone left a gap: the next joiner fills it.
    const withGap = given.filter((c) => c !== PARTICIPANT_COLORS[2]);
    expect(nextColor(withGap)).toBe(PARTICIPANT_COLORS[2]);
    // Colours written in capitals, or from outside the palette, are no obstacle.
    expect(nextColor([PARTICIPANT_COLORS[0].toUpperCase(), "#123456"])).toBe(PARTICIPANT_COLORS[1]);
  });

  it("past forty people, repeats the colour the fewest people have", () => {
    const all = [...PARTICIPANT_COLORS, PARTICIPANT_COLORS[0], PARTICIPANT_COLORS[1]];
    expect(nextColor(all)).toBe(PARTICIPANT_COLORS[2]);
  });
});
