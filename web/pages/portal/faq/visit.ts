import { post } from "../../../api/client.ts";

/**
 * The anonymous token of this portal visit: random, made when the page's script loads, kept in
 * memory only (no cookie, no storage), so a reload or a new tab is a new visit. It is sent only
 * when the citizen opens a public answer, and after a successful submission (docs/KNOWLEDGE.md).
 */
let token: string | null = null;
let opened = false;

function visitToken(): string {
  token ??= crypto.randomUUID();
  return token;
}

/** A public answer was opened; the count is a side matter, so a failure is ignored. */
export function noteAnswerOpened(entryId: string): void {
  opened = true;
  void post("/api/public/knowledge/opened", { visitToken: visitToken(), entryId }).catch(() => undefined);
}

/** The petition went in: a visit that read answers is not counted as answered without a petition. */
export function noteVisitSubmitted(): void {
  if (!opened) return;
  void post("/api/public/knowledge/submitted", { visitToken: visitToken() }).catch(() => undefined);
  // The next petition in this page is a new visit.
  token = null;
  opened = false;
}
