import { Button } from "antd";
import ReactEChartsCore from "echarts-for-react/esm/core";
import { type ComponentProps, useRef } from "react";
import { saveHref } from "../../../api/download.ts";
import { useLocale } from "../../../i18n/locale.tsx";

type ChartProps = ComponentProps<typeof ReactEChartsCore>;

/** "按月趋势" → "按月趋势.png": a file name without characters file systems refuse. */
export function pngFileName(title: string): string {
  const clean = title.replace(/[\\/:*?"<>|\s]+/g, "_").replace(/^_+|_+$/g, "");
  return `${clean || "chart"}.png`;
}

/** An ECharts chart with a button that saves it as a PNG (the instance's getDataURL, white background). */
export function ExportableChart({ fileName, ...props }: ChartProps & { fileName: string }) {
  const { t } = useLocale();
  const ref = useRef<ReactEChartsCore>(null);
  const save = () => {
    const chart = ref.current?.getEchartsInstance();
    if (!chart) return;
    saveHref(
      chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" }),
      pngFileName(fileName),
    );
  };
  return (
    <div style={{ position: "relative" }}>
      <Button
        size="small"
        onClick={save}
        style={{ position: "absolute", right: 0, top: -4, zIndex: 1 }}
        data-testid="chart-png"
      >
        {t("exportPng")}
      </Button>
      <ReactEChartsCore ref={ref} {...props} />
    </div>
  );
}
