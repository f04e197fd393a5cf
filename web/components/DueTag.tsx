import { Tag } from "antd";
import type { TDueState } from "../../domain/schemas/todo.ts";
import { useLocale } from "../i18n/locale.tsx";
import { ProvisionalTag } from "./ProvisionalTag.tsx";

const COLOR: Record<TDueState, string> = { overdue: "red", due_soon: "gold", ok: "green", none: "default" };

/** Overdue red, due soon yellow: the colours staff read at a glance. */
export function DueTag({
  state,
  dueOn,
  provisional = false,
}: {
  state: TDueState;
  dueOn: string | null;
  provisional?: boolean;
}) {
  const { t } = useLocale();
  const text =
    state === "overdue"
      ? t("overdue")
      : state === "due_soon"
        ? t("dueSoon")
        : state === "ok"
          ? t("onTime")
          : t("noDeadline");
  return (
    <>
      <Tag color={COLOR[state]} data-due-state={state}>
        {dueOn ? `${dueOn} · ${text}` : text}
      </Tag>
      <ProvisionalTag provisional={provisional} />
    </>
  );
}
