import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Result,
  Select,
  Typography,
  type UploadFile,
} from "antd";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { NATURES } from "../../../../domain/workflow/statuses.ts";
import { ApiError, post } from "../../../api/client.ts";
import type { PublicRegion, PublicSubmitAnswer } from "../../../api/types.ts";
import { idNumberRules, phoneRules, requiredTextRules } from "../../../components/id-rules.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { PORTAL_NATURE_LABELS } from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { AttachmentPicker } from "../../console/register/AttachmentPicker.tsx";
import { uploadPublicAttachment } from "../../console/register/upload-attachment.ts";
import { PortalFaq } from "../faq/PortalFaq.tsx";
import { noteVisitSubmitted } from "../faq/visit.ts";
import { PrivacyNoticeModal } from "./PrivacyNoticeModal.tsx";
import { type SubmitValues, toPublicSubmit } from "./submit-request.ts";

/** A key that makes a retried submission (double tap, flaky network) return the first answer. */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function SubmitPage() {
  const { t, l, locale } = useLocale();
  const [form] = Form.useForm<SubmitValues>();
  const isAccusation = Form.useWatch("nature", form) === "accusation";
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<PublicSubmitAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [uploadFailures, setUploadFailures] = useState<string[]>([]);
  const [noticeOpen, setNoticeOpen] = useState(false);
  const navigate = useNavigate();
  const regions = useApi<{ items: PublicRegion[] }>("/api/public/regions");
  const regionOptions = useMemo(() => {
    const names = new Map((regions.data?.items ?? []).map((r) => [r.code, r.name]));
    return (regions.data?.items ?? []).map((r) => ({
      value: r.code,
      label: r.kind === "village" && r.parentCode ? `${names.get(r.parentCode) ?? ""} ${r.name}` : r.name,
    }));
  }, [regions.data]);

  const onFinish = async (v: SubmitValues) => {
    setBusy(true);
    setError(null);
    const body = toPublicSubmit(v);
    try {
      const answer = await post<PublicSubmitAnswer>("/api/public/petitions", body, {
        "idempotency-key": key,
      });
      // The petition is in; the files follow with its number and code, each on its own.
      const failures: string[] = [];
      for (const f of files) {
        if (f.status === "error" || !f.originFileObj) continue;
        try {
          await uploadPublicAttachment(answer.caseNumber, answer.queryCode, f.originFileObj);
        } catch (e) {
          failures.push(
            t("attachmentFailed", {
              name: f.name,
              reason: e instanceof ApiError ? e.text(locale) : String(e),
            }),
          );
        }
      }
      setUploadFailures(failures);
      noteVisitSubmitted();
      setDone(answer);
    } catch (e) {
      if (e instanceof ApiError) setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Card>
        <Result status="success" title={t("submitted")} style={{ padding: "16px 0" }} />
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t("caseNumber")}>
            <Typography.Text strong copyable data-testid="portal-case-number">
              {done.caseNumber}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("queryCode")}>
            <Typography.Text strong copyable data-testid="portal-query-code">
              {done.queryCode}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        {uploadFailures.map((f) => (
          <Alert
            key={f}
            type="error"
            showIcon
            style={{ marginTop: 16 }}
            title={f}
            data-testid="upload-failure"
          />
        ))}
        <Alert type="warning" showIcon style={{ margin: "16px 0" }} title={t("keepCode")} />
        <Button block onClick={() => window.print()} style={{ marginBottom: 8 }}>
          {t("print")}
        </Button>
        <Button
          block
          type="primary"
          onClick={() =>
            navigate(`/portal/track?caseNumber=${encodeURIComponent(done.caseNumber)}`, {
              state: { queryCode: done.queryCode },
            })
          }
        >
          {t("trackNow")}
        </Button>
      </Card>
    );
  }

  return (
    <Card title={t("portalSubmit")}>
      <PortalFaq />
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.text(locale)}
          style={{ marginBottom: 16 }}
          data-testid="submit-error"
        />
      )}
      <Form<SubmitValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        requiredMark="optional"
        name="portal-submit"
      >
        <Form.Item name="name" label={t("name")} rules={[{ required: true, message: t("required") }]}>
          <Input maxLength={50} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t("idNumber")}
          validateTrigger={["onChange", "onBlur"]}
          rules={idNumberRules(t, true)}
        >
          <Input maxLength={30} inputMode="text" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t("phone")}
          validateTrigger={["onChange", "onBlur"]}
          rules={phoneRules(t, true)}
        >
          <Input maxLength={30} inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item name="address" label={t("address")}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="problemRegionCode"
          label={t("problemPlace")}
          rules={[{ required: true, message: t("required") }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={regionOptions}
            loading={regions.loading}
            data-testid="portal-region"
          />
        </Form.Item>
        <Form.Item name="nature" label={t("portalNature")}>
          <Select
            allowClear
            options={NATURES.map((n) => ({ value: n, label: l(PORTAL_NATURE_LABELS, n) }))}
            data-testid="portal-nature"
          />
        </Form.Item>
        {isAccusation && (
          <Form.Item name="accusedDescription" label={t("portalAccused")} extra={t("portalAccusedHelp")}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t("shortTitle")} rules={requiredTextRules(t, "shortTitle")}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label={t("whatHappened")} rules={requiredTextRules(t, "whatHappened")}>
          <Input.TextArea rows={5} maxLength={20000} />
        </Form.Item>
        <AttachmentPicker
          files={files}
          onChange={setFiles}
          limitsUrl="/api/public/attachment-limits"
          label={t("portalAttachments")}
        />
        <Form.Item
          name="consent"
          valuePropName="checked"
          rules={[
            {
              validator: async (_, v: unknown) => {
                if (v !== true) throw new Error(t("consentRequired"));
              },
            },
          ]}
        >
          <Checkbox data-testid="portal-consent">
            {t("privacyConsentBefore")}
            <Typography.Link
              data-testid="privacy-notice-link"
              onClick={(e) => {
                // The link sits in the checkbox's label: reading the notice is not agreeing to it.
                e.preventDefault();
                e.stopPropagation();
                setNoticeOpen(true);
              }}
            >
              {t("privacyNoticeLink")}
            </Typography.Link>
            {t("privacyConsentAfter")}
          </Checkbox>
        </Form.Item>
        <PrivacyNoticeModal open={noticeOpen} onClose={() => setNoticeOpen(false)} />
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={busy}
          data-testid="portal-submit"
        >
          {t("submit")}
        </Button>
      </Form>
    </Card>
  );
}
