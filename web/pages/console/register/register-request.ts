import type { Dayjs } from "dayjs";
import type { TCaseRegisterRequest } from "../../../../domain/schemas/case.ts";

export type Channel = "visit" | "letter" | "phone";

interface PetitionerValues {
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  isRepresentative?: boolean;
}
export interface RegisterValues {
  title: string;
  content: string;
  problemRegionCode: string;
  nature?: TCaseRegisterRequest["nature"];
  categoryId?: string;
  petitioners: PetitionerValues[];
  headcount?: number;
  batchCount?: number;
  /** Visits: where the visit went (来县/去市/赴省/进京), and whether that upper level registered it. */
  destinationLevel?: TCaseRegisterRequest["destinationLevel"];
  upperRegistered?: boolean;
  receivedOn?: Dayjs;
  isAnonymous?: boolean;
  isConfidential?: boolean;
  /** Accusations only: whom it accuses, in the petitioner's words, and the unit if known. */
  accusedDescription?: string;
  accusedUnitId?: string;
  /** The chosen category's fields (web/components/case-fields), sent as `fields`. */
  fields?: Record<string, unknown>;
}

const blank = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/**
 * Form values → the registration request; empty optional fields are left out. An accusation is
 * sent confidential (the server makes it so anyway) with whom it accuses; those fields of another
 * nature are dropped, should the clerk have changed the nature after typing them.
 */
export function toRegisterRequest(channel: Channel, v: RegisterValues): TCaseRegisterRequest {
  const petitioners = v.petitioners.map((p) => {
    const out: TCaseRegisterRequest["petitioners"][number] = {
      name: p.name.trim(),
      isRepresentative: p.isRepresentative === true,
    };
    const id = blank(p.idNumber);
    if (id) out.idNumber = id;
    const phone = blank(p.phone);
    if (phone) out.phone = phone;
    const address = blank(p.address);
    if (address) out.address = address;
    return out;
  });
  const accusation = v.nature === "accusation";
  const accusedDescription = accusation ? blank(v.accusedDescription) : undefined;
  return {
    channel,
    title: v.title.trim(),
    content: v.content.trim(),
    problemRegionCode: v.problemRegionCode,
    ...(v.nature ? { nature: v.nature } : {}),
    ...(v.categoryId ? { categoryId: v.categoryId } : {}),
    petitioners,
    ...(channel === "visit" ? { headcount: Math.max(v.headcount ?? 1, petitioners.length) } : {}),
    batchCount: channel === "visit" ? (v.batchCount ?? 1) : 1,
    ...(channel === "visit" && v.destinationLevel ? { destinationLevel: v.destinationLevel } : {}),
    ...(channel === "visit" &&
    v.destinationLevel &&
    v.destinationLevel !== "county" &&
    v.upperRegistered !== undefined
      ? { upperRegistered: v.upperRegistered }
      : {}),
    isAnonymous: v.isAnonymous === true,
    isConfidential: accusation || v.isConfidential === true,
    ...(accusedDescription ? { accusedDescription } : {}),
    ...(accusation && v.accusedUnitId ? { accusedUnitId: v.accusedUnitId } : {}),
    ...(channel === "letter" && v.receivedOn
      ? { receivedAt: `${v.receivedOn.format("YYYY-MM-DD")}T09:00:00+08:00` }
      : {}),
  };
}
