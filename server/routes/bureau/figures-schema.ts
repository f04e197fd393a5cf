import { z } from "zod";
import { ZBacklogFigures } from "./backlog/schema.ts";
import { ZConferenceFigures } from "./conferences/schema.ts";
import { ZDisputeFigures } from "./disputes/schema.ts";
import { ZDutyFigures } from "./duty/schema.ts";
import { ZOwnershipFigures } from "./ownership/schema.ts";
import { ZReceptionFigures } from "./reception/schema.ts";
import { ZSupervisionFigures } from "./supervision/schema.ts";

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
