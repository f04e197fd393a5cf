/**
 * `npm run train`: trains the triage models on the training part of the written corpus and the
 * fifth to ninth and the eleventh writers' sets (heldout-e … heldout-i, heldout-k: development data since they were measured; authors other than the test author, styles other than the held-out style; see bench/triage.ts) plus the
 * registrars' confirmed choices (when DATABASE_URL names a database), prints the held-out figures,
 * and writes domain/triage/model.json, and a triage_models row in that database.
 * The same inputs give byte-identical output: examples are sorted, the order is seeded, no clock is read.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generatePairs, generatePetitions } from "../../domain/triage/corpus/generate.ts";
import { openPg } from "../db/index.ts";
import { HELD_STYLE, measure, splitFor, TEST_AUTHOR } from "./evaluate.ts";
import { fromWritten, loadConfirmedChoices, loadCorpus, prepare, trainTriageModel } from "./train.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const corpusDir = path.join(root, "domain/triage/corpus");
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

// The old generated corpus stays as a smoke test (and the repeat pairs for the repeat checks).
fs.writeFileSync(path.join(corpusDir, "petitions.json"), `${JSON.stringify(generatePetitions(), null, 1)}\n`);
fs.writeFileSync(path.join(corpusDir, "repeat-pairs.json"), `${JSON.stringify(generatePairs(), null, 1)}\n`);

const written = prepare(loadCorpus(corpusDir).map(fromWritten));
const split = splitFor(written, HELD_STYLE);
console.log(
  `written corpus: ${written.length} petitions; training part ${split.fit.length + split.validation.length} (validation ${split.validation.length}); held out: author ${TEST_AUTHOR} and style ${HELD_STYLE}`,
);

const url = process.env.DATABASE_URL;
const db = url ? await openPg(url, 1) : null;
try {
  const confirmed = db ? prepare(await loadConfirmedChoices(db)) : [];
  const model = trainTriageModel([...split.fit, ...confirmed], split.validation, {
    trainedAt: "written-corpus",
    confirmedChoices: confirmed.length,
  });
  for (const [label, test] of [
    ["unseen author", split.unseenAuthor],
    ["unseen style", split.unseenStyle],
    ["unseen author and style", split.both],
  ] as const) {
    const f = measure(model, test);
    if (f.n > 0)
      console.log(
        `  ${label.padEnd(24)} n=${f.n}  category top-1 ${pct(f.top1 / f.n)} top-3 ${pct(f.top3 / f.n)}  nature ${pct(f.nature / f.n)}`,
      );
  }
  const file = path.join(root, "domain/triage/model.json");
  fs.writeFileSync(file, `${JSON.stringify(model)}\n`);
  console.log(
    `model: ${model.examples} examples (${confirmed.length} confirmed choices), ${fs.statSync(file).size} bytes → ${path.relative(root, file)}`,
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
// The corpus files are committed, so they are written in the repository's one JSON format (the
// model stays one line: formatted, its weight lists would be ten times the size).
execFileSync(
  path.join(root, "node_modules/.bin/biome"),
  ["format", "--write", "domain/triage/corpus/petitions.json", "domain/triage/corpus/repeat-pairs.json"],
  { cwd: root, stdio: "ignore" },
);
