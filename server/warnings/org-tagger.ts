import { createRequire } from "node:module";
import type { Jieba as JiebaT } from "@node-rs/jieba";
import { extractOrgNames } from "../../domain/warnings/org-names.ts";

// The package is a CommonJS native addon; load it through require so ESM interop cannot split it.
const require = createRequire(import.meta.url);
const { Jieba } = require("@node-rs/jieba") as { Jieba: typeof JiebaT };
const { dict } = require("@node-rs/jieba/dict") as { dict: Uint8Array };

let instance: JiebaT | null = null;

/** Organisation and project names in a petition's text: jieba's tagged words, then the domain rule. */
export function orgNamesIn(text: string): string[] {
  instance ??= Jieba.withDict(dict);
  return extractOrgNames(instance.tag(text, true));
}
