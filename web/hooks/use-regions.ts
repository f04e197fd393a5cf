import { useMemo } from "react";
import type { OrgUnit } from "../api/types.ts";
import { useApi } from "./use-api.ts";

const PLACES = new Set(["county", "township", "village"]);

/** Places to pick a problem's location from, indented by level; value = region code. */
export function useRegionOptions(): { options: { value: string; label: string }[]; loading: boolean } {
  const { data, loading } = useApi<{ items: OrgUnit[] }>("/api/org/units");
  const options = useMemo(() => {
    const seen = new Set<string>();
    const out: { value: string; label: string }[] = [];
    for (const u of data?.items ?? []) {
      if (!PLACES.has(u.kind) || seen.has(u.regionCode)) continue;
      seen.add(u.regionCode);
      const depth = u.path.split(".").length - 1;
      out.push({ value: u.regionCode, label: `${"　".repeat(depth)}${u.name}` });
    }
    return out;
  }, [data]);
  return { options, loading };
}
