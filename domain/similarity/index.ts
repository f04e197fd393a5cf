export * from "./entities.ts";
export * from "./grievance.ts";
export * from "./minhash.ts";
export * from "./repeat.ts";
export * from "./shingles.ts";
export * from "./simhash.ts";
