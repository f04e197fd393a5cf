import { CASE_ACTIONS, TRANSITIONS, type Transition } from "./transitions.ts";

function clockText(c: Transition["clocks"]): string {
  const stop = c.stop === "all" ? "stops all" : c.stop.length ? `stops ${c.stop.join(", ")}` : "";
  const start = c.start ? `starts on ${c.start}` : "";
  return [stop, start].filter(Boolean).join("; ") || "—";
}

/** The transition table as Markdown, exactly as docs/WORKFLOW.md carries it (a test compares them). */
export function renderTransitionTable(): string {
  const lines = [
    "| action | endpoint | from | to | roles | clocks | meaning |",
    "|---|---|---|---|---|---|---|",
    ...CASE_ACTIONS.map((a) => {
      const t = TRANSITIONS[a];
      return `| \`${a}\` | \`POST /api/cases/:id/${a.replaceAll("_", "-")}\` | ${t.from.map((s) => `\`${s}\``).join(", ")} | ${[t.to, ...(t.alsoTo ?? [])].map((x) => `\`${x}\``).join(" or ")} | ${t.roles.join(", ")}${t.unit === "lead" ? " (of the lead unit)" : t.unit === "appeal" ? " (acting for the reviewing body)" : ""} | ${clockText(t.clocks)} | ${t.zh} |`;
    }),
  ];
  return lines.join("\n");
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
