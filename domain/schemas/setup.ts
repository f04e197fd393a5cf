import { z } from "zod";
import { zText } from "./common.ts";

const zAdmin = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_.-]{3,40}$/, "3–40 lower-case letters, digits, _ . -"),
  name: zText(1, 50),
  password: z.string().min(1).max(200),
});

/** `xinfang setup --from setup.json`: the bureau and its three administrators (三员分立). */
export const ZSetupInput = z
  .object({
    bureau: z.object({
      name: zText(2, 100),
      /** The county's 6-digit GB/T 2260 code. */
      regionCode: z.string().trim(),
      /** The county's own name; left out, the bureau's name without 信访局 (示范县信访局 → 示范县). */
      countyName: zText(1, 100).optional(),
    }),
    admins: z.object({ system: zAdmin, security: zAdmin, audit: zAdmin }),
  })
  .strict();
export type TSetupInput = z.infer<typeof ZSetupInput>;

/** `GET /api/public/setup-status`: whether the first administrators exist, nothing else. */
export const ZSetupStatus = z.object({ setUp: z.boolean() });
