import { Alert, Card, Col, Pagination, Row, Space, Table, Tabs, Tag, Tooltip, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { INBOX_NAMES, type Inbox } from "../../../../domain/workflow/inboxes.ts";
import type { TodoList } from "../../../api/types.ts";
import { DueTag } from "../../../components/DueTag.tsx";
import { ProvisionalTag } from "../../../components/ProvisionalTag.tsx";
import { useApi } from "../../../hooks/use-api.ts";
import {
  AWAITED_STEP_LABELS,
  CLOCK_LABELS,
  INBOX_LABELS,
  STATUS_LABELS,
  STEP_LABELS,
} from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";

type Todo = TodoList["items"][number];

export interface DeadlineAlert {
  caseId: string;
  caseNumber: string;
  title: string;
  status: string;
  clock: string;
  step: string;
  kind: "warning" | "breach";
  dueOn: string;
  provisional: boolean;
  unitId: string | null;
  unitName: string | null;
  raisedAt: string;
  clearedAt: string | null;
  /** The case waits for this user's own step; such alerts come first. */
  mine: boolean;
}

/** `GET /api/alerts`: one page, and the counts over every alert (total = breaches + warnings). */
export interface DeadlineAlerts {
  items: DeadlineAlert[];
  total: number;
  breaches: number;
  warnings: number;
  mine: number;
}

export const ALERTS_PAGE_SIZE = 10;

/**
 * Deadline warnings (yellow) and breaches (red) on the cases this user answers for: those waiting
 * for the user's own step first, then breaches, soonest first; paged by the server, whose counts
 * make the header.
 */
export function AlertsCard() {
  const { t, l, locale } = useLocale();
  const [page, setPage] = useState(1);
  const { data, error, loading } = useApi<DeadlineAlerts>(
    `/api/alerts?page=${page}&pageSize=${ALERTS_PAGE_SIZE}`,
  );
  return (
    <Card title={<span data-testid="alerts-title">{t("alertsTitle")}</span>} loading={loading && !data}>
      {error && <Alert type="error" title={error.text(locale)} />}
      {data && (
        <Typography.Paragraph data-testid="alerts-summary">
          {t("alertsSummary", { total: data.total, breaches: data.breaches, warnings: data.warnings })}
          {data.mine > 0 && t("alertsMine", { mine: data.mine })}
        </Typography.Paragraph>
      )}
      {data && data.items.length === 0 && (
        <Typography.Text type="secondary">{t("alertsEmpty")}</Typography.Text>
      )}
      <Space orientation="vertical" style={{ width: "100%" }} data-testid="alerts">
        {data?.items.map((a) => (
          <Link
            key={`${a.caseId}/${a.clock}/${a.step}/${a.kind}`}
            to={`/cases/${a.caseId}`}
            data-alert-kind={a.kind}
            style={{ display: "block" }}
          >
            <Alert
              type={a.kind === "breach" ? "error" : "warning"}
              title={
                <span>
                  <Tag color={a.kind === "breach" ? "red" : "gold"}>
                    {a.kind === "breach" ? t("overdue") : t("dueSoon")}
                  </Tag>
                  {a.mine && (
                    <Tag color="blue" data-testid="alert-mine">
                      {t("alertMine")}
                    </Tag>
                  )}
                  {a.caseNumber} {a.title} <ProvisionalTag provisional={a.provisional} />
                </span>
              }
              description={`${l(CLOCK_LABELS, a.clock)} · ${l(STEP_LABELS, a.step)} · ${t("dueOn")} ${a.dueOn}${a.unitName ? ` · ${a.unitName}` : ""}`}
            />
          </Link>
        ))}
      </Space>
      {data && data.total > ALERTS_PAGE_SIZE && (
        <Pagination
          size="small"
          style={{ marginTop: 12 }}
          current={page}
          pageSize={ALERTS_PAGE_SIZE}
          total={data.total}
          showSizeChanger={false}
          onChange={setPage}
          data-testid="alerts-pages"
        />
      )}
    </Card>
  );
}

/** Home: the cases waiting for me, most urgent first, and the deadline alerts beside them. */
export function HomePage() {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <TodosCard />
      </Col>
      <Col xs={24} xl={8}>
        <AlertsCard />
      </Col>
    </Row>
  );
}

function TodosCard() {
  const { t, l, locale } = useLocale();
  const [inbox, setInbox] = useState<Inbox | "all">("all");
  const { data, error, loading } = useApi<TodoList>(
    inbox === "all" ? "/api/todos" : `/api/todos?inbox=${inbox}`,
  );
  // The counts per inbox cover the whole list whichever inbox is open; keep the last ones while loading.
  const [counts, setCounts] = useState<TodoList["inboxes"] | null>(null);
  useEffect(() => {
    if (data) setCounts(data.inboxes);
  }, [data]);
  const all = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : null;
  return (
    <Card title={<span data-testid="todos-title">{t("todosTitle")}</span>}>
      <Tabs
        data-testid="inboxes"
        activeKey={inbox}
        onChange={(key) => setInbox(key as Inbox | "all")}
        items={[
          { key: "all", label: `${t("inboxAll")}${all === null ? "" : ` (${all})`}` },
          ...INBOX_NAMES.filter((name) => (counts?.[name] ?? 0) > 0 || name === inbox).map((name) => ({
            key: name,
            label: <span data-inbox={name}>{`${l(INBOX_LABELS, name)} (${counts?.[name] ?? 0})`}</span>,
          })),
        ]}
      />
      {error && <Alert type="error" title={error.text(locale)} style={{ marginBottom: 16 }} />}
      {data && (
        <Typography.Paragraph data-testid="todos-summary">
          {t("todosSummary", {
            total: data.total,
            overdue: data.overdue,
            soon: data.dueSoon,
            days: data.dueSoonDays,
          })}
        </Typography.Paragraph>
      )}
      <Table<Todo>
        rowKey="caseId"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t("todosEmpty") }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 760 }}
        rowClassName={(r) => `todo-${r.dueState}`}
        columns={[
          {
            title: t("caseNumber"),
            dataIndex: "caseNumber",
            width: 160,
            render: (v: string, r) => <Link to={`/cases/${r.caseId}`}>{v}</Link>,
          },
          {
            // The other columns are as narrow as their contents; the title takes the rest, one
            // line with an ellipsis, and shows whole on hover.
            title: t("title"),
            dataIndex: "title",
            ellipsis: { showTitle: false },
            render: (v: string) => (
              <Tooltip title={v} placement="topLeft">
                <span data-testid="todo-title">{v}</span>
              </Tooltip>
            ),
          },
          {
            title: t("status"),
            dataIndex: "status",
            width: 88,
            render: (v: string) => l(STATUS_LABELS, v),
          },
          {
            title: t("awaitedStep"),
            dataIndex: "awaitedStep",
            width: 92,
            render: (v: string) => l(AWAITED_STEP_LABELS, v),
          },
          {
            title: t("dueOn"),
            dataIndex: "dueOn",
            width: 164,
            render: (_: unknown, r) => (
              <DueTag state={r.dueState} dueOn={r.dueOn} provisional={r.provisional} />
            ),
          },
        ]}
      />
    </Card>
  );
}
