import { Tag, Tooltip } from "antd";
import { useLocale } from "../i18n/locale.tsx";

/** 「历史导入」: a case brought in from a past ledger (信访台账), with the ledger's own number. */
export function ImportedTag({
  ledgerNumber,
  showNumber = false,
}: {
  ledgerNumber: string | null;
  /** The case page shows the ledger's number on the tag; lists keep it in the tooltip. */
  showNumber?: boolean;
}) {
  const { locale } = useLocale();
  const label = locale === "en" ? "Imported" : "历史导入";
  const tip = ledgerNumber
    ? `${locale === "en" ? "Ledger number" : "原编号"}：${ledgerNumber}`
    : locale === "en"
      ? "Brought in from a past ledger"
      : "从历史台账导入";
  return (
    <Tooltip title={tip}>
      <Tag color="gold" data-testid="case-imported">
        {showNumber && ledgerNumber
          ? `${label} · ${locale === "en" ? "ledger no." : "原编号"} ${ledgerNumber}`
          : label}
      </Tag>
    </Tooltip>
  );
}
