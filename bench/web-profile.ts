/**
 * Reading chromium's CPU profiles of the web app (bench/web-list.ts with BENCH_WEB_PROFILE=1):
 * each sampled frame of a bundle in web/dist/assets is mapped back through the build's hidden
 * source map (XF_WEB_SOURCEMAP=1) to its package (node_modules) or app file, then self time is
 * summed by package/file and by function.
 */
import fs from "node:fs";
import path from "node:path";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_VALUE = new Map([...B64].map((c, i) => [c, i]));

interface Segment {
  col: number;
  source: number;
  line: number;
  name: number;
}

/** A decoded source map: per generated line, its segments sorted by column. */
export interface SourceMap {
  sources: string[];
  names: string[];
  lines: Segment[][];
}

/** Decodes a v3 source map's `mappings` (base64 VLQ). */
export function parseSourceMap(json: { sources: string[]; names?: string[]; mappings: string }): SourceMap {
  const lines: Segment[][] = [];
  let source = 0;
  let line = 0;
  let name = 0;
  for (const text of json.mappings.split(";")) {
    const segs: Segment[] = [];
    let col = 0;
    for (const seg of text.split(",")) {
      if (!seg) continue;
      const vals: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64_VALUE.get(ch) ?? 0;
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          vals.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += vals[0] ?? 0;
      if (vals.length >= 4) {
        source += vals[1] ?? 0;
        line += vals[2] ?? 0;
        if (vals.length >= 5) name += vals[4] ?? 0;
        segs.push({ col, source, line, name: vals.length >= 5 ? name : -1 });
      }
    }
    lines.push(segs);
  }
  return { sources: json.sources, names: json.names ?? [], lines };
}

