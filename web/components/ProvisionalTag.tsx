import { Tag } from "antd";
import { useLocale } from "../i18n/locale.tsx";

/**
 * Beside a due date counted over a year whose 调休 the State Council has not published (or the
 * administrator not yet confirmed): the date may still move.
 */
export function ProvisionalTag({ provisional }: { provisional: boolean }) {
  const { t } = useLocale();
  if (!provisional) return null;
  return (
    <Tag color="orange" data-provisional="true">
      {t("provisionalDue")}
    </Tag>
  );
}
