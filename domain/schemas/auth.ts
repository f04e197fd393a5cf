import { z } from "zod";
import { ROLES } from "../auth/roles.ts";

export const ZLoginRequest = z.object({
  username: z.string().trim().min(1).max(40),
  password: z.string().min(1).max(200),
});

export const ZMe = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  unit: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number(),
});
export type TMe = z.infer<typeof ZMe>;
