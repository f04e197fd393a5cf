import { type TPublicSubmitRequest, ZPublicSubmitRequest } from "../../domain/schemas/case.ts";
import type { Queryable } from "../db/index.ts";
import { AppError } from "../plugins/errors.ts";
import { resolveRegion } from "./location.ts";

/** A POST body: the form fields of the spec (or the same names in JSON). */
export type Open311Body = Record<string, unknown>;

export function field(b: Open311Body, name: string): string | undefined {
  const v = b[name];
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string") return undefined;
  const t = v.trim();
  return t === "" ? undefined : t;
}

/** `attribute[code]=…` as a form field, or `{"attribute": {"code": …}}` in JSON. */
export function attribute(b: Open311Body, code: string): string | undefined {
  const flat = field(b, `attribute[${code}]`);
  if (flat !== undefined) return flat;
  const nested = b.attribute;
  if (typeof nested === "object" && nested !== null && !Array.isArray(nested)) {
    return field(nested as Open311Body, code);
  }
  return undefined;
}

const invalid = (name: string, zh: string, en: string): never => {
  throw new AppError("OPEN311_PARAM_INVALID", [{ path: name, message: `${zh} / ${en}` }]);
};

function coordinate(b: Open311Body, name: "lat" | "long"): number | undefined {
  const s = field(b, name);
  if (s === undefined) return undefined;
  const n = Number(s);
  const max = name === "lat" ? 90 : 180;
  if (!Number.isFinite(n) || Math.abs(n) > max)
    invalid(name, `${name} 须为 ±${max} 以内的数`, `${name} must be a number within ±${max}`);
  return n;
}

/**
 * Maps an Open311 POST onto the portal's own submission (ZPublicSubmitRequest): service_code →
 * category, description → content (and a title from its start), last_name + first_name → name,
 * phone, attribute[id_number], attribute[consent_privacy], the location → problem region.
 * email is not kept (the portal has no e-mail field); media_url is refused (nothing unverified
 * enters the file); account_id, device_id and api_key are ignored.
 */
export async function toPortalSubmission(
  q: Queryable,
  b: Open311Body,
  category: { id: string; name: string },
): Promise<TPublicSubmitRequest> {
  if (field(b, "media_url") !== undefined) throw new AppError("OPEN311_MEDIA_URL_UNSUPPORTED");
  const description = field(b, "description");
  if (!description)
    invalid("description", "缺少 description（信访内容）", "description (the petition's text) is required");
  const last = field(b, "last_name") ?? "";
  const first = field(b, "first_name") ?? "";
  // Chinese names are family name first, without a space; Latin ones are "first last".
  const latin = /^[\x20-\x7e]+$/.test(`${first}${last}`);
  const name = latin ? [first, last].filter(Boolean).join(" ") : `${last}${first}`;
  if (!name)
    invalid(
      "last_name",
      "缺少姓名（first_name / last_name）：网上信访实行实名制",
      "a name (first_name / last_name) is required: petitions are made in one's own name",
    );
  const phone = field(b, "phone");
  if (!phone) invalid("phone", "缺少 phone（联系电话）", "phone is required");
  const idNumber = attribute(b, "id_number");
  if (!idNumber)
    invalid(
      "attribute[id_number]",
      "缺少 attribute[id_number]（身份证号码）",
      "attribute[id_number] (ID card number) is required",
    );
  if (attribute(b, "consent_privacy") !== "true") {
    invalid(
      "attribute[consent_privacy]",
      "须同意个人信息保护告知书：attribute[consent_privacy]=true",
      "consent to the privacy notice is required: attribute[consent_privacy]=true",
    );
  }
  const lat = coordinate(b, "lat");
  const long = coordinate(b, "long");
  if ((lat === undefined) !== (long === undefined))
    invalid("lat", "lat 与 long 须同时提供", "lat and long go together");
  const address = field(b, "address_string");
  const regionCode = await resolveRegion(q, { regionCode: attribute(b, "region_code"), lat, long, address });
  const text = description!;
  const firstLine = text.split(/\r?\n/)[0]!.trim();
  const title = `${category.name}：${firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine}`;
  const body = {
    title,
    content: text,
    problemRegionCode: regionCode,
    categoryId: category.id,
    petitioner: {
      name,
      idNumber: idNumber!,
      phone: phone!,
      ...(address ? { address: address.slice(0, 200) } : {}),
    },
    consentPrivacy: true as const,
  };
  const parsed = ZPublicSubmitRequest.safeParse(body);
  if (!parsed.success) {
    throw new AppError(
      "OPEN311_PARAM_INVALID",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  return parsed.data;
}
