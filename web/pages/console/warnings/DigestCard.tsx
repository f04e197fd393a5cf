import { Alert, Button, Card, Descriptions, Empty, Tag } from "antd";
import dayjs from "dayjs";
import type { z } from "zod";
import { DIGEST_READ_ROLES } from "../../../../domain/warnings/access.ts";
import type { ZDigest } from "../../../../domain/warnings/schemas.ts";
import { WARNING_KINDS } from "../../../../domain/warnings/types.ts";
import { useSession } from "../../../hooks/session.tsx";
import { useApi } from "../../../hooks/use-api.ts";
import { format, useLocale } from "../../../i18n/locale.tsx";
import { KIND_COLORS, KIND_LABELS, W } from "./labels.ts";

type Digest = z.infer<typeof ZDigest>;

/** The latest daily digest (预警日报) with its Word version; shown to the roles the digest API answers. */
export function DigestCard() {
  const { me } = useSession();
  const mayRead = me?.roles.some((r) => DIGEST_READ_ROLES.includes(r)) ?? false;
  const dates = useApi<{ items: { date: string }[] }>(mayRead ? "/api/warnings/digests?limit=1" : null);
  const latest = dates.data?.items[0]?.date ?? null;
  const digest = useApi<Digest>(latest ? `/api/warnings/digests/${latest}` : null);
  const { locale, l } = useLocale();
  if (!mayRead) return null;
  const bi = (b: { zh: string; en: string }) => (locale === "en" ? b.en : b.zh);
  const d = digest.data;
  return (
    <Card
      data-testid="digest"
      title={`${bi(W.digest!)}${d ? ` · ${d.date}` : ""}`}
      loading={dates.loading || digest.loading}
      extra={
        d && (
          <Button href={`/api/warnings/digests/${d.date}/docx`} size="small" data-testid="digest-docx">
            {bi(W.downloadDocx!)}
          </Button>
        )
      }
    >
      {(dates.error ?? digest.error) && (
        <Alert type="error" title={(dates.error ?? digest.error)!.text(locale)} />
      )}
      {dates.data && !latest && <Empty description={bi(W.noDigest!)} />}
      {d && (
        <Descriptions size="small" column={1} bordered>
          {WARNING_KINDS.map((k) => (
            <Descriptions.Item key={k} label={<Tag color={KIND_COLORS[k]}>{l(KIND_LABELS, k)}</Tag>}>
              {bi(W.digestOpen!)} {d.openByKind[k] ?? 0} · {bi(W.digestNew!)} {d.newByKind[k] ?? 0}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={dayjs(d.generatedAt).format("YYYY-MM-DD HH:mm")}>
            {format(bi(W.digestAlerts!), { warning: d.alerts.warning, breach: d.alerts.breach })}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
