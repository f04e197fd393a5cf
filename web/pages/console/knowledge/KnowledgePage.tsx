import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { KNOWLEDGE_EDIT_ROLES, KNOWLEDGE_FIGURE_ROLES } from "../../../../domain/auth/roles.ts";
import {
  KNOWLEDGE_KINDS,
  type KnowledgeKind,
  type TKnowledgeEntry,
  type TKnowledgeVersion,
  type TPortalFigure,
} from "../../../../domain/schemas/knowledge.ts";
import { ApiError, api, post, queryString } from "../../../api/client.ts";
import type { Category, OrgUnit } from "../../../api/types.ts";
import { useSession } from "../../../hooks/session.tsx";
import { useApi } from "../../../hooks/use-api.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import type { MessageKey } from "../../../i18n/messages.ts";
import { KIND_KEYS } from "./SuggestionPanel.tsx";

const STATES: [string, MessageKey][] = [
  ["current", "kbStateCurrent"],
  ["expired", "kbStateExpired"],
  ["archived", "kbStateArchived"],
  ["all", "kbStateAll"],
];

interface EntryValues {
  categoryId: string;
  kind: KnowledgeKind;
  title: string;
  body: string;
  legalBasis?: string;
  validFrom?: Dayjs | null;
  validUntil?: Dayjs | null;
  ownerUnitId?: string | null;
  isPublic?: boolean;
  isArchived?: boolean;
}

function toBody(v: EntryValues) {
  return {
    categoryId: v.categoryId,
    kind: v.kind,
    title: v.title,
    body: v.body,
    legalBasis: v.legalBasis?.trim() ? v.legalBasis : null,
    validFrom: v.validFrom ? v.validFrom.format("YYYY-MM-DD") : null,
    validUntil: v.validUntil ? v.validUntil.format("YYYY-MM-DD") : null,
    ownerUnitId: v.ownerUnitId ?? null,
    isPublic: v.isPublic === true,
  };
}

