import { DatePicker, Select } from "antd";
import dayjs from "dayjs";
import type { Dispatch, SetStateAction } from "react";
import { useLocale } from "../../../i18n/locale.tsx";
import type { MessageKey } from "../../../i18n/messages.ts";
import { indexOptions, type PeriodChoice, type PeriodKind } from "./stats-query.ts";

const KINDS: PeriodKind[] = ["year", "half", "quarter", "month", "custom"];

/**
 * The period choice of the statistics page and the map: kind (year, half, quarter, month, custom),
 * year, which half/quarter/month, or a custom range. Its selects go into the caller's own row.
 */
export function PeriodPicker({
  period,
  setPeriod,
  kindTestId,
}: {
  period: PeriodChoice;
  setPeriod: Dispatch<SetStateAction<PeriodChoice>>;
  kindTestId?: string;
}) {
  const { t } = useLocale();
  const years = Array.from({ length: 6 }, (_, i) => dayjs().year() - i);
  return (
    <>
      <Select<PeriodKind>
        value={period.kind}
        style={{ width: 120 }}
        onChange={(kind) => setPeriod((p) => ({ ...p, kind, index: 1 }))}
        options={KINDS.map((k) => ({ value: k, label: t(`period_${k}` as MessageKey) }))}
        {...(kindTestId ? { "data-testid": kindTestId } : {})}
      />
      {period.kind !== "custom" && (
        <Select<number>
          value={period.year}
          style={{ width: 100 }}
          onChange={(year) => setPeriod((p) => ({ ...p, year }))}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
      )}
      {indexOptions(period.kind).length > 0 && (
        <Select<number>
          value={period.index ?? 1}
          style={{ width: 100 }}
          onChange={(index) => setPeriod((p) => ({ ...p, index }))}
          options={indexOptions(period.kind).map((i) => ({ value: i, label: String(i) }))}
        />
      )}
      {period.kind === "custom" && (
        <DatePicker.RangePicker
          onChange={(v) =>
            setPeriod((p) => ({
              ...p,
              from: v?.[0]?.format("YYYY-MM-DD") ?? undefined,
              to: v?.[1]?.format("YYYY-MM-DD") ?? undefined,
            }))
          }
        />
      )}
    </>
  );
}
