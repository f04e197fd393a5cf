import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generatePetitions } from "../../domain/triage/corpus/generate.ts";
import { suggestTriage, type TriageModel } from "../../domain/triage/suggest.ts";
import { DEEP } from "../test/depth.ts";
import { HELD_STYLE, splitFor, TEST_AUTHOR } from "./evaluate.ts";
import { triageTokens } from "./tokens.ts";
import {
  chooseThreshold,
  fromLabelled,
  fromWritten,
  loadWritten,
  prepare,
  trainTriageModel,
} from "./train.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const modelFile = path.join(root, "domain/triage/model.json");
const shipped = JSON.parse(fs.readFileSync(modelFile, "utf8")) as TriageModel;
const suggest = (text: string) => suggestTriage({ text, tokens: triageTokens(text) }, shipped);

describe("training", () => {
  it("gives byte-identical models for the same corpus, whatever order the files were read in", () => {
    const ps = prepare(generatePetitions().slice(0, 120).map(fromLabelled));
    const meta = { trainedAt: "test", confirmedChoices: 0 };
    const a = JSON.stringify(trainTriageModel(ps.slice(0, 90), ps.slice(90), meta));
    const b = JSON.stringify(trainTriageModel(ps.slice(0, 90), ps.slice(90), meta));
    expect(b).toBe(a);
    const other = JSON.stringify(trainTriageModel(ps.slice(0, 80), ps.slice(80), meta));
    expect(other).not.toBe(a);
  });

  // The full retrain (≈ 15 s) runs in `npm run test:deep`, which .ci/run runs too; `npm test`
  // trains on a slice of the same written corpus twice and checks the shipped file's size.
  if (DEEP) {
    it("ships the model that the committed corpus gives (npm run train is reproducible), small enough", () => {
      const written = prepare(loadWritten(path.join(root, "domain/triage/corpus/written")).map(fromWritten));
      const split = splitFor(written, HELD_STYLE);
      const model = trainTriageModel(split.fit, split.validation, {
        trainedAt: "written-corpus",
        confirmedChoices: 0,
      });
      // Compared by digest: a failure should not print megabytes of weights.
      const digest = (s: string) => createHash("sha256").update(s).digest("hex");
      expect(digest(`${JSON.stringify(model)}\n`)).toBe(digest(fs.readFileSync(modelFile, "utf8")));
      expect(fs.statSync(modelFile).size).toBeLessThan(5 * 1024 * 1024);
      // Nothing of the test author or the held-out style was learned from.
      expect(
        [...split.fit, ...split.validation].some((p) => p.author === TEST_AUTHOR || p.style === HELD_STYLE),
      ).toBe(false);
    }, 400_000);
  } else {
    it("trains the same model twice from a slice of the written corpus, and ships a file small enough", () => {
      const written = prepare(loadWritten(path.join(root, "domain/triage/corpus/written")).map(fromWritten));
      const split = splitFor(written.slice(0, 240), HELD_STYLE);
      const meta = { trainedAt: "written-slice", confirmedChoices: 0 };
      const a = JSON.stringify(trainTriageModel(split.fit, split.validation, meta));
      expect(JSON.stringify(trainTriageModel(split.fit, split.validation, meta))).toBe(a);
      expect(fs.statSync(modelFile).size).toBeLessThan(5 * 1024 * 1024);
      expect(
        [...split.fit, ...split.validation].some((p) => p.author === TEST_AUTHOR || p.style === HELD_STYLE),
      ).toBe(false);
    }, 120_000);
  }

  it("chooses the lowest threshold at which the sure answers are right often enough", () => {
    const scored = [
      { p: 0.9, right: true },
      { p: 0.8, right: true },
      { p: 0.5, right: false },
      { p: 0.3, right: true },
    ];
    expect(chooseThreshold(scored, 0.9)).toBe(0.55);
    expect(chooseThreshold(scored, 0.7)).toBe(0);
  });
});

describe("the shipped model", () => {
  it("reads the nature from cues, not the topic: the same subsidy as a request, an accusation, an inquiry", () => {
    const req = suggest("我家的种粮补贴今年一直没有发到一卡通上，请求有关部门尽快发放。");
    const acc = suggest("举报我们村会计王某截留挪用全村的种粮补贴，还虚报冒领，请求纪委查处。");
    const ask = suggest("请问今年的种粮补贴什么时候发？需要带什么材料去哪里办理？");
    expect(req.nature[0]!.value).toBe("request");
    expect(acc.nature[0]!.value).toBe("accusation");
    expect(acc.legalClass[0]!.value).toBe("accusation");
    expect(acc.protectFromAccused).toBe(true);
    expect(ask.nature[0]!.value).toBe("inquiry");
    for (const s of [req, acc, ask]) expect(s.category.map((c) => c.value)).toContain("rural.subsidy");
    expect(acc.routeOut.map((r) => r.route)).toEqual(["discipline_inspection"]);
    expect(req.routeOut).toEqual([]);
  });

  it("sees an appeal in contesting a decision and a court matter leaving the petition route", () => {
    const appeal = suggest("我对县人社局作出的工伤认定决定不服，认为认定结论有误，申请复查，请求重新认定。");
    expect(appeal.nature[0]!.value).toBe("appeal");
    const court = suggest(
      "法院判决对方还我八万块钱，判决生效一年多了，对方有钱就是不还，申请强制执行也没有结果。",
    );
    expect(court.routeOut.map((r) => r.route)).toContain("legal_channel");
    expect(court.category[0]!.value).toBe("legal.enforcement");
  });

  it("explains its categories with words of the text and says when it is not sure", () => {
    const s = suggest("小区物业不作为，电梯坏了三个月没人修，物业费照收不误，请求住建部门督促整改。");
    expect(s.category[0]!.value).toBe("construction.property");
    expect(s.category[0]!.topWords.length).toBeGreaterThan(0);
    expect(
      s.category[0]!.topWords.every(
        (w) =>
          s.category.length > 0 &&
          `小区物业不作为电梯坏了三个月没人修物业费照收不误请求住建部门督促整改`.includes(w),
      ),
    ).toBe(true);
    expect(shipped.notSureBelow).toBeGreaterThan(0);
    expect(suggest("你好。").notSure).toBe(true);
  });
});
