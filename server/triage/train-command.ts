/**
 * `npm run train`: prints top-1/top-3 accuracy on two held-out splits of the labelled petitions,
 * then trains on all of them plus the registrars' confirmed choices (when DATABASE_URL names a
 * database) and writes domain/triage/model.json, and a triage_models row in that database.
 * The same inputs give byte-identical output: examples are sorted and no clock is read.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generatePairs, generatePetitions } from "../../domain/triage/corpus/generate.ts";
import { openPg } from "../db/index.ts";
import {
  fromLabelled,
  heldOutReports,
  loadConfirmedChoices,
  type TrainingExample,
  trainTriageModel,
} from "./train.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const corpusDir = path.join(root, "domain/triage/corpus");
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const petitions = generatePetitions();
fs.writeFileSync(path.join(corpusDir, "petitions.json"), `${JSON.stringify(petitions, null, 1)}\n`);
fs.writeFileSync(path.join(corpusDir, "repeat-pairs.json"), `${JSON.stringify(generatePairs(), null, 1)}\n`);
console.log(
  `labelled petitions: ${petitions.length} (${new Set(petitions.map((p) => p.category)).size} categories)`,
);
for (const r of heldOutReports(petitions)) {
  console.log(`\n${r.split}: train ${r.train}, test ${r.test}`);
  for (const target of ["category", "nature"] as const) {
    for (const how of ["rules", "model"] as const) {
      const a = r[target][how];
      console.log(
        `  ${target.padEnd(8)} ${how === "rules" ? "keyword rules    " : "naive Bayes+rules"}  top-1 ${pct(a.top1)}  top-3 ${pct(a.top3)}`,
      );
    }
  }
}

let confirmed: TrainingExample[] = [];
const url = process.env.DATABASE_URL;
const db = url ? await openPg(url, 1) : null;
try {
  if (db) confirmed = await loadConfirmedChoices(db);
  const model = trainTriageModel(
    [...petitions.map(fromLabelled), ...confirmed],
    confirmed.length,
    "labelled-set",
  );
  const file = path.join(root, "domain/triage/model.json");
  fs.writeFileSync(file, `${JSON.stringify(model)}\n`);
  console.log(
    `\nmodel: ${model.examples} examples (${confirmed.length} confirmed choices) → ${path.relative(root, file)}`,
  );
  if (db) {
    await db.query("INSERT INTO triage_models (trained_at, examples, model) VALUES (now(), $1, $2)", [
      model.examples,
      JSON.stringify(model),
    ]);
    console.log("model stored in triage_models");
  }
} finally {
  await db?.close();
}
// The files are committed, so they are written in the repository's one JSON format.
execFileSync(
  path.join(root, "node_modules/.bin/biome"),
  [
    "format",
    "--write",
    "domain/triage/model.json",
    "domain/triage/corpus/petitions.json",
    "domain/triage/corpus/repeat-pairs.json",
  ],
  { cwd: root, stdio: "ignore" },
);
