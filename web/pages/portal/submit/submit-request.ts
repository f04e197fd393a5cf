import type { Nature } from "../../../../domain/workflow/statuses.ts";
import type { PublicSubmit } from "../../../api/types.ts";

export interface SubmitValues {
  name: string;
  idNumber: string;
  phone: string;
  address?: string;
  problemRegionCode: string;
  nature?: Nature;
  /** Only asked for an accusation: whom it accuses, in the citizen's words. */
  accusedDescription?: string;
  title: string;
  content: string;
  consent: boolean;
}

const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/**
 * The portal form → `POST /api/public/petitions`. Whom an accusation accuses goes only with an
 * accusation (a citizen who typed it and then chose another kind does not send it).
 */
export function toPublicSubmit(v: SubmitValues): PublicSubmit {
  const address = text(v.address);
  const accused = v.nature === "accusation" ? text(v.accusedDescription) : undefined;
  return {
    title: v.title.trim(),
    content: v.content.trim(),
    problemRegionCode: v.problemRegionCode,
    ...(v.nature ? { nature: v.nature } : {}),
    ...(accused ? { accusedDescription: accused } : {}),
    petitioner: {
      name: v.name.trim(),
      idNumber: v.idNumber.trim(),
      phone: v.phone.trim(),
      ...(address ? { address } : {}),
    },
    consentPrivacy: true,
  };
}
