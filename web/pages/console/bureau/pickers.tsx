import { Select } from "antd";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { get } from "../../../api/client.ts";
import type { CaseList, OrgUnit } from "../../../api/types.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { useB } from "./kit.tsx";

/* Pickers and links the bureau screens share: org units, cases. */

/** The active org units, for pickers (GET /api/org/units). */
export function useUnits(): OrgUnit[] {
  const { data } = useApi<{ items: OrgUnit[] }>("/api/org/units");
  return data?.items ?? [];
}

/** A unit of the given kinds, indented by level. */
export function UnitSelect({
  kinds,
  value,
  onChange,
  testId,
}: {
  kinds: readonly string[];
  value?: string;
  onChange?: (v: string) => void;
  testId?: string;
}) {
  const units = useUnits();
  const options = units
    .filter((u) => kinds.includes(u.kind))
    .map((u) => ({ value: u.id, label: `${"　".repeat(u.path.split(".").length - 1)}${u.name}` }));
  return (
    <Select
      showSearch={{ optionFilterProp: "label" }}
      value={value}
      onChange={onChange}
      options={options}
      data-testid={testId}
      style={{ width: "100%" }}
    />
  );
}
export const AREA_KINDS = ["county", "township", "village"] as const;
export const RESPONSIBLE_KINDS = ["department", "township", "village", "bureau"] as const;

/** Picks a case the user may read: the case list API searched as typed (GET /api/cases?q=). */
export function CaseSelect({
  value,
  onChange,
  multiple,
  testId,
}: {
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  multiple?: boolean;
  testId?: string;
}) {
  const { b } = useB();
  const [q, setQ] = useState("");
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      get<CaseList>(`/api/cases?pageSize=20${q ? `&q=${encodeURIComponent(q)}` : ""}`).then(
        (d) =>
          setOptions((prev) => {
            const keep = prev.filter((o) => (Array.isArray(value) ? value : [value]).includes(o.value));
            const next = d.items.map((c) => ({ value: c.id, label: `${c.caseNumber} ${c.title}` }));
            return [...keep.filter((k) => !next.some((n) => n.value === k.value)), ...next];
          }),
        () => setOptions((prev) => prev),
      );
    }, 250);
  }, [q, value]);
  return (
    <Select
      mode={multiple ? "multiple" : undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      placeholder={b("caseSearch")}
      value={value}
      onChange={onChange}
      options={options}
      data-testid={testId}
      style={{ width: "100%" }}
    />
  );
}

export interface CaseRef {
  id: string;
  caseNumber: string;
  title: string;
  status: string;
}

export function CaseLink({ c }: { c: CaseRef | null | undefined }) {
  if (!c) return <span>—</span>;
  return (
    <Link to={`/cases/${c.id}`} title={c.title}>
      {c.caseNumber}
    </Link>
  );
}
