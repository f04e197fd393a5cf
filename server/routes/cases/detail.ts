import type { Actor } from "../../auth/actor.ts";
import { type ClockContext, loadClocks, loadWaitingHearing } from "../../cases/clocks.ts";
import type { Queryable } from "../../db/index.ts";
import { AppError } from "../../plugins/errors.ts";
import { presentCaseDetail } from "../../presenters/case.ts";
import { findVisibleCase, loadAttachments, loadEvents, loadPetitioners } from "../../queries/cases.ts";
import { firstPetitionAsSeenBy } from "../../queries/first-petition.ts";

/**
 * The full case as the actor may see it, or 404; `ctx` tells which due dates are provisional and,
 * with the rule pack, which steps the county's table offers.
 */
export async function loadCaseDetail(q: Queryable, actor: Actor, id: string, ctx: ClockContext) {
  const found = await findVisibleCase(q, actor, id);
  if (!found) throw new AppError("CASE_NOT_FOUND");
  const [row] = await firstPetitionAsSeenBy(q, actor, [found]);
  // One after the other: inside a transaction these share one connection.
  const petitioners = await loadPetitioners(q, id);
  const events = await loadEvents(q, id);
  const attachments = await loadAttachments(q, id);
  const clocks = await loadClocks(q, id);
  const hearing = await loadWaitingHearing(q, id);
  return presentCaseDetail(row!, actor, petitioners, events, attachments, clocks, ctx, hearing);
}