/** 知识库: search and browse the entries; the bureau office adds, edits, restores; the portal figure. */
export function KnowledgePage() {
  const { t, locale } = useLocale();
  const { me } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const categoryId = params.get("categoryId") ?? undefined;
  const state = params.get("state") ?? "current";
  const page = Number(params.get("page") ?? "1") || 1;
  const roles = me?.roles ?? [];
  const mayEdit = roles.some((r) => KNOWLEDGE_EDIT_ROLES.includes(r));
  const mayFigure = roles.some((r) => KNOWLEDGE_FIGURE_ROLES.includes(r));
  const list = useApi<{ items: TKnowledgeEntry[]; total: number }>(
    `/api/knowledge/entries${queryString({ q, categoryId, state, page, pageSize: 20 })}`,
  );
  const cats = useApi<{ items: Category[] }>("/api/categories");
  const units = useApi<{ items: OrgUnit[] }>(mayEdit ? "/api/org/units" : null);
  const figure = useApi<TPortalFigure>(mayFigure ? "/api/knowledge/portal-figure" : null);
  const [editing, setEditing] = useState<TKnowledgeEntry | "new" | null>(null);
  const [historyOf, setHistoryOf] = useState<TKnowledgeEntry | null>(null);

  const categoryOptions = useMemo(() => {
    const catName = (c: Category) => (locale === "en" ? c.nameEn : c.nameZh);
    const all = cats.data?.items ?? [];
    const byId = new Map(all.map((c) => [c.id, c]));
    return all
      .filter((c) => c.isActive)
      .map((c) => {
        const parent = c.parentId ? byId.get(c.parentId) : undefined;
        return { value: c.id, label: parent ? `${catName(parent)} / ${catName(c)}` : catName(c) };
      });
  }, [cats.data, locale]);

  const setParam = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== "page") next.delete("page");
    setParams(next);
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      {mayFigure && figure.data && (
        <Card size="small" data-testid="kb-figure">
          <Statistic title={t("faqTitle")} value={t("kbFigure", { n: figure.data.viewedNotSubmitted })} />
          <Typography.Text type="secondary">
            {t("kbFigureHelp", {
              visits: figure.data.visits,
              submitted: figure.data.submitted,
              progress: figure.data.inProgress,
            })}
          </Typography.Text>
        </Card>
      )}
      <Card
        title={t("kbTitle")}
        extra={
          mayEdit && (
            <Button type="primary" onClick={() => setEditing("new")} data-testid="kb-new">
              {t("kbNew")}
            </Button>
          )
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            defaultValue={q}
            placeholder={t("kbSearch")}
            onSearch={(v) => setParam("q", v.trim() || undefined)}
            style={{ width: 260 }}
            data-testid="kb-search"
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t("kbCategory")}
            value={categoryId}
            options={categoryOptions}
            onChange={(v?: string) => setParam("categoryId", v)}
            style={{ width: 240 }}
          />
          <Select
            value={state}
            options={STATES.map(([value, key]) => ({ value, label: t(key) }))}
            onChange={(v: string) => setParam("state", v)}
            style={{ width: 180 }}
          />
        </Space>
        {list.error && <Alert type="error" showIcon title={list.error.text(locale)} />}
        <Table<TKnowledgeEntry>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t("kbEmpty") }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) => setParam("page", String(p)),
          }}
          expandable={{
            expandedRowRender: (e) => (
              <div>
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{e.body}</Typography.Paragraph>
                {e.legalBasis && (
                  <Typography.Text type="secondary">
                    {t("kbLegalBasis")}：{e.legalBasis}
                  </Typography.Text>
                )}
              </div>
            ),
          }}
          columns={[
            { title: t("kbTitleField"), dataIndex: "title" },
            {
              title: t("kbCategory"),
              render: (_, e) => (locale === "en" ? e.categoryNameEn : e.categoryName),
            },
            { title: t("kbKind"), render: (_, e) => t(KIND_KEYS[e.kind]) },
            {
              title: t("kbState"),
              render: (_, e) => (
                <Space size={4} wrap>
                  {e.isPublic ? <Tag color="green">{t("kbPublicTag")}</Tag> : <Tag>{t("kbInternalTag")}</Tag>}
                  {e.isArchived && <Tag>{t("kbStateArchived")}</Tag>}
                  {!e.isArchived && !e.isCurrent && <Tag color="orange">{t("kbExpiredTag")}</Tag>}
                </Space>
              ),
            },
            {
              title: t("kbValidUntil"),
              render: (_, e) => [e.validFrom ?? "", e.validUntil ?? ""].filter(Boolean).join(" ~ "),
            },
            {
              title: t("kbUpdated"),
              render: (_, e) => (
                <span>
                  {t("kbVersion", { n: e.version })} · {dayjs(e.updatedAt).format("YYYY-MM-DD")}
                  {e.updatedByName ? ` · ${e.updatedByName}` : ""}
                </span>
              ),
            },
            {
              title: "",
              render: (_, e) => (
                <Space>
                  {mayEdit && (
                    <Button size="small" onClick={() => setEditing(e)} data-testid="kb-edit">
                      {t("kbEdit")}
                    </Button>
                  )}
                  <Button size="small" onClick={() => setHistoryOf(e)} data-testid="kb-history">
                    {t("kbHistory")}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing && (
        <EntryModal
          entry={editing === "new" ? null : editing}
          categoryOptions={categoryOptions}
          unitOptions={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          onCancel={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            message.success(t("kbSaved"));
            list.reload();
          }}
        />
      )}
      {historyOf && (
        <HistoryDrawer
          entry={historyOf}
          mayRestore={mayEdit}
          onClose={() => setHistoryOf(null)}
          onRestored={() => {
            setHistoryOf(null);
            message.success(t("kbRestored"));
            list.reload();
          }}
        />
      )}
    </Space>
  );
}

function EntryModal({
  entry,
  categoryOptions,
  unitOptions,
  onCancel,
  onDone,
}: {
  entry: TKnowledgeEntry | null;
  categoryOptions: { value: string; label: string }[];
  unitOptions: { value: string; label: string }[];
  onCancel(): void;
  onDone(): void;
}) {
  const { t, locale } = useLocale();
  const [form] = Form.useForm<EntryValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const kind = Form.useWatch("kind", form);
  const required = [{ required: true, whitespace: true, message: t("required") }];
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      if (entry)
        await api("PUT", `/api/knowledge/entries/${entry.id}`, {
          ...toBody(v),
          version: entry.version,
          isArchived: v.isArchived === true,
        });
      else await post("/api/knowledge/entries", toBody(v));
      onDone();
    } catch (e) {
      if (e instanceof ApiError) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={entry ? t("kbEdit") : t("kbNew")}
      okText={t("submit")}
      cancelText={t("cancel")}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onCancel}
      destroyOnHidden
      data-testid="kb-modal"
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.text(locale)}
          style={{ marginBottom: 16 }}
          data-testid="kb-error"
        />
      )}
      <Form<EntryValues>
        form={form}
        layout="vertical"
        name="kb-entry"
        initialValues={
          entry
            ? {
                ...entry,
                legalBasis: entry.legalBasis ?? undefined,
                validFrom: entry.validFrom ? dayjs(entry.validFrom) : null,
                validUntil: entry.validUntil ? dayjs(entry.validUntil) : null,
              }
            : { kind: "policy", isPublic: false }
        }
      >
        <Space wrap>
          <Form.Item
            name="categoryId"
            label={t("kbCategory")}
            rules={[{ required: true, message: t("required") }]}
          >
            <Select showSearch optionFilterProp="label" options={categoryOptions} style={{ width: 280 }} />
          </Form.Item>
          <Form.Item name="kind" label={t("kbKind")} rules={[{ required: true, message: t("required") }]}>
            <Select
              style={{ width: 160 }}
              options={KNOWLEDGE_KINDS.map((k) => ({ value: k, label: t(KIND_KEYS[k]) }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t("kbTitleField")} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t("kbBody")} rules={required}>
          <Input.TextArea rows={6} maxLength={20000} />
        </Form.Item>
        <Form.Item name="legalBasis" label={t("kbLegalBasis")}>
          <Input maxLength={2000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="validFrom" label={t("kbValidFrom")}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="validUntil" label={t("kbValidUntil")}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="ownerUnitId" label={t("kbOwnerUnit")}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={unitOptions}
              style={{ width: 220 }}
            />
          </Form.Item>
        </Space>
        <Form.Item name="isPublic" valuePropName="checked">
          <Checkbox disabled={kind === "template"} data-testid="kb-public">
            {t("kbPublic")}
          </Checkbox>
        </Form.Item>
        {entry && (
          <Form.Item name="isArchived" valuePropName="checked">
            <Checkbox>{t("kbArchived")}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function HistoryDrawer({
  entry,
  mayRestore,
  onClose,
  onRestored,
}: {
  entry: TKnowledgeEntry;
  mayRestore: boolean;
  onClose(): void;
  onRestored(): void;
}) {
  const { t, locale } = useLocale();
  const history = useApi<{ items: TKnowledgeVersion[] }>(`/api/knowledge/entries/${entry.id}/history`);
  const [error, setError] = useState<ApiError | null>(null);
  const restore = async (v: number) => {
    setError(null);
    try {
      await post(`/api/knowledge/entries/${entry.id}/restore`, { fromVersion: v, version: entry.version });
      onRestored();
    } catch (e) {
      if (e instanceof ApiError) setError(e);
    }
  };
  const change = (v: TKnowledgeVersion) =>
    v.change === "restore"
      ? t("kbChangeRestore", { n: v.restoredFrom ?? 0 })
      : t(v.change === "create" ? "kbChangeCreate" : "kbChangeUpdate");
  return (
    <Drawer
      open
      width={560}
      title={`${t("kbHistory")}：${entry.title}`}
      onClose={onClose}
      data-testid="kb-history-drawer"
    >
      {error && <Alert type="error" showIcon title={error.text(locale)} style={{ marginBottom: 16 }} />}
      <Timeline
        items={(history.data?.items ?? []).map((v) => ({
          key: v.version,
          children: (
            <div data-testid="kb-version">
              <Space wrap>
                <Typography.Text strong>{t("kbVersion", { n: v.version })}</Typography.Text>
                <Tag>{change(v)}</Tag>
                <Typography.Text type="secondary">
                  {dayjs(v.changedAt).format("YYYY-MM-DD HH:mm")} {v.changedByName ?? ""}
                </Typography.Text>
                {mayRestore && v.version !== entry.version && (
                  <Button size="small" onClick={() => void restore(v.version)} data-testid="kb-restore">
                    {t("kbRestore")}
                  </Button>
                )}
              </Space>
              <Typography.Paragraph strong style={{ margin: "4px 0 0" }}>
                {v.title}
              </Typography.Paragraph>
              <Typography.Paragraph
                ellipsis={{ rows: 3, expandable: true }}
                style={{ whiteSpace: "pre-wrap" }}
              >
                {v.body}
              </Typography.Paragraph>
            </div>
          ),
        }))}
      />
    </Drawer>
  );
}
