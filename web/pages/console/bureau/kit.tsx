import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Statistic,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { type ReactNode, useMemo } from "react";
import { useSearchParams } from "react-router";
import { ApiError } from "../../../api/client.ts";
import { downloadGet } from "../../../api/download.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { BUREAU_LABELS, BUREAU_MESSAGES, type BureauKey } from "../../../i18n/bureau.ts";
import { format, useLocale } from "../../../i18n/locale.tsx";

/** The bureau screens' words and value labels in the user's language. */
export function useB() {
  const { locale, l } = useLocale();
  return useMemo(
    () => ({
      locale,
      b: (key: BureauKey, vars?: Record<string, string | number>) =>
        format(locale === "en" ? BUREAU_MESSAGES[key].en : BUREAU_MESSAGES[key].zh, vars),
      lb: (group: string, v: string | null | undefined) => l(BUREAU_LABELS[group] ?? {}, v),
    }),
    [locale, l],
  );
}

/** A module's page: its title and one tab per part (list, forms, figures); a hidden tab is unmounted. */
export function ModulePage({
  title,
  tabs,
}: {
  title: BureauKey;
  /** [key, label, the tab's component] */
  tabs: readonly (readonly [key: string, label: BureauKey, Content: () => ReactNode])[];
}) {
  const { b } = useB();
  const [params, setParams] = useSearchParams();
  const first = tabs[0]?.[0];
  const active = params.get("tab") ?? first;
  return (
    <Card title={<span data-testid="bureau-title">{b(title)}</span>}>
      <Tabs
        destroyOnHidden
        activeKey={active}
        // Each tab's filters and page are its own: a new tab starts from an address without them.
        onChange={(key) => setParams(key === first ? {} : { tab: key })}
        items={tabs.map(([key, label, Content]) => ({ key, label: b(label), children: <Content /> }))}
      />
    </Card>
  );
}

/** Any failure as the API's error shape, for its message in the user's language. */
export const asApiError = (e: unknown) =>
  e instanceof ApiError ? e : new ApiError(0, "NETWORK", "网络错误", "Network error");

/** The server's refusal as the page shows it: its own message, in the user's language. */
export function ServerError({ error }: { error: ApiError | null }) {
  const { locale } = useLocale();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="server-error"
      title={error.text(locale)}
    />
  );
}

/** A record shown in a drawer: its answer, and `done` that reloads it and the list behind it. */
export function useRecord<T>(url: string, onChange: () => void) {
  const loaded = useApi<T>(url);
  const { reload } = loaded;
  const done = () => {
    reload();
    onChange();
  };
  return { ...loaded, done };
}

/** A figures breakdown (by township, by leader, by kind) under the figures row. */
export function FigureTable<R extends object>({
  rows,
  rowKey,
  columns,
  testId,
}: {
  rows: readonly R[];
  rowKey: string;
  columns: TableColumnsType<R>;
  testId?: string;
}) {
  return (
    <Table<R>
      rowKey={rowKey}
      size="small"
      style={{ marginTop: 12 }}
      pagination={false}
      dataSource={rows}
      columns={columns}
      data-testid={testId}
    />
  );
}

export function StatusTag({ group, value }: { group: string; value: string }) {
  const { lb } = useB();
  const color: Record<string, string> = {
    open: "blue",
    scheduled: "blue",
    planned: "blue",
    booked: "blue",
    issued: "gold",
    active: "red",
    handed_over: "gold",
    resolved: "green",
    done: "green",
    held: "green",
    received: "green",
    closed: "green",
    replied: "cyan",
    cleared: "green",
    cancelled: "default",
    withdrawn: "default",
    no_show: "default",
    lifted: "default",
    high: "red",
    medium: "orange",
    low: "default",
  };
  return <Tag color={color[value] ?? "default"}>{lb(group, value)}</Tag>;
}

/** A row of figures. */
export function FigureRow({ items }: { items: [string, ReactNode, string?][] }) {
  return (
    <Row gutter={[16, 16]}>
      {items.map(([title, value, testId]) => (
        <Col xs={12} md={6} xl={4} key={title}>
          <Statistic title={title} valueRender={() => <span data-testid={testId}>{value}</span>} />
        </Col>
      ))}
    </Row>
  );
}

export const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? "—" : `${v.toFixed(1)}%`;

/** A date range filter; both ends as YYYY-MM-DD in the query. */
export function RangeFilter({
  value,
  onChange,
}: {
  value: { from?: string; to?: string };
  onChange(v: { from?: string; to?: string }): void;
}) {
  const v: [Dayjs, Dayjs] | null = value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null;
  return (
    <DatePicker.RangePicker
      value={v}
      onChange={(d) =>
        onChange({
          from: d?.[0]?.format("YYYY-MM-DD") ?? undefined,
          to: d?.[1]?.format("YYYY-MM-DD") ?? undefined,
        })
      }
    />
  );
}

/** Fetches a file by GET and saves it under the server's name; a refusal shows the server's message. */
export function DownloadButton({
  url,
  label,
  fallbackName,
  testId,
}: {
  url: string;
  label: string;
  fallbackName: string;
  testId?: string;
}) {
  const { message } = App.useApp();
  const { locale } = useB();
  return (
    <Button
      size="small"
      data-testid={testId}
      onClick={async () => {
        try {
          await downloadGet(url, fallbackName);
        } catch (e) {
          message.error(asApiError(e).text(locale));
        }
      }}
    >
      {label}
    </Button>
  );
}

/** antd DatePicker value → YYYY-MM-DD. */
export const day = (d: Dayjs | undefined | null) => (d ? d.format("YYYY-MM-DD") : undefined);
/** The query string of a filter object, empty values left out. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** Drops empty strings, nulls and undefined (deeply), so optional fields left blank are not sent. */
export function clean<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => clean(x)) as T;
  if (v && typeof v === "object" && !(v instanceof Date) && !dayjs.isDayjs(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === "" || x === null || x === undefined) continue;
      out[k] = clean(x);
    }
    return out as T;
  }
  return v;
}
