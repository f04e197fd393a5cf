import { Alert, Card, Space } from "antd";
import { useApi } from "../../../hooks/use-api.ts";
import { useLocale } from "../../../i18n/locale.tsx";

interface CaseWarning {
  code: "collective" | "repeated" | "level_skipping" | "safety";
  zh: string;
  en: string;
}

/**
 * The case's own early-warning suggestions (GET /api/cases/:id/warnings): shown only when there are
 * any. They describe the matter and decide nothing.
 */
export function CaseWarningsCard({ caseId }: { caseId: string }) {
  const { locale } = useLocale();
  const { data } = useApi<{ items: CaseWarning[] }>(`/api/cases/${caseId}/warnings`);
  if (!data || data.items.length === 0) return null;
  return (
    <Card
      size="small"
      title={locale === "en" ? "Early-warning suggestions" : "预警提示"}
      data-testid="case-warnings"
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        {data.items.map((w) => (
          <Alert
            key={w.code}
            type={w.code === "safety" ? "error" : "warning"}
            showIcon
            title={locale === "en" ? w.en : w.zh}
            data-warning-code={w.code}
          />
        ))}
      </Space>
    </Card>
  );
}
