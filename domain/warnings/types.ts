/**
 * Warnings across cases (分析研判): what the analysis looks at and what it raises. A warning is about
 * a matter — a company, a project, a category in a place, a case's text — and its evidence is the
 * cases. Nothing here names, lists or follows a person: petitioners appear only as opaque keys
 * (keyed blind indexes) so that distinct people can be counted, and the keys never leave the scan.
 */
export const WARNING_KINDS = [
  "spike",
  "collective_forming",
  "threat",
  "level_skipping",
  "sensitive_period",
] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

export const WARNING_STATUSES = ["open", "acknowledged", "closed"] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

export type DestinationLevel = "national" | "provincial" | "municipal" | "county";

/** One case as the analysis sees it. Dates are Shanghai calendar days (YYYY-MM-DD). */
export interface AnalysisCase {
  id: string;
  receivedOn: string;
  /** The top-level category (null when not yet categorised). */
  categoryKey: string | null;
  categoryLabel: string;
  /** The township (or the county itself) the problem is in, as an org-unit path. */
  regionKey: string;
  regionLabel: string;
  destinationLevel: DestinationLevel | null;
}

/** What a detector found: one candidate warning, written once per kind + subject + window. */
export interface WarningCandidate {
  kind: WarningKind;
  subjectKey: string;
  subjectLabel: string;
  windowStart: string;
  windowEnd: string;
  caseIds: string[];
  /** The numbers behind the warning (counts, expected level, p-value, words found …). */
  figures: Record<string, number | string | string[]>;
}
