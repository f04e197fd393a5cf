import { addDays } from "./dates.ts";
import { countDistinctPersons } from "./persons.ts";
import type { WarningSettings } from "./settings.ts";
import type { WarningCandidate } from "./types.ts";

export interface CollectiveInputCase {
  id: string;
  receivedOn: string;
  /** Normalised organisation/project names found in the title and content (org-names.ts). */
  orgNames: readonly string[];
  /** Each petitioner's opaque identity keys (blind indexes); see persons.ts. */
  petitioners: readonly (readonly string[])[];
}

/**
 * A collective petition forming (集体访苗头): within the last `collectiveWindowDays` days (today
 * included) at least `collectiveMinPersons` different people petitioned about the same company or
 * project, in separate cases. People are told apart by their blind indexes, never by their names;
 * the same person's repeated cases count once. Evidence: the cases naming the subject in the window.
 */
export function detectCollectiveForming(
  cases: readonly CollectiveInputCase[],
  today: string,
  s: Pick<WarningSettings, "collectiveWindowDays" | "collectiveMinPersons">,
): WarningCandidate[] {
  const from = addDays(today, -(s.collectiveWindowDays - 1));
  const byName = new Map<string, CollectiveInputCase[]>();
  for (const c of cases) {
    if (c.receivedOn < from || c.receivedOn > today) continue;
    for (const name of new Set(c.orgNames)) byName.set(name, [...(byName.get(name) ?? []), c]);
  }
  const out: WarningCandidate[] = [];
  for (const [name, group] of byName) {
    if (group.length < 2) continue;
    const persons = countDistinctPersons(group.flatMap((c) => c.petitioners));
    if (persons < s.collectiveMinPersons) continue;
    const days = group.map((c) => c.receivedOn).sort();
    out.push({
      kind: "collective_forming",
      subjectKey: name,
      subjectLabel: name,
      windowStart: days[0]!,
      windowEnd: days[days.length - 1]!,
      caseIds: group.map((c) => c.id).sort(),
      figures: { persons, cases: group.length, windowDays: s.collectiveWindowDays },
    });
  }
  return out;
}
