import { Alert, Form, type FormInstance, Modal } from "antd";
import { type ReactNode, useState } from "react";
import { ApiError } from "../../../api/client.ts";
import { useLocale } from "../../../i18n/locale.tsx";

/**
 * A case-page step's dialog: what it does, its form, and the server's refusal shown in it. `onSubmit`
 * gets the validated values; it closes the dialog itself when the step succeeded, or throws.
 */
export function FormModal<V>({
  title,
  name,
  form,
  help,
  notice,
  initialValues,
  onSubmit,
  onCancel,
  children,
}: {
  title: string;
  name: string;
  form: FormInstance<V>;
  help: string;
  /** A warning of the form's own (nothing changed …), above the server's refusal. */
  notice?: string | null;
  initialValues?: Partial<V>;
  onSubmit(values: V): Promise<void>;
  onCancel(): void;
  children: ReactNode;
}) {
  const { t, locale } = useLocale();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={t("submit")}
      cancelText={t("cancel")}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={help} style={{ marginBottom: 16 }} />
      {notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.text(locale)}
          style={{ marginBottom: 16 }}
          data-testid={`${name}-error`}
        />
      )}
      <Form form={form} layout="vertical" name={name} initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}
