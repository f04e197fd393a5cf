import type { Me } from "../api/types.ts";

/** A signed-in staff member as `GET /api/auth/me` answers, for component tests; `over` changes any field. */
export function signedIn(over: Partial<Me> = {}): Me {
  return {
    id: "u-reg",
    username: "registrar",
    displayName: "登记员",
    roles: ["registrar"],
    unit: { id: "b", name: "信访局", kind: "bureau" },
    csrfToken: "csrf-1",
    idleTimeoutMinutes: 15,
    totpEnabled: false,
    restrictions: [],
    passwordChangeReason: null,
    ...over,
  };
}
