import { App, Button, Form, type FormInstance, Input, Modal } from "antd";
import { type CSSProperties, createContext, type ReactNode, useContext, useEffect, useState } from "react";
import type { z } from "zod";
import { ApiError, post } from "../../../api/client.ts";
import type { BureauKey } from "../../../i18n/bureau.ts";
import { asApiError, ServerError, useB } from "./kit.tsx";

/* The bureau screens' forms: buttons that POST, forms whose fields take their rules from the route's zod schema. */

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
    // A field the form refuses shows its own message; nothing is sent.
    const values = await form.validateFields().catch(() => null);
    if (values === null) return;
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
