import fc from "fast-check";
import { SEED } from "./depth.ts";

// Every property of the quick run starts from the same seed, so a failure there reproduces as is.
if (SEED !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: SEED });
