import { Typography } from "antd";
import { useApi } from "../../../../hooks/use-api.ts";
import { BUREAU_MESSAGES } from "../../../../i18n/bureau.ts";
import { useLocale } from "../../../../i18n/locale.tsx";

interface Current {
  items: { id: string; areaName: string; officerName: string; dutyPhone: string; endsAt: string }[];
}

/** Who is on duty now in the user's area and above (GET /api/bureau/duty/current), for the header. */
export function DutyNow() {
  const { locale } = useLocale();
  const { data } = useApi<Current>("/api/bureau/duty/current");
  const now = data?.items[0];
  if (!now) return null;
  const label = locale === "en" ? BUREAU_MESSAGES.currentDuty.en : BUREAU_MESSAGES.currentDuty.zh;
  return (
    <Typography.Text style={{ color: "#fff", whiteSpace: "nowrap" }} data-testid="duty-now">
      {label}：{now.officerName} {now.dutyPhone}
    </Typography.Text>
  );
}
