import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { ApiError } from "../../../api/client.ts";
import { LanguageSwitch } from "../../../components/LanguageSwitch.tsx";
import { useSession } from "../../../hooks/session.tsx";
import { useLocale } from "../../../i18n/locale.tsx";
import { SetupPendingPage, useSetupStatus } from "../setup-pending/SetupPendingPage.tsx";

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

/** What a refused login's details say: tries left before a wait, and the wait. */
function loginDetails(e: ApiError): { remaining?: number; waitSeconds?: number } {
  const d = e.details;
  if (typeof d !== "object" || d === null) return {};
  const { remaining, waitSeconds } = d as Record<string, unknown>;
  return {
    ...(typeof remaining === "number" ? { remaining } : {}),
    ...(typeof waitSeconds === "number" ? { waitSeconds } : {}),
  };
}

/**
 * Staff login: the server's own message, how many tries are left before a wait and how long a wait
 * lasts; the one-time code field is always there (the server does not say which accounts need it).
 */
export function LoginPage() {
  const { me, login, endedBecause } = useSession();
  const { t, locale } = useLocale();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("next");
  const target = next?.startsWith("/") && !next.startsWith("//") ? next : "/";
  const setUp = useSetupStatus();
  if (me) return <Navigate to={target} replace />;
  // No users yet: a login nobody can pass would only mislead; say what to run on the server.
  if (setUp === false) return <SetupPendingPage />;

  const onFinish = async (v: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username, v.password, v.totp ? v.totp : undefined);
      navigate(target, { replace: true });
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  const ended = endedBecause ? SESSION_END_TEXT[endedBecause] : undefined;
  const details = error ? loginDetails(error) : {};
  const wait =
    details.waitSeconds && details.waitSeconds > 0
      ? t("loginWait", {
          time:
            details.waitSeconds < 120
              ? t("loginSeconds", { n: details.waitSeconds })
              : t("loginMinutes", { n: Math.ceil(details.waitSeconds / 60) }),
        })
      : null;
  const triesLeft =
    !wait && details.remaining !== undefined && details.remaining <= 3
      ? t("loginTriesLeft", { n: details.remaining })
      : null;
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
            description={wait ?? triesLeft ?? undefined}
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
          <Form.Item
            name="totp"
            label={t("totp")}
            extra={t("totpHelp")}
            rules={[{ pattern: /^\d{6}$/, message: t("totp") }]}
          >
            <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t("login")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
