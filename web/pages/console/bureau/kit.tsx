import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  type FormInstance,
  Input,
  Modal,
  Row,
  Select,
  Statistic,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import {
  type CSSProperties,
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { Link, useSearchParams } from "react-router";
import type { z } from "zod";
import { ApiError, get, post } from "../../../api/client.ts";
import { downloadGet } from "../../../api/download.ts";
import type { CaseList, OrgUnit } from "../../../api/types.ts";
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

const asApiError = (e: unknown) =>
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

/** A POST the user triggers with one click; the answer or the server's message shows as a toast. */
export function ActionButton({
  label,
  url,
  body = {},
  onDone,
  danger,
  testId,
  confirm,
}: {
  label: string;
  url: string;
  body?: unknown;
  onDone(): void;
  danger?: boolean;
  testId?: string;
  confirm?: string;
}) {
  const { message, modal } = App.useApp();
  const { b, locale } = useB();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      await post(url, body);
      message.success(b("saved"));
      onDone();
    } catch (e) {
      message.error(asApiError(e).text(locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      danger={danger}
      loading={busy}
      data-testid={testId}
      onClick={() => (confirm ? modal.confirm({ title: confirm, onOk: go }) : void go())}
    >
      {label}
    </Button>
  );
}

type FieldRule = {
  required?: boolean;
  message: string;
  validator?: (rule: unknown, value: unknown) => Promise<void>;
};

/** The request schema of the form that is open, for its fields' rules. */
const SchemaContext = createContext<z.ZodObject | null>(null);

/** What the form can check before sending, read from the route's zod schema: required, non-blank, length. */
function rulesOf(field: z.ZodType | undefined, b: ReturnType<typeof useB>["b"]) {
  if (!field) return [] as FieldRule[];
  const required = !field.isOptional();
  const inner =
    "unwrap" in field && typeof field.unwrap === "function" ? (field.unwrap() as z.ZodType) : field;
  const max = "maxLength" in inner && typeof inner.maxLength === "number" ? inner.maxLength : undefined;
  const isText = inner.def.type === "string";
  const rules: FieldRule[] = [];
  if (required) rules.push({ required: true, message: b("fieldRequired") });
  // On text only (a date picker's value is no string until the form makes one of it): not blank,
  // and no longer than the server takes. `whitespace`/`max` rules would also refuse non-strings.
  if (isText)
    rules.push({
      message: b("fieldInvalid"),
      validator: async (_, v: unknown) => {
        if (typeof v !== "string") return;
        if (required && v.trim() === "") throw new Error("blank");
        if (max !== undefined && v.trim().length > max) throw new Error(`> ${max}`);
      },
    });
  return rules;
}

/**
 * A form field whose rules come from the route's request schema (`FormButton`'s `schema`): a field
 * the schema requires is marked and checked, a text's length is bounded as the server bounds it.
 */
export function Field({
  name,
  label,
  extra,
  required,
  style,
  children,
}: {
  name: string;
  label: string;
  extra?: ReactNode;
  style?: CSSProperties;
  /** Asked for by the form itself: a field the form turns into others (a range into from/to). */
  required?: boolean;
  children: ReactNode;
}) {
  const schema = useContext(SchemaContext);
  const { b } = useB();
  const rules = rulesOf(schema?.shape[name], b);
  if (required && !rules.some((r) => r.required)) rules.push({ required: true, message: b("fieldRequired") });
  return (
    <Form.Item name={name} label={label} extra={extra} rules={rules} style={style}>
      {children}
    </Form.Item>
  );
}

/** Each opening of a form starts from its initial values (the form instance outlives the modal's content). */
function ResetOnMount<T>({ form }: { form: FormInstance<T> }) {
  useEffect(() => {
    form.resetFields();
  }, [form]);
  return null;
}

/**
 * A button that opens a form in a modal and POSTs what `toBody` makes of it. With the route's request
 * `schema` the fields (`Field`) take their rules from it and the body is checked against it before it
 * is sent: a field it refuses shows the message under that field. The buttons show whatever the
 * user's role; the server decides, and its refusal (403 and the rest) shows in the form.
 */
export function FormButton<T extends object>({
  label,
  title,
  url,
  toBody = (v) => v,
  onDone,
  children,
  initialValues,
  width = 640,
  primary,
  size,
  testId,
  schema,
}: {
  label: string;
  title?: string;
  url: string;
  schema?: z.ZodObject;
  toBody?: (values: T) => unknown;
  onDone(answer: unknown): void;
  children: ReactNode | ((form: FormInstance<T>) => ReactNode);
  initialValues?: Partial<T>;
  width?: number;
  primary?: boolean;
  size?: "small" | "middle";
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<T>();
  const { message } = App.useApp();
  const { b } = useB();
  const submit = async () => {
    const values = await form.validateFields();
    const body = toBody(values);
    if (schema) {
      const checked = schema.safeParse(body);
      if (!checked.success) {
        const fields = checked.error.issues
          .filter((i) => i.path.length > 0)
          .map((i) => ({
            name: i.path.map((p) => (typeof p === "number" ? p : String(p))),
            errors: [b("fieldInvalid")],
          }));
        (form as FormInstance<Record<string, unknown>>).setFields(fields);
        setError(new ApiError(400, "VALIDATION_FAILED", b("fieldInvalid"), b("fieldInvalid")));
        return;
      }
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await post(url, body);
      message.success(b("saved"));
      setOpen(false);
      onDone(answer);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        type={primary ? "primary" : "default"}
        size={size}
        data-testid={testId}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        {label}
      </Button>
      <Modal
        open={open}
        title={title ?? label}
        width={width}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okText={b("submit")}
        cancelText={b("cancel")}
        confirmLoading={busy}
        destroyOnHidden
        okButtonProps={testId ? { "data-testid": `${testId}-submit` } : {}}
      >
        <div data-testid={testId ? `${testId}-form` : undefined}>
          <ServerError error={error} />
          <Form form={form} layout="vertical" initialValues={initialValues}>
            <ResetOnMount form={form} />
            <SchemaContext value={schema ?? null}>
              {typeof children === "function" ? children(form) : children}
            </SchemaContext>
          </Form>
        </div>
      </Modal>
    </>
  );
}

/**
 * A form with one text field (a reason, a resolution) POSTed as `{ [name]: text }`: cancelling,
 * withdrawing, returning. The field's rules come from `schema` like any `Field`'s.
 */
export function ReasonButton({
  name = "reason",
  fieldLabel = "reason",
  rows = 2,
  ...button
}: {
  label: string;
  url: string;
  schema: z.ZodObject;
  onDone(): void;
  name?: string;
  fieldLabel?: BureauKey;
  rows?: number;
  primary?: boolean;
  size?: "small" | "middle";
}) {
  const { b } = useB();
  return (
    <FormButton<Record<string, string>> {...button}>
      <Field name={name} label={b(fieldLabel)}>
        <Input.TextArea rows={rows} />
      </Field>
    </FormButton>
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

/** The active org units, for pickers (GET /api/org/units). */
export function useUnits(): OrgUnit[] {
  const { data } = useApi<{ items: OrgUnit[] }>("/api/org/units");
  return data?.items ?? [];
}

/** A unit of the given kinds, indented by level. */
export function UnitSelect({
  kinds,
  value,
  onChange,
  testId,
}: {
  kinds: readonly string[];
  value?: string;
  onChange?: (v: string) => void;
  testId?: string;
}) {
  const units = useUnits();
  const options = units
    .filter((u) => kinds.includes(u.kind))
    .map((u) => ({ value: u.id, label: `${"　".repeat(u.path.split(".").length - 1)}${u.name}` }));
  return (
    <Select
      showSearch={{ optionFilterProp: "label" }}
      value={value}
      onChange={onChange}
      options={options}
      data-testid={testId}
      style={{ width: "100%" }}
    />
  );
}
export const AREA_KINDS = ["county", "township", "village"] as const;
export const RESPONSIBLE_KINDS = ["department", "township", "village", "bureau"] as const;

/** Picks a case the user may read: the case list API searched as typed (GET /api/cases?q=). */
export function CaseSelect({
  value,
  onChange,
  multiple,
  testId,
}: {
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  multiple?: boolean;
  testId?: string;
}) {
  const { b } = useB();
  const [q, setQ] = useState("");
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      get<CaseList>(`/api/cases?pageSize=20${q ? `&q=${encodeURIComponent(q)}` : ""}`).then(
        (d) =>
          setOptions((prev) => {
            const keep = prev.filter((o) => (Array.isArray(value) ? value : [value]).includes(o.value));
            const next = d.items.map((c) => ({ value: c.id, label: `${c.caseNumber} ${c.title}` }));
            return [...keep.filter((k) => !next.some((n) => n.value === k.value)), ...next];
          }),
        () => setOptions((prev) => prev),
      );
    }, 250);
  }, [q, value]);
  return (
    <Select
      mode={multiple ? "multiple" : undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      placeholder={b("caseSearch")}
      value={value}
      onChange={onChange}
      options={options}
      data-testid={testId}
      style={{ width: "100%" }}
    />
  );
}

export interface CaseRef {
  id: string;
  caseNumber: string;
  title: string;
  status: string;
}

export function CaseLink({ c }: { c: CaseRef | null | undefined }) {
  if (!c) return <span>—</span>;
  return (
    <Link to={`/cases/${c.id}`} title={c.title}>
      {c.caseNumber}
    </Link>
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
