import { config } from "zod/mini";
// The one locale by its own path: the locales index would bring every language into the browser.
import en from "zod/v4/locales/en.js";

/*
 * Shared schemas are written with zod's small build (`zod/mini`), so the browser's first load carries
 * a third of classic zod's code; that build sets no messages of its own. Every module that defines a
 * schema imports this one, so its messages are in English wherever it is read, on its own or not.
 */
config(en());
