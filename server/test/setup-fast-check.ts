import fc from "fast-check";
import { SEED } from "./depth.ts";

// Every property of the quick run starts from the same seed, so a failure there reproduces as is.
// The failing run's own error goes into the report's message (not only its `cause`), so the JSON
// report CI keeps says what failed (a status and body), not only the counterexample.
fc.configureGlobal({
  ...fc.readConfigureGlobal(),
  includeErrorInReport: true,
  ...(SEED === undefined ? {} : { seed: SEED }),
});
