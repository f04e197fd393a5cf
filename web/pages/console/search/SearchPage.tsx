import { Alert, Card, Input, List, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { Link, useSearchParams } from "react-router";
import type { CaseSearchRequest, CaseSearchResult } from "../../../api/types.ts";
import { ImportedTag } from "../../../components/ImportedTag.tsx";
import { useApi } from "../../../hooks/use-api.ts";
import { STATUS_LABELS } from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { highlightPieces } from "./highlight.ts";

function Marked({ text, ranges }: { text: string; ranges: [number, number][] }) {
  return (
    <>
      {highlightPieces(text, ranges).map((p, i) =>
        p.mark ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one fixed string
          <mark key={i}>{p.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one fixed string
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

/** Chinese full-text search over the cases this user may read, ranked, with the matches marked. */
export function SearchPage() {
  const { t, l, locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const q = params.get("q")?.trim() ?? "";
  const page = Math.max(1, Number(params.get("page")) || 1);
  // The words go in a POST body: people type names and ID numbers here, and the API's addresses are logged.
  const request: CaseSearchRequest = { q, page, pageSize: 20 };
  const { data, error, loading } = useApi<CaseSearchResult>(q ? "/api/search/cases" : null, request);
  return (
    <Card title={t("menuSearch")}>
      <Input.Search
        defaultValue={q}
        enterButton
        allowClear
        maxLength={100}
        placeholder={t("searchPlaceholder")}
        onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {})}
        data-testid="search-input"
        style={{ maxWidth: 560, marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon title={error.text(locale)} />}
      {data && (
        <Typography.Paragraph type="secondary" data-testid="search-total">
          {t(data.totalIsExact ? "searchTotal" : "searchTotalMore", { total: data.total })}
        </Typography.Paragraph>
      )}
      {q && (
        <List<CaseSearchResult["items"][number]>
          loading={loading}
          dataSource={data?.items ?? []}
          data-testid="search-results"
          pagination={
            data && data.total > 20
              ? {
                  current: page,
                  pageSize: 20,
                  total: data.total,
                  onChange: (p) => setParams({ q, page: String(p) }),
                }
              : false
          }
          renderItem={(hit) => (
            <List.Item key={hit.id} data-hit={hit.caseNumber}>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Link to={`/cases/${hit.id}`}>
                      <Marked text={hit.titleHighlight.text} ranges={hit.titleHighlight.ranges} />
                    </Link>
                    <Tag>{l(STATUS_LABELS, hit.status)}</Tag>
                    {hit.isImported && <ImportedTag ledgerNumber={hit.ledgerNumber} />}
                  </Space>
                }
                description={
                  <>
                    <div className="search-snippet">
                      <Marked text={hit.snippet.text} ranges={hit.snippet.ranges} />
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {hit.caseNumber} · {dayjs(hit.receivedAt).format("YYYY-MM-DD")}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
