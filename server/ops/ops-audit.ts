import os from "node:os";
import { recordAudit } from "../audit/audit-log.ts";
import type { Queryable } from "../db/index.ts";

/** The actor_role of rows written by the command line: no user is signed in, someone has a shell. */
export const CLI_ROLE = "cli";

function operator(): string {
  try {
    return `${os.userInfo().username}@${os.hostname()}`;
  } catch {
    return `?@${os.hostname()}`;
  }
}

/** An audit row for an operations command, naming the operating-system account that ran it. */
export async function recordOpsAudit(
  q: Queryable,
  action: string,
  object: { type: string; id: string | null },
  detail: Record<string, unknown>,
): Promise<void> {
  await recordAudit(q, {
    actorId: null,
    actorRole: CLI_ROLE,
    action,
    objectType: object.type,
    objectId: object.id,
    detail: { ...detail, operator: operator() },
  });
}
