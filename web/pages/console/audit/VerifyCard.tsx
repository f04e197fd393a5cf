import { Alert, Button, Card, Descriptions, Tag, Typography } from "antd";
import { useState } from "react";
import { shanghaiTime } from "../../../../domain/audit/describe.ts";
import { AUDIT_VALUE_LABELS } from "../../../../domain/audit/labels.ts";
import type { TAuditVerification } from "../../../../domain/schemas/admin.ts";
import { ApiError, post } from "../../../api/client.ts";
import { useLocale } from "../../../i18n/locale.tsx";

const mono = { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", fontSize: 12 };

/**
 * 链校验: seals the waiting rows, checks the whole chain and the anchor file outside the database
 * (POST /api/audit/verify, itself an audit row), and shows what it found.
 */
export function VerifyCard({ onVerified }: { onVerified(): void }) {
  const { t, l, locale } = useLocale();
  const [result, setResult] = useState<TAuditVerification | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    try {
      setResult(await post<TAuditVerification>("/api/audit/verify"));
      setError(null);
      onVerified();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "NETWORK", "网络错误", "Network error"));
    } finally {
      setRunning(false);
    }
  };
  const chainBroken = result?.badPosition !== undefined;
  const verdict = !result ? null : chainBroken ? (
    <Tag color="red">{t("auditBroken", { position: result.badPosition ?? "" })}</Tag>
  ) : !result.anchors.ok ? (
    <Tag color="red">{t("auditAnchorBroken", { position: result.anchors.badPosition ?? "" })}</Tag>
  ) : (
    <Tag color="green">{t("auditIntact")}</Tag>
  );
  const items = result
    ? [
        {
          key: "verdict",
          label: t("auditOutcome"),
          children: <span data-testid="audit-verdict">{verdict}</span>,
        },
        ...(chainBroken
          ? [
              {
                key: "reason",
                label: t("auditReason"),
                children: l(AUDIT_VALUE_LABELS.reason ?? {}, result.reason),
              },
            ]
          : []),
        {
          key: "rows",
          label: t(chainBroken ? "auditRowsCheckedBeforeBreak" : "auditRowsChecked"),
          children: <span data-testid="audit-rows-checked">{result.sealed}</span>,
        },
        ...(chainBroken
          ? []
          : [
              { key: "head", label: t("auditHeadPosition"), children: result.headPosition ?? "—" },
              {
                key: "hash",
                label: t("auditHeadHash"),
                children: (
                  <Typography.Text style={mono} copyable={!!result.headHash} data-testid="audit-head-hash">
                    {result.headHash ?? "—"}
                  </Typography.Text>
                ),
              },
            ]),
        {
          key: "anchor",
          label: t("auditLastAnchor"),
          children: result.anchors.last
            ? t("auditAnchorAt", {
                position: result.anchors.last.position,
                time: shanghaiTime(result.anchors.last.at),
              })
            : t("auditNoAnchor"),
        },
        {
          key: "anchors",
          label: t("auditAnchors"),
          children: result.anchors.ok
            ? t("auditAnchorsAgree", { count: result.anchors.count })
            : `${t("auditAnchorBroken", { position: result.anchors.badPosition ?? "" })}（${l(
                AUDIT_VALUE_LABELS.anchorReason ?? {},
                result.anchors.reason,
              )}）`,
        },
        { key: "at", label: t("auditCheckedAt"), children: shanghaiTime(result.checkedAt) },
      ]
    : [];
  return (
    <Card
      size="small"
      title={t("auditVerifyTitle")}
      style={{ marginBottom: 16 }}
      data-testid="audit-verify-card"
      extra={
        <Button type="primary" loading={running} onClick={() => void run()} data-testid="audit-verify">
          {t("auditVerifyRun")}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: result ? 12 : 0 }}>
        {t("auditVerifyHelp")} {!result && !error && t("auditVerifyNotRun")}
      </Typography.Paragraph>
      {error && <Alert type="error" title={error.text(locale)} />}
      {result && <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} />}
    </Card>
  );
}
