import { z } from "zod";
import { ZBacklogFigures } from "./backlog.ts";
import { ZConferenceFigures } from "./conferences.ts";
import { ZDisputeFigures } from "./disputes.ts";
import { ZDutyFigures } from "./duty.ts";
import { ZOwnershipFigures } from "./ownership.ts";
import { ZReceptionFigures } from "./reception.ts";
import { ZSupervisionFigures } from "./supervision.ts";

/** The seven modules' figures for one period (GET /api/bureau/figures). */
export const ZBureauFigures = z.object({
  from: z.string(),
  to: z.string(),
  reception: ZReceptionFigures,
  ownership: ZOwnershipFigures,
  disputes: ZDisputeFigures,
  supervision: ZSupervisionFigures,
  duty: ZDutyFigures,
  conferences: ZConferenceFigures,
  backlog: ZBacklogFigures,
});
