import { expect, test, type Page } from "@playwright/test";
import { connectParticipant, createBoard, openAs } from "./support";

/*
 * Nine notes of one person, several at one place: the centre cell holds four
 * (two of them on exactly the same point), the top-left cell two. Other people
 * have placed some items too, so the group's centre labels share the grid.
 */
const DENSE: Array<[item: string, col: number, row: number]> = [
  ["scaling", 0.35, 0.4],
  ["optimization-science", 0.45, 0.5],
  ["rlhf", 1.5, 1.5],
  ["scalable-oversight", 1.5, 1.5],
  ["adversarial-robustness", 1.6, 1.45],
  ["concept-interpretability", 1.4, 1.62],
  ["ai-control", 2.85, 1.5],
  ["mechanistic-interpretability", 1.5, 2.85],
  ["agent-foundations", 2.7, 2.7],
];

const SCREENS = [
  { name: "laptop", options: { viewport: { width: 1280, height: 800 } } },
  { name: "phone", options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
] as const;

/** Drags a tray note with the mouse to a grid point, with the whole grid in view. */
async function dragTo(page: Page, item: string, col: number, row: number) {
  await page.locator("[role=grid]").evaluate((grid) => grid.scrollIntoView({ block: "center" }));
  const chip = page.locator(`[data-tray-item="${item}"]`);
  await chip.evaluate((c) => c.scrollIntoView({ block: "nearest", inline: "nearest" }));
  const from = (await chip.boundingBox())!;
  const area = (await page.locator("[role=rowgroup]").evaluate((rows) => {
    const head = rows.querySelector("[role=rowheader]")!.getBoundingClientRect();
    const box = rows.getBoundingClientRect();
    return { left: head.right, top: box.top, width: box.right - head.right, height: box.height };
  }))!;
  const to = { x: area.left + (col / 3) * area.width, y: area.top + (row / 3) * area.height };
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 - 10, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await expect(page.locator(`[data-note="${item}"]`)).toBeAttached();
}

/** Each of my notes' labels: its box on screen, the text it shows, and whether that text is cut short. */
function readLabels(page: Page) {
  return page.locator("[data-note]").evaluateAll((notes) =>
    notes.map((note) => {
      const box = note.getBoundingClientRect();
      const text = note.querySelector<HTMLElement>("[data-label-text]") ?? (note.lastElementChild as HTMLElement);
      return {
        item: note.getAttribute("data-note")!,
        name: note.getAttribute("aria-label")!,
        box: { x: box.x, y: box.y, width: box.width, height: box.height },
        shown: text.innerText.replace(/\s+/g, " ").trim(),
        cut: text.scrollHeight > text.clientHeight + 1 || text.scrollWidth > text.clientWidth + 1,
      };
    }),
  );
}

for (const screen of SCREENS) {
  test(`on a ${screen.name}, nine notes of one person show their full names and no label covers another`, async ({ browser, request, baseURL }) => {
    const board = await createBoard(request, { title: `Labels on a ${screen.name}` });
    const bot = await connectParticipant(baseURL!, board);
    const you = await openAs(browser, board.links.join, "Noa", screen.options);
    try {
      const { page } = you;
      bot.join("p-ada", "Ada", "#2563eb");
      bot.join("p-bo", "Bo", "#db2777");
      for (const [item, col, row] of DENSE.slice(0, 5)) {
        bot.place(item, "p-ada", Math.min(2.9, col + 0.3), row);
        bot.place(item, "p-bo", col, Math.max(0.1, row - 0.3));
      }
      await expect(page.locator("[data-dot]")).toHaveCount(10);
      for (const [item, col, row] of DENSE) await dragTo(page, item, col, row);
      await expect(page.locator("[data-note]")).toHaveCount(9);

      // Read every label as it is drawn, once the layout has settled (two readings agree).
      let boxes = await readLabels(page);
      await expect
        .poll(async () => {
          const before = JSON.stringify(boxes);
          boxes = await readLabels(page);
          return JSON.stringify(boxes) === before;
        })
        .toBe(true);

      const overlapping: string[] = [];
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.box;
          const b = boxes[j]!.box;
          const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
          const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
          if (w > 0.5 && h > 0.5) overlapping.push(`${boxes[i]!.item} × ${boxes[j]!.item}`);
        }
      }
      expect(overlapping).toEqual([]);
      // Full names, readable: nothing cut short, nothing ending in "…", on the laptop and (for these names) on the phone.
      for (const label of boxes) {
        expect(label.cut, `${label.item} is cut short`).toBe(false);
        expect(`${label.shown}, your placement`).toBe(label.name);
      }
      // Notes at one place are told apart by lines from each label to its note's pin.
      await expect(page.locator("[data-note-leader]")).not.toHaveCount(0);
      for (const item of ["rlhf", "scalable-oversight"]) {
        const pin = (await page.locator(`[data-note-pin="${item}"]`).boundingBox())!;
        const leader = page.locator(`[data-note-leader="${item}"]`);
        const label = boxes.find((b) => b.item === item)!.box;
        const pinCentre = { x: pin.x + pin.width / 2, y: pin.y + pin.height / 2 };
        const touching = pinCentre.x >= label.x - 12 && pinCentre.x <= label.x + label.width + 12 && pinCentre.y >= label.y - 12 && pinCentre.y <= label.y + label.height + 12;
        // Each label either sits right beside its pin or has its own line to it.
        if (!touching) await expect(leader).toHaveCount(1);
      }
      await page.locator("[role=grid]").screenshot({ path: test.info().outputPath(`labels-${screen.name}.png`) });
      // And no label leaves the grid's cells.
      const cells = (await page.locator("[role=rowgroup]").boundingBox())!;
      for (const { box, item } of boxes) {
        expect(box.x >= cells.x && box.y >= cells.y - 0.5 && box.x + box.width <= cells.x + cells.width + 0.5 && box.y + box.height <= cells.y + cells.height + 0.5, item).toBe(
          true,
        );
      }
    } finally {
      bot.close();
      await you.context.close();
    }
  });
}
