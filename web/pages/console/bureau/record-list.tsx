import { Checkbox, Drawer, InputNumber, Select, Space, Table, type TableColumnsType } from "antd";
import dayjs from "dayjs";
import { type ReactNode, useState } from "react";
import { useSearchParams } from "react-router";
import type { TPaged } from "../../../../domain/schemas/bureau/list.ts";
import { useApi } from "../../../hooks/use-api.ts";
import type { BureauKey } from "../../../i18n/bureau.ts";
import { FigureRow, qs, RangeFilter, ServerError, useB } from "./kit.tsx";

/** A list filter as the screen shows it; its value lives in the address (`?key=value`). */
export type FilterDef =
  /** One of the values; `group` names their labels (web/i18n/bureau.ts), or `options` carry their own. */
  | {
      kind: "select";
      key: string;
      label: BureauKey;
      values?: readonly string[];
      group?: string;
      options?: { value: string; label: string }[];
      width?: number;
    }
  /** A year, 2000–2100. */
  | { kind: "year"; key: string; label: BureauKey }
  /** A date range: `from` and `to` as YYYY-MM-DD. */
  | { kind: "range" }
  /** A box that sends `key=true` when ticked (overdue, slipped). */
  | { kind: "flag"; key: string; label: BureauKey };

const keysOf = (f: FilterDef) => (f.kind === "range" ? ["from", "to"] : [f.key]);

/**
 * The filters and page of a list, kept in the address so a reload, the back button or a shared link
 * shows the same rows. A filter missing from the address takes its default; one set to empty
 * (`?status=`) means "all".
 */
export function useUrlState(defs: readonly FilterDef[], defaults: Record<string, string> = {}) {
  const [params, setParams] = useSearchParams();
  const keys = defs.flatMap(keysOf);
  const values: Record<string, string | undefined> = {};
  for (const k of keys) {
    const v = params.get(k);
    values[k] = v === null ? defaults[k] : v || undefined;
  }
  const page = Math.max(1, Number(params.get("page")) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get("pageSize")) || 20));
  // From the address bar as it is now, not this render's copy: two quick changes must both count.
  const update = (change: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(change)) {
      if (v === undefined && k in defaults) next.set(k, "");
      else if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    if (!keepPage) next.delete("page");
    setParams(next);
  };
  return { values, page, pageSize, update };
}

/** The filter bar: one control per filter, each change written to the address (back to page 1). */
function FilterBar({
  defs,
  values,
  onChange,
}: {
  defs: readonly FilterDef[];
  values: Record<string, string | undefined>;
  onChange(change: Record<string, string | undefined>): void;
}) {
  const { b, lb } = useB();
  return defs.map((f) => {
    switch (f.kind) {
      case "select":
        return (
          <Select
            key={f.key}
            allowClear
            placeholder={b(f.label)}
            style={{ width: f.width ?? 130 }}
            value={values[f.key]}
            onChange={(v?: string) => onChange({ [f.key]: v })}
            options={f.options ?? (f.values ?? []).map((v) => ({ value: v, label: lb(f.group ?? f.key, v) }))}
            data-testid={`filter-${f.key}`}
          />
        );
      case "year":
        return (
          <InputNumber
            key={f.key}
            placeholder={b(f.label)}
            min={2000}
            max={2100}
            value={values[f.key] ? Number(values[f.key]) : null}
            onChange={(y) => onChange({ [f.key]: y ? String(y) : undefined })}
            data-testid={`filter-${f.key}`}
          />
        );
      case "range":
        return (
          <RangeFilter
            key="range"
            value={{ from: values.from, to: values.to }}
            onChange={(r) => onChange({ from: r.from, to: r.to })}
          />
        );
      default:
        return (
          <Checkbox
            key={f.key}
            checked={values[f.key] === "true"}
            onChange={(e) => onChange({ [f.key]: e.target.checked ? "true" : undefined })}
            data-testid={`filter-${f.key}`}
          >
            {b(f.label)}
          </Checkbox>
        );
    }
  });
}

