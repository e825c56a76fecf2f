import { createRequire } from "node:module";
import path from "node:path";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script, without types
import { SERVER_BUILD_OPTIONS } from "../../scripts/build-server.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const requireFromRoot = createRequire(path.join(root, "package.json"));

/** Whether Node loads a file as an ES module: by its extension, else by its package's "type". */
function isEsModule(file: string): boolean {
  if (file.endsWith(".mjs")) return true;
  if (file.endsWith(".cjs") || file.endsWith(".node") || file.endsWith(".json")) return false;
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      return (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { type?: string }).type === "module";
    } catch {
      // no package.json here: look further up
    }
  }
  return false;
}

describe("the production server bundle", () => {
  it("requires only CommonJS from its packages, so it starts on every Node 20 (before 20.19 Node cannot require an ES module)", async () => {
    const esbuild = await import("esbuild");
    let text: string;
    try {
      const result = await esbuild.build({ ...SERVER_BUILD_OPTIONS, sourcemap: false });
      text = result.outputFiles!.find((f) => f.path.endsWith(".js"))!.text;
    } finally {
      await esbuild.stop();
    }
    const required = [...new Set([...text.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!))].filter((name) => !name.startsWith("node:"));
    // The bundle does require packages (zod's English messages among them), so the check below checks something.
    expect(required).toContain("zod/v4/locales/en.cjs");
    const esm = required.filter((name) => {
      let resolved: string;
      try {
        resolved = requireFromRoot.resolve(name);
      } catch {
        return false; // a Node built-in without its prefix, or optional
      }
      return path.isAbsolute(resolved) && isEsModule(resolved);
    });
    expect(esm).toEqual([]);
  });
});
