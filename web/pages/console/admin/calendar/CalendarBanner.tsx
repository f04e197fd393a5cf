import { Alert } from "antd";
import type { Role } from "../../../../../domain/auth/roles.ts";
import { useApi } from "../../../../hooks/use-api.ts";
import { useLocale } from "../../../../i18n/locale.tsx";

/** Those who enter the State Council's notice (system administrators) and the bureau office. */
const BANNER_ROLES: readonly Role[] = ["system_admin", "bureau_office"];

/**
 * From 1 November until next year's 调休 are confirmed (the server decides the date and the
 * roles: GET /api/settings/calendar/status), a banner above every console screen.
 */
export function CalendarBanner({ roles }: { roles: readonly Role[] }) {
  const { t } = useLocale();
  const asks = roles.some((r) => BANNER_ROLES.includes(r));
  const { data } = useApi<{ confirmNextYear: number | null }>(asks ? "/api/settings/calendar/status" : null);
  if (!data?.confirmNextYear) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="calendar-banner"
      style={{ marginBottom: 16 }}
      title={t("calendarConfirmBanner", { year: String(data.confirmNextYear) })}
    />
  );
}
