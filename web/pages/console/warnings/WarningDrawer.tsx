import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Descriptions,
  Drawer,
  Input,
  List,
  Modal,
  Space,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link } from "react-router";
import type { z } from "zod";
import type { ZWarningDetail } from "../../../../domain/warnings/schemas.ts";
import { ApiError, post } from "../../../api/client.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { STATUS_LABELS } from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { KIND_COLORS, KIND_LABELS, W, WARNING_STATUS_LABELS } from "./labels.ts";

type Detail = z.infer<typeof ZWarningDetail>;
type Form = { kind: "follow_up" | "close"; text: string } | null;

/** One warning: its summary, the evidence cases (each a link to the case), follow-ups, and the allowed actions. */
export function WarningDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string | null;
  onClose(): void;
  onChanged(): void;
}) {
  const { locale, l } = useLocale();
  const { message } = App.useApp();
  const detail = useApi<Detail>(id ? `/api/warnings/${id}` : null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState<Form>(null);
  const bi = (b: { zh: string; en: string }) => (locale === "en" ? b.en : b.zh);
  const w = id && detail.data?.id === id ? detail.data : undefined;

  const act = async (path: string, body: unknown = {}) => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/warnings/${id}/${path}`, body);
      message.success(bi(W.actionDone!));
      setForm(null);
      detail.reload();
      onChanged();
    } catch (e) {
      if (e instanceof ApiError) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size="large"
      title={bi(W.title!)}
      data-testid="warning-drawer"
    >
      {detail.error && <Alert type="error" title={detail.error.text(locale)} />}
      {error && <Alert type="error" title={error.text(locale)} style={{ marginBottom: 12 }} />}
      {w && (
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Space wrap>
            <Tag color={KIND_COLORS[w.kind]}>{l(KIND_LABELS, w.kind)}</Tag>
            <Tag data-testid="drawer-status">{l(WARNING_STATUS_LABELS, w.status)}</Tag>
            {w.abilities.includes("acknowledge") && (
              <Button
                type="primary"
                loading={busy}
                data-testid="acknowledge"
                onClick={() => act("acknowledge")}
              >
                {bi(W.acknowledge!)}
              </Button>
            )}
            {w.abilities.includes("follow_up") && (
              <Button data-testid="follow-up" onClick={() => setForm({ kind: "follow_up", text: "" })}>
                {bi(W.followUp!)}
              </Button>
            )}
            {w.abilities.includes("close") && (
              <Button danger data-testid="close" onClick={() => setForm({ kind: "close", text: "" })}>
                {bi(W.close!)}
              </Button>
            )}
          </Space>
          <Typography.Paragraph data-testid="drawer-summary">{bi(w.summary)}</Typography.Paragraph>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={bi(W.subject!)}>{w.subject}</Descriptions.Item>
            <Descriptions.Item label={bi(W.window!)}>
              {w.windowStart} ~ {w.windowEnd}
            </Descriptions.Item>
            {w.acknowledgedBy && (
              <Descriptions.Item label={bi(W.acknowledgedBy!)}>
                {w.acknowledgedBy} · {dayjs(w.acknowledgedAt).format("YYYY-MM-DD HH:mm")}
              </Descriptions.Item>
            )}
            {w.closedBy && (
              <Descriptions.Item label={bi(W.closedBy!)}>
                {w.closedBy} · {dayjs(w.closedAt).format("YYYY-MM-DD HH:mm")} · {w.closeReason}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Title level={5}>{bi(W.evidence!)}</Typography.Title>
          <List
            data-testid="evidence"
            size="small"
            bordered
            dataSource={w.cases}
            renderItem={(c) => (
              <List.Item>
                <Link to={`/cases/${c.id}`}>
                  {c.caseNumber} {c.title}
                </Link>
                <Space>
                  <Typography.Text type="secondary">
                    {dayjs(c.receivedAt).format("YYYY-MM-DD")}
                  </Typography.Text>
                  <Tag>{l(STATUS_LABELS, c.status)}</Tag>
                </Space>
              </List.Item>
            )}
          />
          <Typography.Title level={5}>{bi(W.followUps!)}</Typography.Title>
          <List
            data-testid="follow-ups"
            size="small"
            locale={{ emptyText: bi(W.noFollowUps!) }}
            dataSource={w.followUps}
            renderItem={(f) => (
              <List.Item>
                <Typography.Text>{f.note}</Typography.Text>
                <Typography.Text type="secondary">
                  {f.actorName} · {dayjs(f.at).format("YYYY-MM-DD HH:mm")}
                </Typography.Text>
              </List.Item>
            )}
          />
        </Space>
      )}
      <Modal
        open={form !== null}
        title={form?.kind === "close" ? bi(W.close!) : bi(W.followUp!)}
        okButtonProps={
          { disabled: !form?.text.trim(), loading: busy, "data-testid": "form-ok" } as ButtonProps
        }
        onCancel={() => setForm(null)}
        onOk={() =>
          form &&
          (form.kind === "close"
            ? act("close", { reason: form.text })
            : act("follow-ups", { note: form.text }))
        }
      >
        <Input.TextArea
          data-testid="form-text"
          rows={4}
          maxLength={2000}
          placeholder={form?.kind === "close" ? bi(W.reason!) : bi(W.note!)}
          value={form?.text ?? ""}
          onChange={(e) => form && setForm({ ...form, text: e.target.value })}
        />
      </Modal>
    </Drawer>
  );
}
