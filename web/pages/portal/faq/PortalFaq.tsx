import { Alert, Card, Collapse, Select, Typography } from "antd";
import { useMemo, useState } from "react";
import type { TPublicAnswer, TPublicCategory } from "../../../../domain/schemas/knowledge.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { noteAnswerOpened } from "./visit.ts";

/**
 * 常见问题 on the submit page, as 12345 platforms show them: the citizen picks the kind of
 * problem and reads the public answers for it before writing a petition. Opening an answer is
 * counted anonymously (visit.ts).
 */
export function PortalFaq() {
  const { t, locale } = useLocale();
  const [categoryId, setCategoryId] = useState<string | undefined>(undefined);
  const cats = useApi<{ items: TPublicCategory[] }>("/api/public/knowledge/categories");
  const answers = useApi<{ items: TPublicAnswer[] }>(
    categoryId ? `/api/public/knowledge/answers?categoryId=${categoryId}` : null,
  );
  const [seen] = useState(() => new Set<string>());
  const options = useMemo(() => {
    const all = cats.data?.items ?? [];
    const byId = new Map(all.map((c) => [c.id, c]));
    const name = (c: TPublicCategory) => (locale === "en" ? c.nameEn : c.name);
    return all.map((c) => {
      const parent = c.parentId ? byId.get(c.parentId) : undefined;
      return { value: c.id, label: parent ? `${name(parent)} / ${name(c)}` : name(c) };
    });
  }, [cats.data, locale]);
  const items = answers.data?.items ?? [];

  return (
    <Card size="small" title={t("faqTitle")} style={{ marginBottom: 16 }} data-testid="portal-faq">
      <Typography.Paragraph type="secondary">{t("faqPick")}</Typography.Paragraph>
      <Select
        showSearch
        allowClear
        optionFilterProp="label"
        placeholder={t("faqCategory")}
        options={options}
        loading={cats.loading}
        value={categoryId}
        onChange={(v?: string) => setCategoryId(v)}
        style={{ width: "100%", marginBottom: 12 }}
        data-testid="faq-category"
      />
      {categoryId && !answers.loading && items.length === 0 && (
        <Alert type="info" showIcon title={t("faqNone")} />
      )}
      {items.length > 0 && (
        <>
          <Collapse
            accordion
            size="small"
            onChange={(keys) => {
              for (const k of Array.isArray(keys) ? keys : [keys]) {
                // Each answer counts once per visit, however often it is reopened.
                if (k && !seen.has(k)) {
                  seen.add(k);
                  noteAnswerOpened(k);
                }
              }
            }}
            items={items.map((a) => ({
              key: a.id,
              label: a.title,
              children: (
                <div data-testid="faq-answer">
                  <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{a.body}</Typography.Paragraph>
                  {a.legalBasis && (
                    <Typography.Text type="secondary">
                      {t("faqBasis", { basis: a.legalBasis })}
                    </Typography.Text>
                  )}
                </div>
              ),
            }))}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t("faqStillSubmit")}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
