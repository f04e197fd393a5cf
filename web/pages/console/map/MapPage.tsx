import { Alert, Card, Checkbox, Radio, Select, Space, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import type { Role } from "../../../../domain/auth/roles.ts";
import { STATISTICS_ROLES } from "../../../../domain/metrics/access.ts";
import type { MapLevel, MapMetric, TMapData, TMapRegion } from "../../../../domain/schemas/map.ts";
import { CHANNELS } from "../../../../domain/workflow/statuses.ts";
import type { Category } from "../../../api/types.ts";
import { useSession } from "../../../hooks/session.tsx";
import { useApi } from "../../../hooks/use-api.ts";
import { CHANNEL_LABELS } from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { MAP_MESSAGES, type MapKey } from "../../../i18n/map-messages.ts";
import { PeriodPicker } from "../stats/PeriodPicker.tsx";
import { drillHref, type PeriodChoice } from "../stats/stats-query.ts";
import { BoundaryCard } from "./BoundaryCard.tsx";
import { mapQuery } from "./map-query.ts";
import { type BoundaryCollection, RegionMap } from "./RegionMap.tsx";

/** Who uploads the boundaries (the server's BOUNDARY_WRITERS). */
const BOUNDARY_WRITERS: readonly Role[] = ["system_admin"];

const pct = (p: number | null) => (p === null ? "—" : `${p}%`);

/** 地图分布: where petitions come from, by township or village, with the statistics page's filters. */
export function MapPage() {
  const { locale } = useLocale();
  const m = (k: MapKey) => (locale === "en" ? MAP_MESSAGES[k].en : MAP_MESSAGES[k].zh);
  const { me } = useSession();
  const navigate = useNavigate();
  const [period, setPeriod] = useState<PeriodChoice>({ kind: "year", year: dayjs().year() });
  const [level, setLevel] = useState<MapLevel>("township");
  const [metric, setMetric] = useState<MapMetric>("items");
  const [channel, setChannel] = useState<string | undefined>(undefined);
  const [categoryId, setCategoryId] = useState<string | undefined>(undefined);
  const [layers, setLayers] = useState({ collective: false, warnings: false });
  const [version, setVersion] = useState(0);
  const roles = me?.roles ?? [];
  const readsFigures = roles.some((r) => STATISTICS_ROLES.includes(r));
  const writesBoundaries = roles.some((r) => BOUNDARY_WRITERS.includes(r));
  const ready = period.kind !== "custom" || (Boolean(period.from) && Boolean(period.to));
  const query = mapQuery({ period, level, channel, categoryId });
  const { data, error } = useApi<TMapData>(
    readsFigures && ready ? `/api/map/regions?${query}&v=${version}` : null,
  );
  const shapes = useApi<BoundaryCollection>(
    readsFigures ? `/api/map/boundaries?level=${level}&v=${version}` : null,
  );
  const categories = useApi<{ items: Category[] }>(readsFigures ? "/api/categories" : null);
  const drill = (d: string | null) => {
    const href = drillHref(d);
    if (href) navigate(href);
  };
  const boundaries = shapes.data && shapes.data.features.length > 0 ? shapes.data : null;
  const showMap = data?.hasBoundaries && boundaries !== null;
  // "No boundaries" only once the boundaries have answered: not while they are still loading.
  const shapesKnown = !shapes.loading && (shapes.data !== undefined || shapes.error !== null);

  const columns = [
    {
      title: m("region"),
      dataIndex: "name",
      render: (_: unknown, r: TMapRegion) => <span data-testid="map-row-name">{r.name}</span>,
    },
    ...(level === "village" ? [{ title: m("township"), dataIndex: "parentName" }] : []),
    {
      title: m("items"),
      dataIndex: "items",
      render: (_: unknown, r: TMapRegion) => {
        const href = drillHref(r.drillDown);
        return href ? (
          <Link to={href} data-testid="map-row-items">
            {r.items}
          </Link>
        ) : (
          r.items
        );
      },
    },
    { title: m("personVisits"), dataIndex: "personVisits" },
    { title: m("metricOnTime"), render: (_: unknown, r: TMapRegion) => pct(r.onTime.percent) },
    { title: m("metricSatisfaction"), render: (_: unknown, r: TMapRegion) => pct(r.satisfaction.percent) },
    { title: m("collective"), dataIndex: "collective" },
    { title: m("warnings"), dataIndex: "warnings" },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      {readsFigures && (
        <Card title={<span data-testid="map-title">{m("mapTitle")}</span>}>
          <Space wrap data-testid="map-filters">
            <PeriodPicker period={period} setPeriod={setPeriod} />
            <Select<string>
              allowClear
              placeholder={m("allChannels")}
              style={{ width: 150 }}
              value={channel}
              onChange={setChannel}
              options={CHANNELS.map((c) => ({
                value: c,
                label: CHANNEL_LABELS[c][locale === "en" ? "en" : "zh"],
              }))}
              data-testid="map-channel"
            />
            <Select<string>
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={m("allCategories")}
              style={{ width: 180 }}
              value={categoryId}
              onChange={setCategoryId}
              options={(categories.data?.items ?? [])
                .filter((c) => c.isActive)
                .map((c) => ({ value: c.id, label: locale === "en" ? c.nameEn : c.nameZh }))}
            />
            <Radio.Group value={level} onChange={(e) => setLevel(e.target.value)} data-testid="map-level">
              <Radio.Button value="township">{m("levelTownship")}</Radio.Button>
              <Radio.Button value="village">{m("levelVillage")}</Radio.Button>
            </Radio.Group>
            <Radio.Group value={metric} onChange={(e) => setMetric(e.target.value)} data-testid="map-metric">
              <Radio.Button value="items">{m("metricItems")}</Radio.Button>
              <Radio.Button value="onTime">{m("metricOnTime")}</Radio.Button>
              <Radio.Button value="satisfaction">{m("metricSatisfaction")}</Radio.Button>
            </Radio.Group>
            <Checkbox
              checked={layers.collective}
              onChange={(e) => setLayers((l) => ({ ...l, collective: e.target.checked }))}
              data-testid="layer-collective"
            >
              {m("layerCollective")}
            </Checkbox>
            <Checkbox
              checked={layers.warnings}
              onChange={(e) => setLayers((l) => ({ ...l, warnings: e.target.checked }))}
            >
              {m("layerWarnings")}
            </Checkbox>
          </Space>
          {data && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} data-testid="map-label">
              {data.period.label}（{data.period.from} ~ {data.period.to}）· {data.scope.name}
              {data.unplaced.items > 0 && (
                <>
                  {" · "}
                  {m("unplaced")}：
                  {data.unplaced.drillDown ? (
                    <Link to={drillHref(data.unplaced.drillDown) ?? "/cases"}>{data.unplaced.items}</Link>
                  ) : (
                    data.unplaced.items
                  )}
                </>
              )}
            </Typography.Paragraph>
          )}
          {error && <Alert type="error" showIcon title={error.text(locale)} />}
          {data && showMap && boundaries && (
            <>
              <Typography.Text type="secondary">{m("clickHint")}</Typography.Text>
              <RegionMap
                mapName={`xinfang-${level}-${version}`}
                boundaries={boundaries}
                regions={data.regions}
                metric={metric}
                layers={layers}
                onDrill={drill}
              />
            </>
          )}
          {data && !showMap && shapesKnown && (
            <Alert type="info" showIcon title={m("noBoundaries")} data-testid="map-fallback" />
          )}
          {data && (
            <Table<TMapRegion>
              style={{ marginTop: 12 }}
              size="small"
              rowKey="unitId"
              pagination={false}
              dataSource={data.regions}
              columns={columns}
              data-testid="map-table"
            />
          )}
        </Card>
      )}
      {writesBoundaries && <BoundaryCard onChanged={() => setVersion((v) => v + 1)} />}
    </Space>
  );
}
