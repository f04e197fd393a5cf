import { Alert, Card, Col, Row, Statistic, Table, Typography } from "antd";
import { Link } from "react-router";
import type { z } from "zod";
import type { ZBureauFigures } from "../../../../domain/schemas/bureau/figures.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { pct, useB } from "../bureau/kit.tsx";

type Figures = z.infer<typeof ZBureauFigures>;

function Tile({
  title,
  value,
  to,
  testId,
}: {
  title: string;
  value: string | number;
  to: string;
  testId: string;
}) {
  return (
    <Col xs={12} md={8} xl={4}>
      <Statistic
        title={<Link to={to}>{title}</Link>}
        valueRender={() => <span data-testid={testId}>{value}</span>}
      />
    </Col>
  );
}

/**
 * 工作台账 on the statistics page: the seven modules' figures for the selected period and the
 * reader's jurisdiction, from GET /api/bureau/figures (each module's own figures query).
 */
export function BureauSection({ from, to }: { from: string; to: string }) {
  const { b, locale } = useB();
  const { data, error } = useApi<Figures>(`/api/bureau/figures?from=${from}&to=${to}`);
  const piece = (n: number) => `${n}${b("unitPiece")}`;
  return (
    <Card
      title={<span data-testid="bureau-figures-title">{b("bureauWork")}</span>}
      data-testid="bureau-figures"
    >
      {error && <Alert type="error" title={error.text(locale)} />}
      {data && (
        <>
          <Typography.Paragraph type="secondary">
            {b("bureauWorkNote", { from: data.from, to: data.to, year: data.backlog.year })}
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            <Tile
              title={b("fReceptions")}
              to="/bureau/reception"
              testId="bf-reception"
              value={`${data.reception.receptions.batches}${b("unitBatch")} ${data.reception.receptions.personVisits}${b("unitVisit")}`}
            />
            <Tile
              title={b("fResolvedOnSpot")}
              to="/bureau/reception"
              testId="bf-on-spot"
              value={piece(data.reception.receptions.resolvedOnSpot)}
            />
            <Tile
              title={b("fAssigned")}
              to="/bureau/reception"
              testId="bf-assigned"
              value={piece(data.reception.receptions.assigned)}
            />
            <Tile
              title={b("fOutreach")}
              to="/bureau/reception"
              testId="bf-outreach"
              value={`${data.reception.outreach.batches}${b("unitBatch")} ${data.reception.outreach.personVisits}${b("unitVisit")}`}
            />
            <Tile
              title={`${b("fOwned")} / ${b("fResolved")}`}
              to="/bureau/ownership"
              testId="bf-ownership"
              value={`${data.ownership.owned} / ${data.ownership.resolved}`}
            />
            <Tile
              title={`${b("fOwned")}${b("fResolutionRate")}`}
              to="/bureau/ownership"
              testId="bf-ownership-rate"
              value={pct(data.ownership.resolutionRate)}
            />
            <Tile
              title={`${b("fScreened")} / ${b("fResolved")}`}
              to="/bureau/disputes"
              testId="bf-disputes"
              value={`${data.disputes.screened} / ${data.disputes.resolved}`}
            />
            <Tile
              title={b("fResolutionRate")}
              to="/bureau/disputes"
              testId="bf-disputes-rate"
              value={pct(data.disputes.resolutionRate)}
            />
            <Tile
              title={`${b("yearStartStock")} / ${b("added")} / ${b("cleared")} / ${b("yearEndStock")}`}
              to="/bureau/backlog"
              testId="bf-backlog"
              value={`${data.backlog.yearStartStock} / ${data.backlog.added} / ${data.backlog.cleared} / ${data.backlog.yearEndStock}`}
            />
            <Tile
              title={`${b("fReminders")} / ${b("fOrders")} / ${b("fFlags")}`}
              to="/bureau/supervision"
              testId="bf-supervision"
              value={`${data.supervision.reminders} / ${data.supervision.orders} / ${data.supervision.flagsActive + data.supervision.flagsLifted}`}
            />
            <Tile
              title={b("fOnTimeReply")}
              to="/bureau/supervision"
              testId="bf-reply-rate"
              value={pct(data.supervision.onTimeReplyRate)}
            />
            <Tile
              title={b("fBulletins")}
              to="/bureau/supervision"
              testId="bf-bulletins"
              value={data.supervision.bulletinsIssued}
            />
            <Tile
              title={`${b("fMeetings")} / ${b("fDecisions")}`}
              to="/bureau/conferences"
              testId="bf-conferences"
              value={`${data.conferences.meetingsHeld} / ${data.conferences.decisions}`}
            />
            <Tile
              title={b("fDoneRate")}
              to="/bureau/conferences"
              testId="bf-done-rate"
              value={pct(data.conferences.doneRate)}
            />
            <Tile
              title={`${b("fShifts")} / ${b("fLogEntries")}`}
              to="/bureau/duty"
              testId="bf-duty"
              value={`${data.duty.shifts} / ${data.duty.logEntries}`}
            />
          </Row>
          {data.disputes.byTownship.length > 0 && (
            <Table
              rowKey="areaName"
              size="small"
              style={{ marginTop: 16 }}
              pagination={false}
              data-testid="bf-disputes-by-township"
              dataSource={data.disputes.byTownship}
              columns={[
                { title: b("area"), dataIndex: "areaName" },
                { title: b("fScreened"), dataIndex: "screened" },
                { title: b("fResolved"), dataIndex: "resolved" },
                { title: b("fResolutionRate"), render: (_, r) => pct(r.resolutionRate) },
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}
