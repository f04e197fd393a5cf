import { MapChart, ScatterChart } from "echarts/charts";
import { GeoComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import type { ECharts } from "echarts/core";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/esm/core";
import { useEffect, useMemo, useRef } from "react";
import type { MapMetric, TMapRegion } from "../../../../domain/schemas/map.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { MAP_MESSAGES, type MapKey } from "../../../i18n/map-messages.ts";
import { metricRange, metricValue } from "./map-query.ts";

echarts.use([MapChart, ScatterChart, GeoComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export interface BoundaryCollection {
  type: "FeatureCollection";
  features: { type: "Feature"; properties: { regionCode: string; name: string }; geometry: unknown }[];
}

const LAYOUT = { layoutCenter: ["50%", "50%"], layoutSize: "92%" } as const;

/**
 * The regions coloured by the metric, from the boundaries registered at runtime as an ECharts map
 * (keyed by region code, so two villages of the same name stay apart). A click on a region or on
 * a layer point opens its case list. The layers (collective visits, warnings) are points at the
 * regions' centroids on a transparent geo component laid out exactly like the map series.
 */
export function RegionMap({
  mapName,
  boundaries,
  regions,
  metric,
  layers,
  onDrill,
}: {
  mapName: string;
  boundaries: BoundaryCollection;
  regions: TMapRegion[];
  metric: MapMetric;
  layers: { collective: boolean; warnings: boolean };
  onDrill(drillDown: string | null): void;
}) {
  const { locale } = useLocale();
  const m = (k: MapKey) => (locale === "en" ? MAP_MESSAGES[k].en : MAP_MESSAGES[k].zh);
  // Registered before the option that names it is rendered; the same name is simply replaced.
  useMemo(() => echarts.registerMap(mapName, boundaries as never), [mapName, boundaries]);
  const byCode = new Map(regions.map((r) => [r.regionCode, r]));
  const [min, max] = metricRange(regions, metric);
  const unit = metric === "items" ? "" : "%";
  const points = (key: "collective" | "warnings", colour: string) =>
    regions
      .filter((r) => r.centroid && r[key] > 0)
      .map((r) => ({
        name: r.regionCode,
        value: [...(r.centroid as [number, number]), r[key]],
        itemStyle: { color: colour },
      }));
  const option = {
    animation: false,
    tooltip: {
      trigger: "item",
      formatter: (p: { name: string; seriesType: string; value: unknown }) => {
        const r = byCode.get(p.name);
        if (!r) return p.name;
        const v = metricValue(r, metric);
        return [
          `<b>${r.name}</b>${r.parentName ? `（${r.parentName}）` : ""}`,
          `${m("items")}：${r.items}`,
          `${m("metricOnTime")}：${r.onTime.percent === null ? "—" : `${r.onTime.percent}%`}`,
          `${m("metricSatisfaction")}：${r.satisfaction.percent === null ? "—" : `${r.satisfaction.percent}%`}`,
          `${m("collective")}：${r.collective}　${m("warnings")}：${r.warnings}`,
          v === null ? m("noData") : "",
        ]
          .filter(Boolean)
          .join("<br/>");
      },
    },
    visualMap: {
      min,
      max,
      calculable: true,
      seriesIndex: 0,
      left: 8,
      bottom: 8,
      formatter: (v: number) => `${Math.round(v)}${unit}`,
      inRange: { color: metric === "items" ? ["#e6f4ff", "#0958d9"] : ["#fff1f0", "#389e0d"] },
    },
    geo: {
      map: mapName,
      nameProperty: "regionCode",
      ...LAYOUT,
      silent: true,
      itemStyle: { areaColor: "transparent", borderColor: "transparent" },
      label: { show: false },
      z: 3,
    },
    series: [
      {
        type: "map",
        map: mapName,
        nameProperty: "regionCode",
        ...LAYOUT,
        selectedMode: false,
        label: {
          show: true,
          formatter: (p: { name: string }) => byCode.get(p.name)?.name ?? "",
        },
        itemStyle: { borderColor: "#555", areaColor: "#f0f0f0" },
        emphasis: { label: { show: true }, itemStyle: { areaColor: "#ffd666" } },
        data: regions.map((r) => ({ name: r.regionCode, value: metricValue(r, metric) ?? undefined })),
        z: 2,
      },
      ...(layers.collective
        ? [
            {
              type: "scatter",
              coordinateSystem: "geo",
              geoIndex: 0,
              z: 4,
              symbolSize: (v: number[]) => 10 + 4 * Math.sqrt(v[2] ?? 0),
              data: points("collective", "#cf1322"),
            },
          ]
        : []),
      ...(layers.warnings
        ? [
            {
              type: "scatter",
              coordinateSystem: "geo",
              geoIndex: 0,
              z: 4,
              symbol: "diamond",
              symbolSize: (v: number[]) => 10 + 4 * Math.sqrt(v[2] ?? 0),
              data: points("warnings", "#fa8c16"),
            },
          ]
        : []),
    ],
  };
  /** Where each region's centroid is drawn, on the chart's element (browser tests click there). */
  const markPoints = (chart: ECharts) => {
    const dom = chart.getDom();
    const px = regions
      .filter((r) => r.centroid)
      .map((r) => {
        const p = chart.convertToPixel({ seriesIndex: 0 }, r.centroid as number[]) as number[] | undefined;
        return p ? { code: r.regionCode, x: Math.round(p[0]!), y: Math.round(p[1]!) } : null;
      })
      .filter(Boolean);
    dom.setAttribute("data-region-points", JSON.stringify(px));
  };
  const ref = useRef<ReactEChartsCore>(null);
  // After every render, once the chart (a child) has its model: right after mounting it may not have
  // one yet, so ask again a little later (a few seconds at most). A chart already disposed (the page
  // is being left) is skipped: throwing here would blank the whole console.
  const markIfReady = (tries = 0) => {
    const chart = ref.current?.getEchartsInstance();
    if (!chart || chart.isDisposed()) return;
    try {
      markPoints(chart);
    } catch {
      if (tries < 30) window.setTimeout(() => markIfReady(tries + 1), 100);
    }
  };
  useEffect(() => markIfReady());
  return (
    <div data-testid="region-map">
      <ReactEChartsCore
        echarts={echarts}
        notMerge
        style={{ height: 520 }}
        option={option}
        ref={ref}
        onEvents={{
          click: (e: { name: string }) => onDrill(byCode.get(e.name)?.drillDown ?? null),
        }}
      />
    </div>
  );
}
