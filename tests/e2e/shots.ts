import path from "node:path";

/**
 * Where a screenshot goes: the ones the README shows go to docs/screenshots when they are being
 * refreshed (`SCREENSHOTS=docs npx playwright test <spec>`), every other one to test-results.
 */
export const shotPath = (name: string, inReadme = false): string =>
  path.resolve(inReadme && process.env.SCREENSHOTS === "docs" ? "docs/screenshots" : "test-results/screenshots", name);
