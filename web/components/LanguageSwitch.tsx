import { Button } from "antd";
import { useLocale } from "../i18n/locale.tsx";

export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { locale, setLocale, t } = useLocale();
  return (
    <Button
      size="small"
      ghost={dark}
      data-testid="language-switch"
      onClick={() => setLocale(locale === "en" ? "zh-CN" : "en")}
    >
      {t("switchLanguage")}
    </Button>
  );
}
