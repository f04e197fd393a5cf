import { App, Button, Card, Popconfirm, Space, Typography, Upload } from "antd";
import { useState } from "react";
import { ApiError, api } from "../../../api/client.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { format, useLocale } from "../../../i18n/locale.tsx";
import { MAP_MESSAGES, type MapKey } from "../../../i18n/map-messages.ts";

interface Info {
  boundaries: { fileName: string; featureCount: number; sizeBytes: number; uploadedAt: string } | null;
  maxBytes: number;
}
interface Problem {
  feature: number | null;
  zh: string;
  en: string;
}

/** The system administrator's card: the stored boundary file, upload (replace) and removal. */
export function BoundaryCard({ onChanged }: { onChanged(): void }) {
  const { locale } = useLocale();
  const { message } = App.useApp();
  const m = (k: MapKey, vars: Record<string, string | number> = {}) =>
    format(locale === "en" ? MAP_MESSAGES[k].en : MAP_MESSAGES[k].zh, vars);
  const { data, error, reload } = useApi<Info>("/api/map/boundaries/info");
  const [problems, setProblems] = useState<{ title: string; items: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const done = (text: string) => {
    setProblems(null);
    void message.success(text);
    reload();
    onChanged();
  };
  const fail = (e: unknown) => {
    if (!(e instanceof ApiError)) throw e;
    const list = (e.details as { problems?: Problem[] } | undefined)?.problems ?? [];
    setProblems({
      title: e.text(locale),
      items: list.map(
        (p) =>
          `${p.feature === null ? "" : m("problemFeature", { n: p.feature + 1 })}${locale === "en" ? p.en : p.zh}`,
      ),
    });
  };
  const upload = async (file: File) => {
    setBusy(true);
    try {
      await api("PUT", `/api/map/boundaries?fileName=${encodeURIComponent(file.name)}`, undefined, {
        headers: { "content-type": "application/geo+json" },
        rawBody: file,
      });
      done(m("uploaded"));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    try {
      await api("DELETE", "/api/map/boundaries");
      done(m("removed"));
    } catch (e) {
      fail(e);
    }
  };
  // Until the details arrive the card says so: "none uploaded" is an answer, not a wait.
  const current = () => {
    if (data === undefined) return error ? error.text(locale) : m("boundariesLoading");
    if (data.boundaries === null) return m("boundariesNone");
    return m("boundariesCurrent", {
      file: data.boundaries.fileName,
      n: data.boundaries.featureCount,
      at: new Date(data.boundaries.uploadedAt).toLocaleString(locale),
    });
  };
  const size = data ? `${Math.round(data.maxBytes / 1024 / 1024)} MB` : "";
  return (
    <Card title={m("boundariesCard")} size="small" data-testid="boundary-card">
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Typography.Text data-testid="boundary-current">{current()}</Typography.Text>
        <Typography.Text type="secondary">{m("boundariesHelp", { size })}</Typography.Text>
        <Space>
          <Upload
            accept=".geojson,.json,application/geo+json"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button type="primary" loading={busy} data-testid="boundary-upload">
              {m("upload")}
            </Button>
          </Upload>
          {data?.boundaries && (
            <Popconfirm title={m("remove")} onConfirm={() => void remove()}>
              <Button danger data-testid="boundary-remove">
                {m("remove")}
              </Button>
            </Popconfirm>
          )}
        </Space>
        {problems && (
          <div data-testid="boundary-problems">
            <Typography.Text type="danger">{problems.title}</Typography.Text>
            <ul>
              {problems.items.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
      </Space>
    </Card>
  );
}
