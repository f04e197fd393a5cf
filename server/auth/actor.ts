import type { Role } from "../../domain/auth/roles.ts";

/** The logged-in staff member a request acts for, with what jurisdiction needs to know. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: string;
  unitName: string;
  unitKind: string;
  unitPath: string;
  /** Root of the geographic area the user's unit serves: its county, township or village. */
  areaPath: string;
}

export function hasRole(actor: Actor, ...roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

export function isWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}.`);
}
