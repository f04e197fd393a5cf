import { App } from "antd";
import { useCallback } from "react";
import { ApiError } from "../../../api/client.ts";
import { useLocale } from "../../../i18n/locale.tsx";

/**
 * Runs one administrative change: on success says so ("已保存", or `success` when the change
 * deserves its own words) and calls `done` (usually a reload); on failure shows the server's own
 * message (zh or en) and returns false, so a form can stay open.
 */
export function useAdminAction() {
  const { message } = App.useApp();
  const { t, locale } = useLocale();
  return useCallback(
    async (change: () => Promise<unknown>, done?: () => void, success?: string): Promise<boolean> => {
      try {
        await change();
        message.success(success ?? t("adminSaved"));
        done?.();
        return true;
      } catch (e) {
        message.error(e instanceof ApiError ? e.text(locale) : String(e));
        return false;
      }
    },
    [message, t, locale],
  );
}
