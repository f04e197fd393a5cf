import { z } from "zod";
import { DEFAULT_APPROVAL_CHAIN, SIGNER_ROLES } from "./transitions.ts";

const ZChainSteps = z
  .array(z.enum(SIGNER_ROLES))
  .min(1)
  .max(5)
  .refine((roles) => new Set(roles).size === roles.length, "a role signs at most once in a chain");

/** A bureau's approval chain (签批): who signs, in order, for each case severity. */
export const ZApprovalChain = z.strictObject({
  urgent: ZChainSteps,
  general: ZChainSteps,
  major: ZChainSteps,
});
export type TApprovalChain = z.infer<typeof ZApprovalChain>;

export const APPROVAL_CHAIN_SETTING = "workflow.approval_chain";

/** The stored setting if it is valid, else the code's default: a broken row never blocks signing. */
export function approvalChainFrom(value: unknown): TApprovalChain {
  const parsed = ZApprovalChain.safeParse(value);
  if (parsed.success) return parsed.data;
  return {
    urgent: [...DEFAULT_APPROVAL_CHAIN.urgent],
    general: [...DEFAULT_APPROVAL_CHAIN.general],
    major: [...DEFAULT_APPROVAL_CHAIN.major],
  };
}
