import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { ApiError } from "../../../api/client.ts";
import { LanguageSwitch } from "../../../components/LanguageSwitch.tsx";
import { useSession } from "../../../hooks/session.tsx";
import { useLocale } from "../../../i18n/locale.tsx";

const SESSION_END_TEXT: Record<string, { zh: string; en: string }> = {
  AUTH_SESSION_EXPIRED: {
    zh: "长时间未操作，会话已过期，请重新登录",
    en: "The session expired after inactivity; please log in again",
  },
};

interface LoginForm {
  username: string;
  password: string;
  totp?: string;
}

/** Staff login: shows the server's own message (wrong password, locked account, second factor). */
export function LoginPage() {
  const { me, login, endedBecause } = useSession();
  const { t, locale } = useLocale();
  const [error, setError] = useState<ApiError | null>(null);
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("next");
  const target = next?.startsWith("/") && !next.startsWith("//") ? next : "/";
  if (me) return <Navigate to={target} replace />;

  const onFinish = async (v: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username, v.password, v.totp);
      navigate(target, { replace: true });
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e);
        if (e.code === "AUTH_TOTP_REQUIRED") setNeedTotp(true);
      }
    } finally {
      setBusy(false);
    }
  };

  const ended = endedBecause ? SESSION_END_TEXT[endedBecause] : undefined;
  return (
    <div
      style={{
        minHeight: "100vh",
        display: "grid",
        placeItems: "center",
        background: "#f0f2f5",
        padding: 16,
      }}
    >
      <Card style={{ width: "100%", maxWidth: 380 }}>
        <div
          style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 16 }}
        >
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t("appName")}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        {ended && !error && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={locale === "en" ? ended.en : ended.zh}
          />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="login-error"
            title={error.text(locale)}
          />
        )}
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="username"
            label={t("username")}
            rules={[{ required: true, message: t("required") }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("password")}
            rules={[{ required: true, message: t("required") }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {needTotp && (
            <Form.Item name="totp" label={t("totp")} rules={[{ pattern: /^\d{6}$/, message: t("totp") }]}>
              <Input inputMode="numeric" maxLength={6} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t("login")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
