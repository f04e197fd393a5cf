import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { REPEAT_MODEL } from "../../domain/similarity/learned-repeat.ts";
import {
  buildRepeatModel,
  chooseRepeatThreshold,
  corpusExamples,
  MODEL_FILE,
  repeatModelJson,
} from "./train-repeats.ts";

describe("npm run train:repeats", () => {
  it("reproduces the committed model file byte for byte from the written pairs", () => {
    const examples = corpusExamples();
    expect(new Set(examples.map((e) => e.writer))).toEqual(
      new Set([
        "w1",
        "v2",
        "v3",
        "v4",
        "v5",
        "v6",
        "v7",
        "v8",
        "v9",
        "v10",
        "v11",
        "v12",
        "v13",
        "v14",
        "v15",
      ]),
    );
    const text = repeatModelJson(buildRepeatModel(examples));
    expect(text).toBe(fs.readFileSync(MODEL_FILE, "utf8"));
    // …and the file the check loads is that text.
    expect(repeatModelJson(REPEAT_MODEL)).toBe(text);
  }, 20_000);

  it("chooses the threshold that finds the most repeats at the rules' precision or better", () => {
    const scored = [
      { p: 0.95, isRepeat: true, rulesRepeat: true },
      { p: 0.9, isRepeat: true, rulesRepeat: true },
      { p: 0.8, isRepeat: true, rulesRepeat: false },
      { p: 0.7, isRepeat: false, rulesRepeat: true },
      { p: 0.6, isRepeat: true, rulesRepeat: false },
      { p: 0.5, isRepeat: false, rulesRepeat: false },
      { p: 0.4, isRepeat: true, rulesRepeat: false },
      { p: 0.3, isRepeat: false, rulesRepeat: false },
    ];
    // The rules: 2 right of 3 called (66.7 %). At 0.4: 5 right of 7 (71.4 %); at 0.3: 5 of 8 (62.5 %).
    expect(chooseRepeatThreshold(scored)).toBe(0.4);
    // Rules that are never wrong leave only thresholds with no false repeat.
    expect(chooseRepeatThreshold(scored.map((s) => ({ ...s, rulesRepeat: s.isRepeat && s.p > 0.85 })))).toBe(
      0.8,
    );
  });
});
