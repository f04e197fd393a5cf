import type { Bi } from "./labels.ts";

/** The map screen's words (地图分布, docs/OPENDATA.md). */
export const MAP_MESSAGES = {
  menuMap: { zh: "地图分布", en: "Map" },
  mapTitle: { zh: "信访来源地图", en: "Where petitions come from" },
  level: { zh: "层级", en: "Level" },
  levelTownship: { zh: "乡镇", en: "Townships" },
  levelVillage: { zh: "村（社区）", en: "Villages" },
  colourBy: { zh: "着色", en: "Colour by" },
  metricItems: { zh: "件数", en: "Items" },
  metricOnTime: { zh: "按期办结率", en: "On-time rate" },
  metricSatisfaction: { zh: "满意率", en: "Satisfaction" },
  allChannels: { zh: "全部信访形式", en: "All channels" },
  allCategories: { zh: "全部问题类别", en: "All categories" },
  layerCollective: { zh: "集体访", en: "Collective visits" },
  layerWarnings: { zh: "预警", en: "Warnings" },
  region: { zh: "地区", en: "Region" },
  township: { zh: "所属乡镇", en: "Township" },
  items: { zh: "件数", en: "Items" },
  personVisits: { zh: "人次", en: "Person-visits" },
  collective: { zh: "集体访", en: "Collective" },
  warnings: { zh: "预警", en: "Warnings" },
  noBoundaries: {
    zh: "尚未上传本级的地图边界，以下以表格显示各地区的数字；点击件数可查看事项清单。",
    en: "No boundaries for this level have been uploaded; the figures are shown as a table. Click a count to list the cases.",
  },
  clickHint: { zh: "点击地区可查看该地区的事项清单", en: "Click a region to list its cases" },
  unplaced: { zh: "未落到乡镇（县本级等）", en: "Not in a township (county level etc.)" },
  noData: { zh: "无数据", en: "No data" },
  boundariesCard: { zh: "地图边界", en: "Map boundaries" },
  boundariesNone: { zh: "尚未上传边界文件", en: "No boundary file uploaded" },
  boundariesLoading: { zh: "正在读取边界文件信息……", en: "Reading the boundary file's details…" },
  boundariesCurrent: {
    zh: "当前文件：{file}，{n} 个区域，上传于 {at}",
    en: "Current file: {file}, {n} regions, uploaded {at}",
  },
  boundariesHelp: {
    zh: "上传 GeoJSON 文件（FeatureCollection，Polygon 或 MultiPolygon，每个区域的属性中写明乡镇或村的12位或9位行政区划代码），不超过 {size}。新文件替换旧文件。",
    en: "Upload a GeoJSON file (FeatureCollection of Polygon or MultiPolygon, each area's properties giving the township's or village's region code), at most {size}. A new file replaces the old one.",
  },
  upload: { zh: "上传边界文件", en: "Upload boundaries" },
  remove: { zh: "删除边界", en: "Remove boundaries" },
  uploaded: { zh: "边界已保存", en: "Boundaries saved" },
  removed: { zh: "边界已删除", en: "Boundaries removed" },
  problemFeature: { zh: "第 {n} 个区域：", en: "Feature {n}: " },
} satisfies Record<string, Bi>;

export type MapKey = keyof typeof MAP_MESSAGES;
