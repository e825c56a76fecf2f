import { describe, expect, it } from "vitest";
import { layoutLabels, overlapArea, type LabelRequest, type PlacedLabel } from "../../lib/board/label-layout";

/** Every pair of placed labels that overlap, by id. */
function overlaps(placed: PlacedLabel[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      if (overlapArea(placed[i]!.box, placed[j]!.box) > 0) found.push(`${placed[i]!.id} × ${placed[j]!.id}`);
    }
  }
  return found;
}

const inside = (placed: PlacedLabel[], bounds: { width: number; height: number }) =>
  placed.every((p) => p.box.x >= 0 && p.box.y >= 0 && p.box.x + p.box.width <= bounds.width + 1e-9 && p.box.y + p.box.height <= bounds.height + 1e-9);

const label = (id: string, x: number, y: number, width = 100, height = 28, rank?: number): LabelRequest => ({ id, anchor: { x, y }, width, height, rank });

/** The nine essay items as one person places them on a phone's 3×3 grid (cells about 107 × 104 px), four in the centre cell. */
const PHONE = { width: 321, height: 312 };
const phoneNotes = [
  label("scaling", 40, 40, 56, 16),
  label("rlhf", 160, 150, 34, 16),
  label("adversarial", 165, 155, 76, 28),
  label("optimization", 150, 160, 78, 28),
  label("oversight", 155, 150, 66, 28),
  label("control", 280, 150, 60, 16),
  label("concept", 50, 260, 90, 28),
  label("mechanistic", 60, 265, 90, 28),
  label("agent", 290, 270, 66, 28),
];

describe("label layout", () => {
  it("puts a lone label right beside its point, without a leader", () => {
    const [placed] = layoutLabels({ labels: [label("a", 50, 50)], bounds: { width: 300, height: 300 } });
    expect(placed!.box).toEqual({ x: 58, y: 36, width: 100, height: 28 });
    expect(placed!.leader).toBeNull();
  });

  it("turns a label left or up near the far edges so it stays inside the area", () => {
    const bounds = { width: 300, height: 300 };
    const placed = layoutLabels({ labels: [label("right", 290, 150), label("bottom-right", 290, 295)], bounds });
    expect(inside(placed, bounds)).toBe(true);
    expect(placed[0]!.box.x + placed[0]!.box.width).toBeLessThanOrEqual(290);
    expect(placed.every((p) => p.leader === null)).toBe(true);
  });

  it("spreads the labels of notes stacked on one point apart, each with a leader back to it", () => {
    const bounds = { width: 400, height: 300 };
    const stacked = Array.from({ length: 6 }, (_, i) => label(`n${i}`, 200, 150, 90, 28));
    const placed = layoutLabels({ labels: stacked, bounds });
    expect(overlaps(placed)).toEqual([]);
    expect(inside(placed, bounds)).toBe(true);
    // At most a few sit right beside the point; the rest point back to it.
    const withLeader = placed.filter((p) => p.leader);
    expect(withLeader.length).toBeGreaterThanOrEqual(2);
    for (const p of withLeader) expect(p.leader!.from).toEqual({ x: 200, y: 150 });
    // Nothing covers the shared point itself.
    const mark = { x: 194, y: 144, width: 12, height: 12 };
    expect(placed.every((p) => overlapArea(p.box, mark) === 0)).toBe(true);
  });

  it("places nine notes on a phone-sized grid, four in one cell, without any overlap", () => {
    const placed = layoutLabels({ labels: phoneNotes, bounds: PHONE });
    expect(overlaps(placed)).toEqual([]);
    expect(inside(placed, PHONE)).toBe(true);
  });

  it("keeps a person's notes clear of the group's centre labels, the notes getting the better spots", () => {
    const centres = phoneNotes.map((n, i) => label(`centre:${n.id}`, n.anchor.x + ((i % 3) - 1) * 12, n.anchor.y + 10, n.width, 16, 1));
    const placed = layoutLabels({ labels: [...phoneNotes, ...centres], bounds: PHONE });
    const notes = placed.filter((p) => !p.id.startsWith("centre:"));
    expect(overlaps(notes)).toEqual([]);
    // Eighteen labels in 321 × 312 px: the notes never overlap a centre label either, and few centres touch each other.
    const mixed = overlaps(placed).filter((pair) => pair.split(" × ").some((id) => !id.startsWith("centre:")));
    expect(mixed).toEqual([]);
    expect(overlaps(placed).length).toBeLessThanOrEqual(2);
  });

  it("avoids the marks it is given, such as other people's dots", () => {
    const bounds = { width: 300, height: 300 };
    const dot = { x: 58, y: 40, width: 20, height: 20 };
    const [placed] = layoutLabels({ labels: [label("a", 50, 50)], bounds, marks: [dot] });
    expect(overlapArea(placed!.box, dot)).toBe(0);
  });

  it("gives the same layout for the same input, every time and in any order of calls", () => {
    const first = layoutLabels({ labels: phoneNotes, bounds: PHONE });
    layoutLabels({ labels: [label("x", 10, 10)], bounds: PHONE });
    expect(layoutLabels({ labels: phoneNotes, bounds: PHONE })).toEqual(first);
  });

  it("survives a dense random case: a laptop grid with thirty notes stays overlap-free", () => {
    // A fixed pseudo-random sequence, so the case is the same on every run.
    let seed = 7;
    const next = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const bounds = { width: 690, height: 456 };
    const notes = Array.from({ length: 30 }, (_, i) => label(`n${i}`, next() * bounds.width, next() * bounds.height, 60 + next() * 110, next() < 0.5 ? 18 : 32));
    const placed = layoutLabels({ labels: notes, bounds });
    expect(overlaps(placed)).toEqual([]);
    expect(inside(placed, bounds)).toBe(true);
  });
});
