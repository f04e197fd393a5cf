import { Alert, Card, Table, Typography } from "antd";
import { Link } from "react-router";
import type { TodoList } from "../../../api/types.ts";
import { DueTag } from "../../../components/DueTag.tsx";
import { useApi } from "../../../hooks/use-api.ts";
import { ACTION_LABELS, STATUS_LABELS } from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";

type Todo = TodoList["items"][number];

/** Home: the cases waiting for me, most urgent first. */
export function HomePage() {
  const { t, l, locale } = useLocale();
  const { data, error, loading } = useApi<TodoList>("/api/todos");
  return (
    <Card title={<span data-testid="todos-title">{t("todosTitle")}</span>}>
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
        scroll={{ x: 800 }}
        rowClassName={(r) => `todo-${r.dueState}`}
        columns={[
          {
            title: t("caseNumber"),
            dataIndex: "caseNumber",
            render: (v: string, r) => <Link to={`/cases/${r.caseId}`}>{v}</Link>,
          },
          { title: t("title"), dataIndex: "title", ellipsis: true },
          { title: t("status"), dataIndex: "status", render: (v: string) => l(STATUS_LABELS, v) },
          { title: t("awaitedStep"), dataIndex: "awaitedStep", render: (v: string) => l(ACTION_LABELS, v) },
          {
            title: t("dueOn"),
            dataIndex: "dueOn",
            render: (_: unknown, r) => <DueTag state={r.dueState} dueOn={r.dueOn} />,
          },
        ]}
      />
    </Card>
  );
}
