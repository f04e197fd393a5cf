import { describe, expect, it } from "vitest";
import { placeholderTokens, TEMPLATE_KINDS } from "../../domain/documents/templates.ts";
import { TEMPLATE_PLACEHOLDER_LABELS } from "./labels.ts";

describe("the template editor's placeholder names", () => {
  it("gives every placeholder of every template kind (case documents, published texts, the 督办单) a Chinese and an English name", () => {
    const missing: string[] = [];
    for (const [kind, doc] of Object.entries(TEMPLATE_KINDS)) {
      const names = new Set([...doc.placeholders, ...placeholderTokens(doc.body)]);
      for (const name of names) {
        const label = TEMPLATE_PLACEHOLDER_LABELS[name];
        if (!label?.zh || !label.en) missing.push(`${kind}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
