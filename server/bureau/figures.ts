import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { backlogFigures } from "./backlog/backlog.ts";
import { conferenceFigures } from "./conferences/conferences.ts";
import { checkRange } from "./context.ts";
import { disputeFigures } from "./disputes/disputes.ts";
import { dutyFigures } from "./duty/duty.ts";
import { ownershipFigures } from "./ownership/ownership.ts";
import type { DayRange } from "./range.ts";
import { receptionFigures } from "./reception/figures.ts";
import { supervisionFigures } from "./supervision/items.ts";

/**
 * The seven modules' figures for one period, each computed by the module's own figures query under
 * the same jurisdiction rule as its `/figures` endpoint (a township sees its own subtree). Backlog
 * stock is by calendar year: the year the period ends in.
 */
export async function allBureauFigures(q: Queryable, actor: Actor, now: Date, range: Required<DayRange>) {
  checkRange(range);
  const year = Number(range.to.slice(0, 4));
  return {
    from: range.from,
    to: range.to,
    reception: await receptionFigures(q, actor, range),
    ownership: await ownershipFigures(q, actor, now, range),
    disputes: await disputeFigures(q, actor, undefined, range),
    supervision: await supervisionFigures(q, actor, now, range),
    duty: await dutyFigures(q, actor, range),
    conferences: await conferenceFigures(q, actor, now, range),
    backlog: await backlogFigures(q, actor, year),
  };
}
export type BureauFigures = Awaited<ReturnType<typeof allBureauFigures>>;
