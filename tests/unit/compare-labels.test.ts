import { describe, expect, it } from "vitest";
import { placeLabels, type LabelAnchor } from "../../components/snapshots/compare-labels";

const SIZE = { width: 300, height: 300 };
const label = (key: string, x: number, y: number, width = 20): LabelAnchor => ({ key, x, y, width, height: 18 });
const box = (a: LabelAnchor, p: { left: number; top: number }) => ({ left: p.left, top: p.top, right: p.left + a.width, bottom: p.top + a.height });
const overlaps = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe("placeLabels", () => {
  it("puts a label right of its marker when there is room", () => {
    const [placed] = placeLabels([label("a", 100, 100)], [{ x: 100, y: 100 }], SIZE);
    expect(placed).toEqual({ key: "a", left: 109, top: 91 });
  });

  it("goes left at the right edge and below at the top edge, never outside the drawing", () => {
    const [right] = placeLabels([label("a", 295, 150)], [], SIZE);
    expect(right!.left + 20).toBeLessThanOrEqual(300);
    expect(right!.left).toBeLessThan(295);
    const [corner] = placeLabels([label("b", 295, 2)], [], SIZE);
    expect(corner!.top).toBeGreaterThanOrEqual(0);
    expect(corner!.left + 20).toBeLessThanOrEqual(300);
  });

  it("keeps labels of centres close together from covering each other or any marker", () => {
    // Centres along a row, closer than a label is wide, and one long label (a selected item's name) among them.
    const anchors = [label("a", 100, 150), label("b", 126, 152), label("c", 152, 148), label("d", 178, 150, 60), label("e", 140, 172)];
    const markers = anchors.map(({ x, y }) => ({ x, y }));
    const placed = placeLabels(anchors, markers, SIZE);
    const boxes = placed.map((p, i) => box(anchors[i]!, p));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${i} and ${j}`).toBe(false);
      for (const m of markers) expect(overlaps(boxes[i]!, { left: m.x - 5, top: m.y - 5, right: m.x + 5, bottom: m.y + 5 }), `${i} on a marker`).toBe(false);
    }
  });

  it("still places every label, inside the drawing, when there is no free side left", () => {
    const anchors = Array.from({ length: 12 }, (_, i) => label(String(i), 20 + (i % 2), 20 + (i % 3)));
    const placed = placeLabels(anchors, [], { width: 60, height: 60 });
    expect(placed.map((p) => p.key)).toEqual(anchors.map((a) => a.key));
    for (const p of placed) {
      expect(p.left).toBeGreaterThanOrEqual(0);
      expect(p.top).toBeGreaterThanOrEqual(0);
      expect(p.left + 20).toBeLessThanOrEqual(60);
      expect(p.top + 18).toBeLessThanOrEqual(60);
    }
  });
});
