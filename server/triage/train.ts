import { generatePetitions, type LabelledPetition, mulberry32 } from "../../domain/triage/corpus/generate.ts";
import { TEMPLATES } from "../../domain/triage/corpus/templates.ts";
import { trainNaiveBayes } from "../../domain/triage/naive-bayes.ts";
import { type Accuracy, accuracy, suggestTriage, type TriageModel } from "../../domain/triage/suggest.ts";
import type { Queryable } from "../db/index.ts";
import { triageTokens } from "./tokens.ts";

export interface TrainingExample {
  text: string;
  category: string;
  nature: string;
}

export function fromLabelled(p: LabelledPetition): TrainingExample {
  return { text: `${p.title}\n${p.text}`, category: p.category, nature: p.nature };
}

/** Trains both models; examples are sorted first so the same input gives the same JSON. */
export function trainTriageModel(
  examples: readonly TrainingExample[],
  confirmedChoices: number,
  trainedAt: string,
): TriageModel {
  const tokenised = examples.map((e) => ({ ...e, tokens: triageTokens(e.text) }));
  return {
    version: 1,
    trainedAt,
    examples: examples.length,
    confirmedChoices,
    category: trainNaiveBayes(tokenised.map((e) => ({ tokens: e.tokens, label: e.category }))),
    nature: trainNaiveBayes(tokenised.map((e) => ({ tokens: e.tokens, label: e.nature }))),
  };
}

/** Confirmed registrar choices (triage_choices) as training examples, oldest first. */
export async function loadConfirmedChoices(q: Queryable): Promise<TrainingExample[]> {
  const { rows } = await q.query<{ text: string; category: string; nature: string }>(
    `SELECT c.title || E'\\n' || c.content AS text, cat.code AS category, t.chosen_nature AS nature
       FROM triage_choices t JOIN cases c ON c.id = t.case_id JOIN categories cat ON cat.id = t.chosen_category_id
      WHERE t.chosen_nature IS NOT NULL
      ORDER BY t.chosen_at, t.case_id`,
  );
  return rows;
}

export interface SplitReport {
  split: string;
  train: number;
  test: number;
  category: { rules: Accuracy; model: Accuracy };
  nature: { rules: Accuracy; model: Accuracy };
}

function evaluate(split: string, train: LabelledPetition[], test: LabelledPetition[]): SplitReport {
  const model = trainTriageModel(train.map(fromLabelled), 0, "evaluation");
  const withModel = test.map((p) => {
    const text = `${p.title}\n${p.text}`;
    return suggestTriage({ text, tokens: triageTokens(text) }, model);
  });
  const withRules = test.map((p) => {
    const text = `${p.title}\n${p.text}`;
    return suggestTriage({ text, tokens: triageTokens(text) }, null);
  });
  const cats = test.map((p) => p.category);
  const nats = test.map((p) => p.nature);
  return {
    split,
    train: train.length,
    test: test.length,
    category: {
      rules: accuracy(
        withRules.map((s) => s.category.map((o) => o.value)),
        cats,
      ),
      model: accuracy(
        withModel.map((s) => s.category.map((o) => o.value)),
        cats,
      ),
    },
    nature: {
      rules: accuracy(
        withRules.map((s) => s.nature.map((o) => o.value)),
        nats,
      ),
      model: accuracy(
        withModel.map((s) => s.nature.map((o) => o.value)),
        nats,
      ),
    },
  };
}

/**
 * Two held-out splits: a random quarter of the petitions (stratified by category), and — harder —
 * whole templates held out, so the test texts are worded unlike anything the model saw.
 */
export function heldOutReports(petitions: LabelledPetition[], seed = 11): SplitReport[] {
  const rand = mulberry32(seed);
  const byCat = new Map<string, LabelledPetition[]>();
  for (const p of petitions) byCat.set(p.category, [...(byCat.get(p.category) ?? []), p]);
  const randTest = new Set<string>();
  for (const list of byCat.values()) {
    const shuffled = [...list];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    for (const p of shuffled.slice(0, Math.round(list.length / 4))) randTest.add(p.id);
  }
  const heldTemplates = new Set<number>();
  const templatesOf = new Map<string, number[]>();
  TEMPLATES.forEach((t, i) => {
    templatesOf.set(t.category, [...(templatesOf.get(t.category) ?? []), i]);
  });
  for (const list of templatesOf.values()) if (list.length >= 3) heldTemplates.add(list[list.length - 1]!);
  return [
    evaluate(
      "random 25% (stratified)",
      petitions.filter((p) => !randTest.has(p.id)),
      petitions.filter((p) => randTest.has(p.id)),
    ),
    evaluate(
      "held-out templates (one per category)",
      petitions.filter((p) => !heldTemplates.has(p.template)),
      petitions.filter((p) => heldTemplates.has(p.template)),
    ),
  ];
}

export { generatePetitions };
