import { Alert, App, Button, Card, Form, Input, Typography } from "antd";
import { useEffect, useState } from "react";
import { ApiError, post } from "../../../api/client.ts";
import type { Me } from "../../../api/types.ts";
import { useSession } from "../../../hooks/session.tsx";
import { useLocale } from "../../../i18n/locale.tsx";

/**
 * What a restricted session must do before anything else: change an expired password (MLPS
 * profile) or one an administrator set (reset, new account), or enrol a second factor. The server
 * refuses every other request until then.
 */
export function RestrictedPage({ me }: { me: Me }) {
  const { t, locale } = useLocale();
  const { update } = useSession();
  const { message } = App.useApp();
  const [error, setError] = useState<ApiError | null>(null);
  const [secret, setSecret] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const must = me.restrictions[0];
  const fromAdmin = me.passwordChangeReason === "admin_set";

  useEffect(() => {
    if (must !== "enrol_totp") return;
    post<{ secret: string; otpauthUri: string }>("/api/auth/totp/setup").then(setSecret, (e: unknown) => {
      if (e instanceof ApiError) setError(e);
    });
  }, [must]);

  const send = async (url: string, body: unknown) => {
    setError(null);
    try {
      const updated = await post<Me>(url, body);
      message.success(t("accountUpdated"));
      update(updated);
    } catch (e) {
      if (e instanceof ApiError) setError(e);
    }
  };

  return (
    <Card style={{ maxWidth: 480, margin: "48px auto" }} data-testid="restricted">
      {error && <Alert type="error" showIcon title={error.text(locale)} style={{ marginBottom: 16 }} />}
      {must === "change_password" ? (
        <>
          <Alert
            type="warning"
            showIcon
            title={t(fromAdmin ? "mustChangeAdminPassword" : "mustChangePassword")}
            style={{ marginBottom: 16 }}
            data-testid="restricted-reason"
          />
          <Form<{ currentPassword: string; newPassword: string }>
            layout="vertical"
            onFinish={(v) => void send("/api/auth/password", v)}
          >
            <Form.Item
              name="currentPassword"
              label={t(fromAdmin ? "currentPasswordFromAdmin" : "currentPassword")}
              rules={[{ required: true, message: t("required") }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item
              name="newPassword"
              label={t("newPassword")}
              rules={[{ required: true, message: t("required") }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              {t("submit")}
            </Button>
          </Form>
        </>
      ) : (
        <>
          <Alert type="warning" showIcon title={t("mustEnrolTotp")} style={{ marginBottom: 16 }} />
          {secret && (
            <Typography.Paragraph copyable={{ text: secret.secret }}>
              {t("totpKey")}：<Typography.Text code>{secret.secret}</Typography.Text>
            </Typography.Paragraph>
          )}
          <Form<{ code: string }> layout="vertical" onFinish={(v) => void send("/api/auth/totp/enable", v)}>
            <Form.Item
              name="code"
              label={t("totp")}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t("totp") }]}
            >
              <Input inputMode="numeric" maxLength={6} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              {t("submit")}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
