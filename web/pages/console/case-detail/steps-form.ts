/** The case page's step forms → the API's bodies (domain/schemas/steps.ts). */
import type { HearingParticipant, MediationParty } from "../../../../domain/schemas/steps.ts";

/** 2026-12-10T09:30 typed in Beijing time → 2026-12-10T09:30:00+08:00. */
export function shanghaiIso(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+08:00`;
}

const names = (text: string | undefined) =>
  (text ?? "")
    .split(/[、,，;；\n]/)
    .map((n) => n.trim())
    .filter((n) => n.length > 0);

export interface HearingValues {
  startsAt: string;
  place: string;
  host: string;
  petitioners?: string;
  units?: string;
  thirdParties?: string;
}

export function hearingBody(v: HearingValues) {
  const participants: HearingParticipant[] = [
    ...names(v.petitioners).map((name) => ({ role: "petitioner" as const, name })),
    ...names(v.units).map((name) => ({ role: "unit" as const, name })),
    ...names(v.thirdParties).map((name) => ({ role: "third_party" as const, name })),
  ];
  return { startsAt: shanghaiIso(v.startsAt), place: v.place, host: v.host, participants };
}

/** The reschedule dialog's values: a blank place or host keeps the hearing's own. */
export function rescheduleBody(v: { startsAt: string; place?: string; host?: string; reason: string }) {
  const place = v.place?.trim();
  const host = v.host?.trim();
  return {
    startsAt: shanghaiIso(v.startsAt),
    ...(place ? { place } : {}),
    ...(host ? { host } : {}),
    reason: v.reason,
  };
}

/** One party a line, "姓名，身份" (the role defaults to 当事人). */
export function partiesFrom(text: string): MediationParty[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const [name, ...role] = line.split(/[，,]/);
      const r = role.join("，").trim();
      return { name: (name ?? "").trim(), role: r.length > 0 ? r : "当事人" };
    });
}
