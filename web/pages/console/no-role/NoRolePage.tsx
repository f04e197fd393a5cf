import { Button, Card, Result } from "antd";
import { useNavigate } from "react-router";
import type { Me } from "../../../api/types.ts";
import { useSession } from "../../../hooks/session.tsx";
import { useLocale } from "../../../i18n/locale.tsx";

/**
 * What an account without a role sees on every screen (三员分立): the system administrator created
 * it and the security administrator has not granted a role yet, so the server shows it no case.
 * Granting a role ends the user's sessions, so the new role arrives with the next login.
 */
export function NoRolePage({ me }: { me: Me }) {
  const { t } = useLocale();
  const { logout } = useSession();
  const navigate = useNavigate();
  return (
    <Card style={{ maxWidth: 640, margin: "48px auto" }} data-testid="no-role-page">
      <Result
        status="info"
        title={t("noRoleTitle")}
        subTitle={
          <>
            <div>
              {me.displayName} · {me.unit.name}
            </div>
            <div>{t("noRoleDetail")}</div>
          </>
        }
        extra={
          <Button
            type="primary"
            onClick={() => {
              void logout().then(() => navigate("/login"));
            }}
          >
            {t("noRoleLoginAgain")}
          </Button>
        }
      />
    </Card>
  );
}
