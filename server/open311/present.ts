import { STATUS_ZH } from "../../domain/metrics/labels.ts";
import { type CaseStatus, isOpen } from "../../domain/workflow/statuses.ts";
import { blindIndex, type KeyRing } from "../crypto/field-crypto.ts";
import type { Queryable } from "../db/index.ts";
import { boundariesOfArea } from "../map/boundaries.ts";
import { centroid } from "../map/geometry.ts";

/** A GeoReport v2 service: one active category of the bureau. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: "realtime";
  keywords: string;
  group: string;
}

export async function listServices(q: Queryable): Promise<Open311Service[]> {
  const { rows } = await q.query<{ code: string; name_zh: string; name_en: string; parent: string | null }>(
    `SELECT c.code, c.name_zh, c.name_en, p.name_zh AS parent
       FROM categories c LEFT JOIN categories p ON p.id = c.parent_id
      WHERE c.is_active AND (p.id IS NULL OR p.is_active)
      ORDER BY COALESCE(p.sort, c.sort), p.id NULLS FIRST, c.sort, c.code`,
  );
  return rows.map((r) => ({
    service_code: r.code,
    service_name: r.name_zh,
    description: `${r.name_zh}（${r.name_en}）`,
    // Every service asks for the ID number and the consent the portal asks for (the definition).
    metadata: true,
    type: "realtime",
    keywords: [r.name_zh, r.name_en].join(","),
    group: r.parent ?? r.name_zh,
  }));
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: "string" | "singlevaluelist";
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

/** What a petition needs beyond the spec's own fields: real name (信访工作条例) and consent. */
export const SERVICE_ATTRIBUTES: Open311Attribute[] = [
  {
    variable: true,
    code: "id_number",
    datatype: "string",
    required: true,
    datatype_description: "18 位居民身份证号码 18-character resident ID number (GB 11643)",
    order: 1,
    description:
      "身份证号码（网上信访实行实名制） ID card number (online petitions are made in one's own name)",
  },
  {
    variable: true,
    code: "consent_privacy",
    datatype: "singlevaluelist",
    required: true,
    datatype_description: "true",
    order: 2,
    description:
      "已阅读并同意个人信息保护告知书（/api/public/privacy-notice） I have read and agree to the privacy notice",
    values: [{ key: "true", name: "同意 I agree" }],
  },
  {
    variable: true,
    code: "region_code",
    datatype: "string",
    required: false,
    datatype_description: "9 或 12 位行政区划代码 9- or 12-digit region code (GB/T 2260)",
    order: 3,
    description:
      "问题所在乡镇或村的区划代码（不填则按 lat/long 或 address_string 确定） Region code of the problem's township or village (else from lat/long or address_string)",
  },
];

/** One request as anyone holding its id may read it: no person, no text, the township only. */
export interface Open311Request {
  service_request_id: string;
  status: "open" | "closed";
  status_notes: string;
  service_name: string | null;
  service_code: string | null;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string;
  lat: number | null;
  long: number | null;
}

/** ISO 8601 with the +08:00 offset the spec's examples use (the county's time). */
export function isoShanghai(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3600_000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}

interface RequestRow {
  id: string;
  status: CaseStatus;
  received_at: Date;
  updated_at: Date;
  is_confidential: boolean;
  service_code: string | null;
  service_name: string | null;
  lead_unit: string | null;
  township: string | null;
  township_code: string | null;
  township_path: string | null;
  due_on: string | null;
}

export interface RequestFilters {
  serviceCode?: string | undefined;
  status?: "open" | "closed" | undefined;
  start?: Date | undefined;
  end?: Date | undefined;
}

/**
 * The requests behind query codes (the service_request_ids), each code looked up by its keyed hash
 * like the portal's status page; codes that match nothing are left out.
 */
export async function findRequests(
  q: Queryable,
  keyRing: KeyRing,
  codes: readonly string[],
  f: RequestFilters,
  county: { path: string; bureauName: string },
): Promise<Open311Request[]> {
  const { bureauName } = county;
  const byHash = new Map(
    codes.map((c) => [blindIndex(keyRing, "query_code", c.toUpperCase()), c.toUpperCase()]),
  );
  const { rows } = await q.query<RequestRow & { query_code_hash: string }>(
    `SELECT c.id, c.status, c.received_at, c.is_confidential, c.query_code_hash,
            GREATEST(c.received_at, COALESCE((SELECT max(e.at) FROM case_events e WHERE e.case_id = c.id), c.received_at)) AS updated_at,
            cat.code AS service_code, cat.name_zh AS service_name,
            (SELECT u.name FROM case_assignments a JOIN org_units u ON u.id = a.unit_id
              WHERE a.case_id = c.id AND a.role = 'lead' AND a.status <> 'returned' LIMIT 1) AS lead_unit,
            t.name AS township, t.region_code AS township_code, t.path AS township_path,
            (SELECT to_char(k.due_on, 'YYYY-MM-DD') FROM case_clocks k WHERE k.case_id = c.id
              AND k.clock = 'statutory' AND k.step = 'handling' AND k.state = 'running' LIMIT 1) AS due_on
       FROM cases c
       LEFT JOIN categories cat ON cat.id = c.category_id
       LEFT JOIN org_units t ON t.kind = 'township'
        AND (c.region_path = t.path OR starts_with(c.region_path, t.path || '.'))
      WHERE c.query_code_hash = ANY($1::text[])
      ORDER BY c.received_at DESC`,
    [[...byHash.keys()]],
  );
  const centroids = new Map(
    ((await boundariesOfArea(q, "township", county.path)) ?? []).map((s) => [
      s.unit.path,
      centroid(s.feature.geometry),
    ]),
  );
  const out: Open311Request[] = [];
  for (const r of rows) {
    const open = isOpen(r.status);
    if (f.status && (f.status === "open") !== open) continue;
    if (f.serviceCode && r.service_code !== f.serviceCode) continue;
    if (f.start && r.received_at < f.start) continue;
    if (f.end && r.received_at > f.end) continue;
    const c = r.township_path ? centroids.get(r.township_path) : undefined;
    out.push({
      service_request_id: byHash.get(r.query_code_hash)!,
      status: open ? "open" : "closed",
      status_notes: STATUS_ZH[r.status],
      service_name: r.service_name,
      service_code: r.service_code,
      // A confidential matter (an accusation) does not say which unit handles it.
      agency_responsible: r.is_confidential || !r.lead_unit ? bureauName : r.lead_unit,
      service_notice: "",
      requested_datetime: isoShanghai(r.received_at),
      updated_datetime: isoShanghai(r.updated_at),
      expected_datetime: r.due_on ? `${r.due_on}T23:59:59+08:00` : null,
      address: r.township ?? "",
      lat: c ? c[1] : null,
      long: c ? c[0] : null,
    });
  }
  return out;
}
