/**
 * How fast the case list is for a person: 10,000 cases on the embedded database, the list page
 * with 50 rows in chromium, from navigation to the rows on screen (and to the next page).
 * Prints figures; asserts nothing.
 *
 *   npm run bench:web                  # 10,000 cases
 *   BENCH_CASES=2000 npm run bench:web
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { generateIdNumber } from "../domain/identity/id-card.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const PLACES = ["419001001201", "419001002201", "419001003202", "419001001", "419001002"];
const TOPICS = [
  "拖欠工资",
  "征地补偿",
  "道路破损",
  "物业纠纷",
  "低保申请",
  "噪声扰民",
  "学位申请",
  "宅基地纠纷",
];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  await new Promise((r) =>
    spawn(tsx, [path.join(root, "web", "build-if-stale.ts")], { stdio: "inherit" }).on("exit", r),
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xf-bench-web-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(tsx, [path.join(root, "server", "main.ts"), "serve"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      XF_DATA_DIR: dataDir,
      XF_DEMO: "1",
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      XF_RATE_LIMIT_ALLOW_LOOPBACK: "1",
    },
    stdio: "ignore",
  });
  try {
    for (let i = 0; i < 600; i++) {
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "registrar", password: "Xinfang@2026" }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await login.json()) as { csrfToken: string };

    const started = Date.now();
    let next = 0;
    const worker = async () => {
      while (next < CASES) {
        const i = next++;
        const topic = TOPICS[i % TOPICS.length]!;
        const res = await fetch(`${base}/api/cases`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
          body: JSON.stringify({
            channel: i % 3 === 0 ? "letter" : "visit",
            title: `${topic}问题（第${i + 1}件）`,
            content: `群众反映${topic}问题，请求有关部门依法处理。编号${i + 1}。`,
            problemRegionCode: PLACES[i % PLACES.length],
            petitioners: [
              {
                name: `信访人${i + 1}`,
                idNumber: generateIdNumber(
                  "419001",
                  `19${String(50 + (i % 49)).padStart(2, "0")}0${(i % 9) + 1}1${i % 9}`,
                  String(i % 1000).padStart(3, "0"),
                ),
              },
            ],
            headcount: 1 + (i % 7),
          }),
        });
        if (res.status !== 201)
          throw new Error(`registration ${i} failed: ${res.status} ${await res.text()}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const seeded = (Date.now() - started) / 1000;

    const apiTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      const r = await fetch(`${base}/api/cases?page=${i + 1}&pageSize=50`, { headers: { cookie } });
      await r.json();
      apiTimes.push(performance.now() - t0);
    }

    const browser = await chromium.launch({
      executablePath: process.env.XF_CHROMIUM ?? "/usr/bin/chromium",
      args: ARGS,
    });
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto("/login");
    await page.locator("#username").fill("registrar");
    await page.locator("#password").fill("Xinfang@2026");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.getByTestId("current-user").waitFor();
    const rows = "[data-testid=case-table] tbody tr.ant-table-row";
    const loads: number[] = [];
    const pages: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      await page.goto(`/cases?pageSize=50&page=${i + 1}`);
      await page.locator(rows).nth(49).waitFor();
      await page.locator(".ant-spin-spinning").waitFor({ state: "detached" });
      loads.push(performance.now() - t0);
      const first = await page.locator(rows).first().textContent();
      const t1 = performance.now();
      await page.locator(".ant-pagination-next").click();
      await page.waitForFunction(
        ([sel, before]) =>
          document.querySelector(sel as string)?.textContent !== before &&
          !document.querySelector(".ant-spin-spinning"),
        [rows, first],
      );
      pages.push(performance.now() - t1);
    }
    await browser.close();
    const ms = (x: number) => `${Math.round(x)} ms`;
    process.stdout.write(
      [
        `cases registered through the API: ${CASES} (+ 40 demo) in ${seeded.toFixed(1)} s (${Math.round(CASES / seeded)}/s)`,
        `GET /api/cases 50 rows with total: median ${ms(median(apiTimes))}, max ${ms(Math.max(...apiTimes))}`,
        `list page, full load to 50 rows on screen (chromium, 1366×768): median ${ms(median(loads))}, max ${ms(Math.max(...loads))}`,
        `next page click to new rows on screen: median ${ms(median(pages))}, max ${ms(Math.max(...pages))}`,
        `machine: ${os.cpus().length} cores, load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(" / ")} (other work on the machine slows the browser figures)`,
        "",
      ].join("\n"),
    );
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 2000));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
