import { Alert, Card, Typography } from "antd";
import { useEffect, useState } from "react";
import type { z } from "zod";
import type { ZSetupStatus } from "../../../../domain/schemas/setup.ts";
import { get } from "../../../api/client.ts";
import { LanguageSwitch } from "../../../components/LanguageSwitch.tsx";
import { useLocale } from "../../../i18n/locale.tsx";

const TEXT = {
  title: { zh: "系统尚未初始化", en: "Not set up yet" },
  body: {
    zh: "数据库中还没有任何用户，无法登录。请由运维人员在服务器上运行以下命令，建立信访局和三员（系统、安全、审计管理员）账户，然后刷新本页：",
    en: "The database has no users yet, so nobody can log in. On the server, run the command below to create the bureau and the three administrators (system, security, audit), then reload this page:",
  },
  scripted: { zh: "脚本化安装：", en: "Scripted install:" },
  docs: {
    zh: "详见 README 的「不用演示数据的第一天」与 docs/DEPLOYMENT.md。",
    en: "See “First day without the demo” in the README and docs/DEPLOYMENT.md.",
  },
};

/** Whether `xinfang setup` has run: null while asking, or when the answer did not come. */
export function useSetupStatus(): boolean | null {
  const [setUp, setSetUp] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    get<z.infer<typeof ZSetupStatus>>("/api/public/setup-status")
      .then((s) => {
        if (live) setSetUp(s.setUp);
      })
      // Unknown is shown as set up: the login form, which says what is wrong itself.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return setUp;
}

/** Shown instead of the login form while the database has no users: what to run on the server. */
export function SetupPendingPage() {
  const { locale } = useLocale();
  const pick = (b: { zh: string; en: string }) => (locale === "en" ? b.en : b.zh);
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
      <Card style={{ width: "100%", maxWidth: 560 }} data-testid="setup-pending">
        <div
          style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 16 }}
        >
          <Typography.Title level={4} style={{ margin: 0 }}>
            {pick(TEXT.title)}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Alert type="info" showIcon title={pick(TEXT.body)} style={{ marginBottom: 16 }} />
        <Typography.Paragraph>
          <Typography.Text code copyable>
            npm run xinfang -- setup
          </Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph>
          {pick(TEXT.scripted)}{" "}
          <Typography.Text code copyable>
            npm run xinfang -- setup --from setup.json
          </Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{pick(TEXT.docs)}</Typography.Paragraph>
      </Card>
    </div>
  );
}
