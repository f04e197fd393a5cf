import { Alert, Form, Input, Modal, Select } from "antd";
import { post } from "../../../../api/client.ts";
import { useLocale } from "../../../../i18n/locale.tsx";
import { ROLE_LABELS } from "../admin-labels.ts";
import type { AdminUser } from "../types.ts";
import { useAdminAction } from "../use-admin-action.ts";

/** An administrator's account as the request form names it. */
export type ResetCandidate = Pick<AdminUser, "id" | "username" | "displayName" | "roles">;

interface Props {
  /** The administrators whose password may be asked for (never the one asking). */
  candidates: readonly ResetCandidate[];
  /** The administrator chosen beforehand (the user list's row), if any. */
  target?: ResetCandidate | null;
  onClose(sent: boolean): void;
}

interface Values {
  userId: string;
  password: string;
  confirm: string;
}

/**
 * The first half of the two-person reset (三员分立): one administrator asks for another's password
 * to be reset and sets the new one; nothing changes until the third administrator approves. Shown
 * while mounted: the caller renders it only when asked for.
 */
export function ResetRequestModal({ candidates, target, onClose }: Props) {
  const { t, l } = useLocale();
  const run = useAdminAction();
  const [form] = Form.useForm<Values>();
  const submit = async () => {
    const v = await form.validateFields();
    await run(
      () => post("/api/admin/admin-resets", { userId: v.userId, password: v.password }),
      () => onClose(true),
      t("adminResetRequested"),
    );
  };
  return (
    <Modal
      open
      title={target ? `${t("adminResetRequest")}：${target.displayName}` : t("adminResetNew")}
      onCancel={() => onClose(false)}
      onOk={() => void submit()}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="reset-request-form"
        initialValues={{ userId: target?.id }}
      >
        <Alert type="info" showIcon title={t("adminResetFormHelp")} style={{ marginBottom: 16 }} />
        <Form.Item
          name="userId"
          label={t("adminResetTarget")}
          rules={[{ required: true, message: t("required") }]}
        >
          <Select
            disabled={Boolean(target)}
            data-testid="reset-target"
            options={candidates.map((u) => ({
              value: u.id,
              label: `${u.displayName}（${u.username}，${u.roles.map((r) => l(ROLE_LABELS, r)).join("、")}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t("adminNewPassword")}
          rules={[{ required: true, message: t("required") }]}
        >
          <Input.Password maxLength={200} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t("adminResetConfirmPassword")}
          dependencies={["password"]}
          rules={[
            { required: true, message: t("required") },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue("password")
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("adminResetPasswordMismatch"))),
            }),
          ]}
        >
          <Input.Password maxLength={200} autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