/**
 * A module's list: its filters in the address, one page at a time from the server
 * (`{ items, total, page, pageSize }`), the module's buttons beside the filters, and a row's detail
 * in a drawer. `toolbar` and `detail` get `reload` so a change shows at once.
 */
export function RecordList<T extends object>({
  url,
  filters = [],
  defaults,
  columns,
  rowKey = "id",
  testId,
  toolbar,
  detail,
  selection,
}: {
  url: string;
  filters?: readonly FilterDef[];
  defaults?: Record<string, string>;
  /** The columns, or a function of `reload` for columns with buttons that change a row. */
  columns: TableColumnsType<T> | ((reload: () => void) => TableColumnsType<T>);
  rowKey?: string | ((row: T) => string);
  testId?: string;
  toolbar?: (reload: () => void) => ReactNode;
  /** The drawer a row opens: its title and content for the row's key. */
  detail?: { title: BureauKey; render: (id: string, reload: () => void) => ReactNode };
  /** Rows that can be ticked (for an action over several), and what is ticked. */
  selection?: { selected: string[]; onChange(keys: string[]): void };
}) {
  const { b } = useB();
  const { values, page, pageSize, update } = useUrlState(filters, defaults);
  const { data, error, loading, reload } = useApi<TPaged<T>>(`${url}${qs({ ...values, page, pageSize })}`);
  const [openId, setOpenId] = useState<string | null>(null);
  const keyOf = (r: T) =>
    typeof rowKey === "function" ? rowKey(r) : String((r as Record<string, unknown>)[rowKey]);
  return (
    <>
      {(filters.length > 0 || toolbar) && (
        <Space wrap style={{ marginBottom: 12 }}>
          <FilterBar defs={filters} values={values} onChange={update} />
          {toolbar?.(reload)}
        </Space>
      )}
      <ServerError error={error} />
      {/* The test id holds the pager too: the total and the pages are part of the list. */}
      <div data-testid={testId}>
        <Table<T>
          rowKey={keyOf}
          size="small"
          loading={loading}
          dataSource={data?.items}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => b("totalRows", { n }),
            onChange: (p, size) =>
              update(
                { page: p > 1 ? String(p) : undefined, pageSize: size === 20 ? undefined : String(size) },
                true,
              ),
          }}
          rowSelection={
            selection && {
              selectedRowKeys: selection.selected,
              onChange: (keys) => selection.onChange(keys.map(String)),
            }
          }
          onRow={detail && ((r) => ({ onClick: () => setOpenId(keyOf(r)), style: { cursor: "pointer" } }))}
          columns={typeof columns === "function" ? columns(reload) : columns}
        />
      </div>
      {detail && (
        <Drawer open={openId !== null} onClose={() => setOpenId(null)} size="large" title={b(detail.title)}>
          {openId && detail.render(openId, reload)}
        </Drawer>
      )}
    </>
  );
}

/**
 * A module's figures for a period (from/to) or a year, the period in the address; `row` makes the
 * figures row of the answer, `children` what follows it (tables by unit, by kind …).
 */
export function FiguresPanel<F>({
  url,
  period,
  row,
  children,
}: {
  url: string;
  period: "range" | "year";
  row: (data: F) => [string, ReactNode, string?][];
  children?: (data: F) => ReactNode;
}) {
  const defs: FilterDef[] =
    period === "year" ? [{ kind: "year", key: "year", label: "year" }] : [{ kind: "range" }];
  const { values, update } = useUrlState(defs, period === "year" ? { year: String(dayjs().year()) } : {});
  const { data, error } = useApi<F>(`${url}${qs(values)}`);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <FilterBar defs={defs} values={values} onChange={update} />
      </Space>
      <ServerError error={error} />
      {data && (
        <>
          <FigureRow items={row(data)} />
          {children?.(data)}
        </>
      )}
    </>
  );
}
