import type { Role } from "../../domain/auth/roles.ts";
import type { CaseAction } from "../../domain/workflow/transitions.ts";
import type { Actor } from "../auth/actor.ts";
import type { ClockContext } from "../cases/clocks.ts";
import { applyTransition } from "../commands/apply-transition.ts";
import type { Db } from "../db/index.ts";
import { STEPS } from "../workflow/steps.ts";

/** A demo user as the workflow sees them (the same facts a session lookup gives). */
export async function actorFor(db: Db, username: string): Promise<Actor> {
  const { rows } = await db.query<{
    id: string;
    display_name: string;
    roles: Role[];
    unit_id: string;
    unit_name: string;
    unit_kind: string;
    unit_path: string;
  }>(
    `SELECT u.id, u.display_name, u.roles, o.id AS unit_id, o.name AS unit_name, o.kind AS unit_kind,
            o.path AS unit_path
       FROM users u JOIN org_units o ON o.id = u.unit_id WHERE u.username = $1`,
    [username],
  );
  const r = rows[0];
  if (!r) throw new Error(`demo user ${username} is missing`);
  return {
    id: r.id,
    username,
    displayName: r.display_name,
    roles: r.roles,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitKind: r.unit_kind,
    unitPath: r.unit_path,
    areaPath: r.unit_path.split(".")[0]!,
  };
}

type Step = [username: string, action: CaseAction, body: Record<string, unknown>];

/**
 * Moves demo cases along the workflow to different stages, through the same steps a user takes,
 * so a fresh demo shows cases waiting for signature, in handling, answered and rated.
 */
export async function progressDemoCases(db: Db, clocks: ClockContext): Promise<number> {
  const lead = await db.query<{ id: string }>("SELECT id FROM org_units WHERE path = 'c.rsj'");
  const assist = await db.query<{ id: string }>("SELECT id FROM org_units WHERE path = 'c.zjj'");
  const path: Step[] = [
    ["registrar", "accept", {}],
    ["office", "draft_opinion", { opinion: "拟交县人社局主办、县住建局协办，限期二十日办结。" }],
    ["bureauleader", "sign", { instruction: "同意拟办意见。" }],
    ["leader", "sign", { instruction: "请人社局牵头，依法依规妥善处理，按期答复信访人。" }],
    [
      "office",
      "assign",
      {
        leadUnitId: lead.rows[0]!.id,
        assistUnitIds: [assist.rows[0]!.id],
        instructions: "请于20日内办结并报送办结报告。",
        dueDays: 20,
      },
    ],
    ["rsj", "receive", {}],
    [
      "rsj",
      "report_result",
      { result: "经核查，所反映问题属实，已责令相关单位整改并限期兑付。", proposedOpinion: "support" },
    ],
    ["office", "vet_accept", {}],
    [
      "office",
      "reply",
      {
        opinion: "support",
        text: "您反映的问题经调查属实，已责令相关单位限期解决。",
        legalBasis: "《信访工作条例》第三十二条",
      },
    ],
  ];
  const actors = new Map<string, Actor>();
  for (const u of new Set(path.map(([u]) => u))) actors.set(u, await actorFor(db, u));
  // Oldest cases went furthest; the newest stay as registered.
  const cases = await db.query<{ id: string; received_at: Date }>(
    "SELECT id, received_at FROM cases WHERE status = 'registered' ORDER BY received_at",
  );
  let moved = 0;
  for (const [index, c] of cases.rows.entries()) {
    const stage = Math.floor(((cases.rows.length - 1 - index) * (path.length + 1)) / cases.rows.length);
    for (const [n, [username, action, body]] of path.slice(0, stage).entries()) {
      const actor = actors.get(username)!;
      const now = new Date(c.received_at.getTime() + (n + 1) * 2 * 86_400_000);
      const def = STEPS[action];
      await db.transaction((tx) =>
        applyTransition(tx, actor, c.id, action, {
          note: def.note(body),
          ip: null,
          now,
          clocks,
          decide: def.decide?.(body, { actor, now, clocks }),
        }),
      );
    }
    if (stage > 0) moved += 1;
  }
  return moved;
}
