import type { TableColumnType } from "antd";
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Popover,
  Select,
  Space,
  Table,
  Tag,
} from "antd";
import dayjs from "dayjs";
import { useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { STATISTICS_ROLES } from "../../../../domain/metrics/access.ts";
import { CASE_STATUSES, CHANNELS, NATURES } from "../../../../domain/workflow/statuses.ts";
import { ApiError } from "../../../api/client.ts";
import { downloadGet } from "../../../api/download.ts";
import type { CaseList, CaseSummary } from "../../../api/types.ts";
import { ImportedTag } from "../../../components/ImportedTag.tsx";
import { useSession } from "../../../hooks/session.tsx";
import { useApi } from "../../../hooks/use-api.ts";
import { CHANNEL_LABELS, NATURE_LABELS, STATUS_LABELS } from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import {
  type CaseColumnKey,
  COLUMN_STORAGE_KEY,
  type ColumnSetting,
  defaultColumns,
  moveColumn,
  parseColumns,
  toggleColumn,
  visibleColumns,
} from "./column-settings.ts";
import { ledgerUrl } from "./export-ledger.ts";
import {
  type ListState,
  PAGE_SIZES,
  parseListState,
  sortFromTable,
  tableOrder,
  toApiUrl,
  toSearchParams,
  withFilters,
} from "./list-query.ts";

type CaseColumn = TableColumnType<CaseSummary> & { key: CaseColumnKey };

function storedColumns(): ColumnSetting[] {
  try {
    return parseColumns(localStorage.getItem(COLUMN_STORAGE_KEY));
  } catch {
    return defaultColumns();
  }
}

/**
 * The case list: server-side paging, filters and sort, all in the URL; the user's columns
 * (shown, order) remembered in this browser; the current filter exported as an Excel ledger.
 */
export function CaseListPage() {
  const { t, l, locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const state = useMemo(() => parseListState(params), [params]);
  const { data, error, loading } = useApi<CaseList>(toApiUrl(state));
  const { me } = useSession();
  const { message } = App.useApp();
  const [columns, setColumnsState] = useState<ColumnSetting[]>(storedColumns);
  const [exporting, setExporting] = useState(false);
  const setColumns = (next: ColumnSetting[]) => {
    setColumnsState(next);
    try {
      localStorage.setItem(COLUMN_STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Private browsing: the choice lasts for this page only.
    }
  };
  // The ledger answers the statistics roles (domain/metrics/access.ts); the server still decides.
  const mayExport = me?.roles.some((r) => STATISTICS_ROLES.includes(r)) ?? false;
  const exportLedger = async () => {
    setExporting(true);
    try {
      const name = await downloadGet(ledgerUrl(state), "信访事项台账.xlsx");
      message.success(t("exportDone", { name }));
    } catch (e) {
      message.error(e instanceof ApiError ? e.text(locale) : String(e));
    } finally {
      setExporting(false);
    }
  };
  // From the address bar as it is now, not from this render's state (a router update may not have
  // rendered yet): two quick changes, a filter then a sort, must both count.
  const go = (change: (current: ListState) => ListState) =>
    setParams(toSearchParams(change(parseListState(new URLSearchParams(window.location.search)))));
  const boolOptions = [
    { value: "true", label: t("yes") },
    { value: "false", label: t("no") },
  ];
  const opts = <T extends string>(values: readonly T[], labels: Record<T, { zh: string; en: string }>) =>
    values.map((v) => ({ value: v, label: l(labels, v) }));

  const columnTitle = (key: CaseColumnKey) =>
    t(
      (
        {
          caseNumber: "caseNumber",
          title: "title",
          firstPetitionerName: "petitioner",
          channel: "channel",
          status: "status",
          regionName: "region",
          headcount: "headcount",
          receivedAt: "receivedAt",
        } as const
      )[key],
    );

  return (
    <Card
      title={t("menuCases")}
      extra={
        <Space>
          <Popover
            trigger="click"
            placement="bottomRight"
            title={t("columnSettings")}
            content={
              <div data-testid="column-settings">
                {columns.map((c, i) => (
                  <div
                    key={c.key}
                    style={{ display: "flex", alignItems: "center", gap: 8, padding: "2px 0" }}
                  >
                    <Checkbox
                      checked={c.visible}
                      disabled={c.key === "caseNumber"}
                      onChange={() => setColumns(toggleColumn(columns, c.key))}
                      data-testid={`column-toggle-${c.key}`}
                    >
                      {columnTitle(c.key)}
                    </Checkbox>
                    <span style={{ flex: 1 }} />
                    <Button
                      size="small"
                      type="text"
                      disabled={i === 0}
                      onClick={() => setColumns(moveColumn(columns, c.key, -1))}
                    >
                      ↑
                    </Button>
                    <Button
                      size="small"
                      type="text"
                      disabled={i === columns.length - 1}
                      onClick={() => setColumns(moveColumn(columns, c.key, 1))}
                    >
                      ↓
                    </Button>
                  </div>
                ))}
                <Button size="small" style={{ marginTop: 8 }} onClick={() => setColumns(defaultColumns())}>
                  {t("columnsReset")}
                </Button>
              </div>
            }
          >
            <Button data-testid="column-settings-button">{t("columnSettings")}</Button>
          </Popover>
          {mayExport && (
            <Button loading={exporting} onClick={() => void exportLedger()} data-testid="export-xlsx">
              {t("exportExcel")}
            </Button>
          )}
          <Button type="primary" onClick={() => navigate("/register")}>
            {t("newCase")}
          </Button>
        </Space>
      }
    >
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} data-testid="case-filters">
        <Form.Item label={t("search")}>
          <Input.Search
            key={state.q ?? ""}
            defaultValue={state.q}
            allowClear
            placeholder={t("searchPlaceholder")}
            onSearch={(v) => go((s) => withFilters(s, { q: v.trim() || undefined }))}
            style={{ width: 220 }}
            data-testid="filter-q"
          />
        </Form.Item>
        <Form.Item label={t("fieldFilter")} tooltip={t("fieldFilterHelp")}>
          <Input.Search
            key={state.fieldFilter ?? ""}
            defaultValue={state.fieldFilter}
            allowClear
            placeholder="amount_owed>=10000"
            onSearch={(v) => go((s) => withFilters(s, { fieldFilter: v.trim() || undefined }))}
            style={{ width: 220 }}
            data-testid="filter-fields"
          />
        </Form.Item>
        <Form.Item label={t("status")}>
          <Select
            allowClear
            style={{ width: 150 }}
            value={state.status}
            placeholder={t("all")}
            options={opts(CASE_STATUSES, STATUS_LABELS)}
            onChange={(v) => go((s) => withFilters(s, { status: v }))}
            data-testid="filter-status"
          />
        </Form.Item>
        <Form.Item label={t("channel")}>
          <Select
            allowClear
            style={{ width: 120 }}
            value={state.channel}
            placeholder={t("all")}
            options={opts(CHANNELS, CHANNEL_LABELS)}
            onChange={(v) => go((s) => withFilters(s, { channel: v }))}
            data-testid="filter-channel"
          />
        </Form.Item>
        <Form.Item label={t("nature")}>
          <Select
            allowClear
            style={{ width: 120 }}
            value={state.nature}
            placeholder={t("all")}
            options={opts(NATURES, NATURE_LABELS)}
            onChange={(v) => go((s) => withFilters(s, { nature: v }))}
          />
        </Form.Item>
        <Form.Item label={t("collective")}>
          <Select
            allowClear
            style={{ width: 90 }}
            value={state.isCollective === undefined ? undefined : String(state.isCollective)}
            placeholder={t("all")}
            options={boolOptions}
            onChange={(v?: string) =>
              go((s) => withFilters(s, { isCollective: v === undefined ? undefined : v === "true" }))
            }
          />
        </Form.Item>
        <Form.Item label={t("dateRange")}>
          <DatePicker.RangePicker
            value={state.from && state.to ? [dayjs(state.from), dayjs(state.to)] : null}
            onChange={(range) =>
              go((s) =>
                withFilters(s, {
                  from: range?.[0]?.format("YYYY-MM-DD"),
                  to: range?.[1]?.format("YYYY-MM-DD"),
                }),
              )
            }
          />
        </Form.Item>
        <Form.Item>
          <Button onClick={() => go((s) => ({ page: 1, pageSize: s.pageSize }))}>{t("reset")}</Button>
        </Form.Item>
      </Form>
      {state.extra && (
        <Tag
          closable
          color="purple"
          style={{ marginBottom: 12 }}
          data-testid="drill-filter"
          onClose={() => go((s) => withFilters(s, { extra: undefined }))}
        >
          {t("drillFilter")}：
          {Object.entries(state.extra)
            .map(([k, v]) => `${k}=${v}`)
            .join("，")}
        </Tag>
      )}
      {error && <Alert type="error" title={error.text(locale)} style={{ marginBottom: 16 }} />}
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 1000 }}
        data-testid="case-table"
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          // A keyword that matches more than 1,000 cases is not counted: the server says so.
          showTotal: (total) =>
            data?.totalIsExact === false
              ? t("totalItemsMore", { total: total.toLocaleString("en") })
              : t("totalItems", { total }),
        }}
        onChange={(pagination, _filters, sorter, extra) => {
          const one = Array.isArray(sorter) ? sorter[0] : sorter;
          if (extra.action === "sort") {
            const sort = sortFromTable(String(one?.field ?? ""), one?.order) ?? "-receivedAt";
            go((s) => ({ ...s, page: 1, sort }));
            return;
          }
          go((s) => ({ ...s, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? s.pageSize }));
        }}
        columns={visibleColumns<CaseColumn>(
          [
            {
              key: "caseNumber",
              title: t("caseNumber"),
              dataIndex: "caseNumber",
              width: 170,
              render: (v: string, r) => (
                <>
                  <Link to={`/cases/${r.id}`}>{v}</Link>
                  {r.isImported && <ImportedTag ledgerNumber={r.ledgerNumber} />}
                </>
              ),
            },
            { key: "title", title: t("title"), dataIndex: "title", ellipsis: true },
            {
              key: "firstPetitionerName",
              title: t("petitioner"),
              dataIndex: "firstPetitionerName",
              width: 110,
            },
            {
              key: "channel",
              title: t("channel"),
              dataIndex: "channel",
              width: 90,
              render: (v: string) => l(CHANNEL_LABELS, v),
            },
            {
              key: "status",
              title: t("status"),
              dataIndex: "status",
              width: 110,
              render: (v: string) => <Tag>{l(STATUS_LABELS, v)}</Tag>,
            },
            { key: "regionName", title: t("region"), dataIndex: "regionName", width: 120, ellipsis: true },
            {
              key: "headcount",
              title: t("headcount"),
              dataIndex: "headcount",
              width: 90,
              sorter: true,
              sortOrder: tableOrder(state.sort, "headcount"),
              sortDirections: ["descend", "ascend", "descend"],
            },
            {
              key: "receivedAt",
              title: t("receivedAt"),
              dataIndex: "receivedAt",
              width: 160,
              sorter: true,
              sortOrder: tableOrder(state.sort, "receivedAt"),
              sortDirections: ["descend", "ascend", "descend"],
              render: (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm"),
            },
          ],
          columns,
        )}
      />
    </Card>
  );
}