/** The original source (and name, when the map has one) of a generated position (0-based). */
export function lookup(map: SourceMap, line: number, col: number): { source: string; name?: string } | null {
  const segs = map.lines[line];
  if (!segs || segs.length === 0) return null;
  let lo = 0;
  let hi = segs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((segs[mid]?.col ?? 0) <= col) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const seg = segs[Math.max(0, found)];
  if (!seg) return null;
  return { source: map.sources[seg.source] ?? "?", ...(seg.name >= 0 ? { name: map.names[seg.name] } : {}) };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Sums of self time (µs) over one or more profiles. */
export interface ProfileTotals {
  busy: number;
  byPlace: Map<string, number>;
  byFunction: Map<string, number>;
  /** Time with the function anywhere on the stack (counted once per sample). */
  inclusive: Map<string, number>;
  /** Self time of built-in functions (layout reads, DOM calls) by the nearest script function calling them. */
  nativeCallers: Map<string, number>;
  /** Per 50 ms window from the profile's start: busy time and self time by place. */
  timeline: { busy: number; byPlace: Map<string, number> }[];
  profiles: number;
}

const WINDOW_US = 50_000;

export function emptyTotals(): ProfileTotals {
  return {
    busy: 0,
    byPlace: new Map(),
    byFunction: new Map(),
    inclusive: new Map(),
    nativeCallers: new Map(),
    timeline: [],
    profiles: 0,
  };
}

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

/** Adds one profile's self time, mapping bundle frames through `<distDir>/assets/<file>.map`. */
export function addProfile(totals: ProfileTotals, prof: CpuProfile, distDir: string): void {
  const maps = new Map<string, SourceMap | null>();
  const mapFor = (url: string): SourceMap | null => {
    const file = /\/assets\/([^/?#]+\.js)/.exec(url)?.[1];
    if (!file) return null;
    if (!maps.has(file)) {
      const p = path.join(distDir, "assets", `${file}.map`);
      maps.set(file, fs.existsSync(p) ? parseSourceMap(JSON.parse(fs.readFileSync(p, "utf8"))) : null);
    }
    return maps.get(file) ?? null;
  };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const placeOf = new Map<number, { place: string; fn: string } | null>();
  const resolve = (id: number) => {
    if (placeOf.has(id)) return placeOf.get(id) ?? null;
    const n = byId.get(id);
    let r: { place: string; fn: string } | null = null;
    if (n && n.callFrame.functionName !== "(idle)") {
      const { url, functionName, lineNumber, columnNumber } = n.callFrame;
      if (!url) {
        r = {
          place: functionName.startsWith("(") ? functionName : "(native)",
          fn: functionName || "(anonymous native)",
        };
      } else {
        const map = mapFor(url);
        const orig = map ? lookup(map, lineNumber, columnNumber) : null;
        const src = orig?.source ?? url.replace(/^https?:\/\/[^/]+/, "");
        const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(src)?.[1];
        const place = pkg ?? src.replace(/^(\.\.\/)+/, "");
        const file = pkg ? src.slice(src.indexOf(pkg)) : place;
        r = { place, fn: `${orig?.name ?? (functionName || "(anonymous)")} ${file}` };
      }
    }
    placeOf.set(id, r);
    return r;
  };
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let at = 0;
  prof.samples.forEach((id, i) => {
    const dt = prof.timeDeltas[i] ?? 0;
    at += dt;
    const r = resolve(id);
    if (!r) return;
    totals.busy += dt;
    add(totals.byPlace, r.place, dt);
    add(totals.byFunction, r.fn, dt);
    const seen = new Set<string>();
    let caller: string | undefined;
    for (let cur = parent.get(id); cur !== undefined; cur = parent.get(cur)) {
      const c = resolve(cur);
      if (!c || c.place.startsWith("(")) continue;
      if (caller === undefined && c.place !== "(native)") caller = c.fn;
      if (!seen.has(c.fn)) {
        seen.add(c.fn);
        add(totals.inclusive, c.fn, dt);
      }
    }
    if (!seen.has(r.fn)) add(totals.inclusive, r.fn, dt);
    if (r.place === "(native)") add(totals.nativeCallers, `${r.fn} ← ${caller ?? "?"}`, dt);
    const w = Math.floor(at / WINDOW_US);
    while (totals.timeline.length <= w) totals.timeline.push({ busy: 0, byPlace: new Map() });
    const slot = totals.timeline[w];
    if (slot) {
      slot.busy += dt;
      add(slot.byPlace, r.place, dt);
    }
  });
  totals.profiles++;
}

/** The top places and functions, as average ms per profile. */
export function formatTotals(totals: ProfileTotals, top = 15): string[] {
  const n = Math.max(1, totals.profiles);
  const f = (us: number) => `${(us / 1000 / n).toFixed(1).padStart(6)} ms`;
  const lines = [
    `sampled CPU of the page's main thread (JS and what V8 reports), ${f(totals.busy)} per load`,
  ];
  lines.push("  self time by package / app file:");
  for (const [k, t] of [...totals.byPlace].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${f(t)}  ${k}`);
  lines.push("  self time by function:");
  for (const [k, t] of [...totals.byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${f(t)}  ${k}`);
  lines.push("  built-in functions by their caller (self time):");
  for (const [k, t] of [...totals.nativeCallers].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${f(t)}  ${k}`);
  lines.push("  inclusive time of the app's own functions (web/, domain/):");
  for (const [k, t] of [...totals.inclusive]
    .filter(([k]) => / (web|domain)\//.test(k) || / pages\//.test(k) || /\.tsx?$/.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    lines.push(`  ${f(t)}  ${k}`);
  lines.push("  inclusive time of antd / rc-component functions:");
  for (const [k, t] of [...totals.inclusive]
    .filter(([k]) => / (antd|@rc-component)\//.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    lines.push(`  ${f(t)}  ${k}`);
  lines.push(`  busy per ${WINDOW_US / 1000} ms window from navigation start (average), top three places:`);
  totals.timeline.forEach((slot, i) => {
    const topPlaces = [...slot.byPlace]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([k, t]) => `${k} ${(t / 1000 / n).toFixed(0)}`)
      .join(", ");
    lines.push(`  ${String(i * (WINDOW_US / 1000)).padStart(5)} ms ${f(slot.busy)}  ${topPlaces}`);
  });
  return lines;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string } };
}

/** Sums of main-thread self time (µs) by trace event name over one or more traces. */
export interface TraceTotals {
  byEvent: Map<string, number>;
  timeline: Map<string, number>[];
  busy: number;
  traces: number;
}

export function emptyTraceTotals(): TraceTotals {
  return { byEvent: new Map(), timeline: [], busy: 0, traces: 0 };
}

/**
 * Adds one chromium trace (devtools.timeline categories): the renderer main thread with the most
 * complete events, from its first event at or after `fromTs` (µs, trace clock) — self time of each
 * event name (time inside an event minus its children), also per 50 ms window.
 */
export function addTrace(totals: TraceTotals, json: { traceEvents: TraceEvent[] }): void {
  const events = json.traceEvents;
  const mains = new Set(
    events
      .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const count = new Map<string, number>();
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (e.ph === "X" && mains.has(k)) count.set(k, (count.get(k) ?? 0) + 1);
  }
  const main = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) return;
  const start = events.find((e) => e.name === "TracingStartedInBrowser")?.ts ?? 0;
  const xs = events
    .filter((e) => e.ph === "X" && `${e.pid}:${e.tid}` === main && e.dur !== undefined && e.ts >= start)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const t0 = xs[0]?.ts ?? start;
  // Self time: walk the nesting with a stack of open events.
  const stack: { e: TraceEvent; end: number; child: number }[] = [];
  const close = (upTo: number) => {
    while (stack.length > 0 && (stack[stack.length - 1]?.end ?? 0) <= upTo) {
      const top = stack.pop();
      if (!top) break;
      const self = (top.e.dur ?? 0) - top.child;
      const name = label(top.e);
      add(totals.byEvent, name, self);
      const w = Math.floor((top.e.ts - t0) / WINDOW_US);
      while (totals.timeline.length <= w) totals.timeline.push(new Map());
      const slot = totals.timeline[w];
      if (slot) add(slot, name, self);
      const parent = stack[stack.length - 1];
      if (parent) parent.child += top.e.dur ?? 0;
      else totals.busy += top.e.dur ?? 0;
    }
  };
  for (const e of xs) {
    close(e.ts);
    stack.push({ e, end: e.ts + (e.dur ?? 0), child: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  totals.traces++;
}

function label(e: TraceEvent): string {
  const url = e.args?.data?.url;
  if ((e.name === "EvaluateScript" || e.name === "v8.compile" || e.name === "v8.compileModule") && url)
    return `${e.name} ${url.replace(/^https?:\/\/[^/]+/, "")}`;
  return e.name;
}

export function formatTraceTotals(totals: TraceTotals, top = 20): string[] {
  const n = Math.max(1, totals.traces);
  const f = (us: number) => `${(us / 1000 / n).toFixed(1).padStart(6)} ms`;
  const lines = [`renderer main thread (trace), busy ${f(totals.busy)} per load; self time by event:`];
  for (const [k, t] of [...totals.byEvent].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${f(t)}  ${k}`);
  lines.push(`  per ${WINDOW_US / 1000} ms window from the first event (average), top five events:`);
  totals.timeline.forEach((slot, i) => {
    const sum = [...slot.values()].reduce((a, b) => a + b, 0);
    const topEvents = [...slot]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([k, t]) => `${k.replace(/^(\S+) .*\/([^/]+)$/, "$1 $2")} ${(t / 1000 / n).toFixed(0)}`)
      .join(", ");
    lines.push(`  ${String(i * (WINDOW_US / 1000)).padStart(5)} ms ${f(sum)}  ${topEvents}`);
  });
  return lines;
}
