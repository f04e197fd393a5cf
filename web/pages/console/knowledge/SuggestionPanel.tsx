import type { FormInstance } from "antd";
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Empty,
  Input,
  Popover,
  Space,
  Spin,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import type { KnowledgeKind, TSuggestions } from "../../../../domain/schemas/knowledge.ts";
import { ApiError, post } from "../../../api/client.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { OPINION_LABELS, RATING_LABELS } from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import type { MessageKey } from "../../../i18n/messages.ts";

/** Which form field a suggestion goes into, per drafting step. */
export const SUGGESTION_TARGETS = {
  draft_opinion: { field: "opinion", text: "opinion", basis: null },
  reply: { field: "reply", text: "text", basis: "legalBasis" },
} as const;
export type DraftingAction = keyof typeof SUGGESTION_TARGETS;

export function isDraftingAction(a: string): a is DraftingAction {
  return a in SUGGESTION_TARGETS;
}

export const KIND_KEYS: Record<KnowledgeKind, MessageKey> = {
  policy: "kbKindPolicy",
  model_reply: "kbKindModel",
  template: "kbKindTemplate",
};

/**
 * Suggestions while drafting an opinion or a reply: the most similar answered cases of the
 * category (reply, outcome, ratings — the server has taken other petitioners' personal data out)
 * and the knowledge-base entries in force. 「插入」 puts the text into the step's field for editing;
 * the bureau office may save the reply being written as a template of the category.
 */
export function SuggestionPanel({
  caseId,
  action,
  form,
}: {
  caseId: string;
  action: DraftingAction;
  form: FormInstance<Record<string, unknown>>;
}) {
  const { t, l } = useLocale();
  const { message } = App.useApp();
  const target = SUGGESTION_TARGETS[action];
  const s = useApi<TSuggestions>(`/api/knowledge/suggestions?caseId=${caseId}&field=${target.field}`);
  const [templateTitle, setTemplateTitle] = useState("");
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const { locale } = useLocale();

  const insert = (text: string, basis: string | null) => {
    form.setFieldValue(target.text, text);
    if (target.basis && basis && !form.getFieldValue(target.basis)) form.setFieldValue(target.basis, basis);
    message.success(t("sgInserted"));
  };

  const saveTemplate = async () => {
    const body = String(form.getFieldValue(target.text) ?? "").trim();
    if (!body) {
      message.warning(t("sgTemplateEmpty"));
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      const basis = target.basis ? String(form.getFieldValue(target.basis) ?? "").trim() : "";
      await post("/api/knowledge/templates", {
        caseId,
        title: templateTitle.trim() || body.slice(0, 30),
        body,
        ...(basis ? { legalBasis: basis } : {}),
      });
      message.success(t("sgTemplateSaved"));
      setTemplateTitle("");
      s.reload();
    } catch (e) {
      if (e instanceof ApiError) setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  const pct = (x: number) => t("sgSimilarity", { p: Math.round(x * 100) });
  const data = s.data;
  // Only the bureau office replies (the step's own ability); the server checks the role again.
  const mayKeep = action === "reply";

  return (
    <Card size="small" title={t("sgTitle")} style={{ marginBottom: 16 }} data-testid="suggestion-panel">
      {s.loading && <Spin />}
      {s.error && <Alert type="error" showIcon title={s.error.text(locale)} />}
      {data && !data.categoryId && <Alert type="info" showIcon title={t("sgNoCategory")} />}
      {data?.categoryId && data.cases.length === 0 && data.entries.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("sgNone")} />
      )}
      {data && (data.cases.length > 0 || data.entries.length > 0) && (
        <Collapse
          size="small"
          defaultActiveKey={["entries", "cases"]}
          style={{ maxHeight: 320, overflowY: "auto" }}
          items={[
            ...(data.entries.length > 0
              ? [
                  {
                    key: "entries",
                    label: `${t("sgEntries")}（${data.categoryName ?? ""}）`,
                    children: data.entries.map((e) => (
                      <div key={e.id} style={{ marginBottom: 12 }} data-testid="suggested-entry">
                        <Space wrap>
                          <Tag color="blue">{t(KIND_KEYS[e.kind])}</Tag>
                          <Typography.Text strong>{e.title}</Typography.Text>
                          <Button
                            size="small"
                            type="link"
                            onClick={() => insert(e.body, e.legalBasis)}
                            data-testid="insert-entry"
                          >
                            {t("sgInsert")}
                          </Button>
                        </Space>
                        <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>
                          {e.body}
                        </Typography.Paragraph>
                        {e.legalBasis && (
                          <Typography.Text type="secondary">
                            {t("kbLegalBasis")}：{e.legalBasis}
                          </Typography.Text>
                        )}
                      </div>
                    )),
                  },
                ]
              : []),
            ...(data.cases.length > 0
              ? [
                  {
                    key: "cases",
                    label: t("sgCases"),
                    children: data.cases.map((c) => (
                      <div key={c.caseId} style={{ marginBottom: 12 }} data-testid="suggested-case">
                        <Space wrap>
                          <Typography.Text strong>{c.title}</Typography.Text>
                          <Tag>{pct(c.similarity)}</Tag>
                          {c.replyOpinion && <Tag color="green">{l(OPINION_LABELS, c.replyOpinion)}</Tag>}
                          <Tag>
                            {t("sgBureauRating")}：
                            {c.bureauRating ? l(RATING_LABELS, c.bureauRating) : t("sgNotRated")}
                          </Tag>
                          <Tag>
                            {t("sgUnitRating")}：
                            {c.unitRating ? l(RATING_LABELS, c.unitRating) : t("sgNotRated")}
                          </Tag>
                          <Button
                            size="small"
                            type="link"
                            onClick={() => insert(c.replyText, c.legalBasis)}
                            data-testid="insert-case"
                          >
                            {t("sgInsert")}
                          </Button>
                        </Space>
                        <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>
                          {c.replyText}
                        </Typography.Paragraph>
                      </div>
                    )),
                  },
                ]
              : []),
          ]}
        />
      )}
      {mayKeep && data?.categoryId && (
        <Popover
          trigger="click"
          content={
            <Space direction="vertical" style={{ width: 280 }}>
              {saveError && (
                <Alert type="error" showIcon title={saveError.text(locale)} data-testid="template-error" />
              )}
              <Input
                placeholder={t("sgTemplateTitle")}
                maxLength={200}
                value={templateTitle}
                onChange={(e) => setTemplateTitle(e.target.value)}
                data-testid="template-title"
              />
              <Button
                type="primary"
                loading={saving}
                onClick={() => void saveTemplate()}
                data-testid="template-save"
              >
                {t("sgSaveTemplate")}
              </Button>
            </Space>
          }
        >
          <Button size="small" style={{ marginTop: 8 }} data-testid="template-open">
            {t("sgSaveTemplate")}
          </Button>
        </Popover>
      )}
    </Card>
  );
}
