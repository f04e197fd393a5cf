import { CASE_ACTIONS, TRANSITIONS, type Transition, transitionTable } from "./transitions.ts";

function clockText(c: Transition["clocks"]): string {
  const stop = c.stop === "all" ? "stops all" : c.stop.length ? `stops ${c.stop.join(", ")}` : "";
  const start = c.start ? `starts on ${c.start}` : "";
  return [stop, start].filter(Boolean).join("; ") || "—";
}

function row(a: (typeof CASE_ACTIONS)[number], t: Transition): string {
  const from = t.from.length ? t.from.map((s) => `\`${s}\``).join(", ") : "— (no such step)";
  return `| \`${a}\` | \`POST /api/cases/:id/${a.replaceAll("_", "-")}\` | ${from} | ${[t.to, ...(t.alsoTo ?? [])].map((x) => `\`${x}\``).join(" or ")} | ${t.roles.join(", ")}${t.unit === "lead" ? " (of the lead unit)" : t.unit === "appeal" ? " (acting for the reviewing body)" : ""} | ${clockText(t.clocks)} | ${t.zh} |`;
}

const HEADER = [
  "| action | endpoint | from | to | roles | clocks | meaning |",
  "|---|---|---|---|---|---|---|",
];

/** The transition table as Markdown, exactly as docs/WORKFLOW.md carries it (a test compares them). */
export function renderTransitionTable(): string {
  return [...HEADER, ...CASE_ACTIONS.map((a) => row(a, TRANSITIONS[a]))].join("\n");
}

/** The rows that read otherwise where the rule pack says the bureau does not vet the answers. */
export function renderUnvettedRows(): string {
  const table = transitionTable({ replyVettedByBureau: false });
  const differing = CASE_ACTIONS.filter((a) => TRANSITIONS[a].unvetted);
  return [...HEADER, ...differing.map((a) => row(a, table[a]))].join("\n");
}

/** A Mermaid state diagram of the same table. */
export function renderStateDiagram(): string {
  const edges = CASE_ACTIONS.flatMap((a) =>
    TRANSITIONS[a].from.map((f) => `  ${f} --> ${TRANSITIONS[a].to}: ${a}`),
  );
  return [
    "```mermaid",
    "stateDiagram-v2",
    "  [*] --> pending_screening: online submission",
    "  [*] --> registered: letter / visit / phone / referral",
    ...edges,
    "```",
  ].join("\n");
}
