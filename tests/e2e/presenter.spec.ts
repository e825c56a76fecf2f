import { expect, test } from "@playwright/test";
import { readQrPng } from "../qr-reader";
import { createBoard } from "./support";

test("the presenter's QR code reads the right way round and opens the join link", async ({ page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Scan me" });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`/b/${board.id}/present?key=${board.keys.viewer}#join=${board.keys.participant}`);
  const qr = page.getByRole("img", { name: "QR code of the join link" });
  await expect(qr).toBeVisible();
  // A screenshot of the code as the projector shows it, read by a reader that does not retry mirror images.
  const text = readQrPng(await qr.screenshot());
  expect(text).toBe(new URL(board.links.join, baseURL).toString());
});
