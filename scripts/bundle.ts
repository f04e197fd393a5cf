/**
 * `npm run bundle`: one archive that installs Xinfang on a machine without internet access
 * (政务内网): dist/xinfang-<version>-linux-x64.tar.gz, which unpacks to xinfang-<version>/ with
 *
 * - server/ and domain/: the server compiled file by file from TypeScript to plain JavaScript
 *   (esbuild; the folders keep their layout, so every file the code finds next to itself —
 *   migrations, rule packs, the password list, the web app — is where it expects it);
 * - web/dist/: the built web app; migrations/, rules/;
 * - node_modules/: the production dependencies only (`npm ci --omit=dev`, prebuilt native modules
 *   for linux-x64 included; the web app's own packages — React, antd, ECharts — are already in
 *   web/dist and stay out), so nothing is downloaded at install or at start;
 * - fonts/: the CJK font the PDFs embed (Noto Serif CJK, SIL Open Font License), when this machine
 *   has it (Debian: fonts-noto-cjk); otherwise README.txt says where to put one;
 * - bin/xinfang: `node server/main.js "$@"`; README.txt.
 *
 * Usage: `npm run bundle [-- --out DIR]`. Prints the archive's path on the last line.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The font PDFs use first (server/documents/render.ts looks for it in fonts/ of the bundle). */
export const BUNDLED_FONT = "NotoSerifCJK-Regular.ttc";
const SYSTEM_FONT_DIR = "/usr/share/fonts/opentype/noto";
const FONT_LICENCE = "/usr/share/doc/fonts-noto-cjk/copyright";

export interface BundleResult {
  archive: string;
  /** The unpacked folder it was made from (kept for inspection). */
  folder: string;
  version: string;
  fontBundled: boolean;
  bytes: number;
}

function log(line: string): void {
  process.stderr.write(`[bundle] ${line}\n`);
}

/** The package a bare import names: `@scope/name/x` → `@scope/name`, `name/x` → `name`. */
function packageOf(specifier: string): string | null {
  if (/^(\.|\/|node:)/.test(specifier)) return null;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** Packages the files under `dir` import (import … from, import(), require()). */
function importedPackages(files: string[]): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    const text = fs.readFileSync(f, "utf8");
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)["']([^"']+)["']/g)) {
      const p = packageOf(m[1]!);
      if (p) out.add(p);
    }
  }
  return out;
}

function filesUnder(dir: string, ext: RegExp): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => ext.test(f) && !f.includes("node_modules") && !f.includes("dist/"))
    .map((f) => path.join(dir, f));
}

/**
 * Dependencies only the web app imports (React, antd, ECharts …): they are built into web/dist, so
 * the archive leaves them out (moved to devDependencies of the staged package.json; `npm ci` keeps
 * any that a server dependency needs).
 */
function webOnlyDependencies(dependencies: Record<string, string>, serverSources: string[]): string[] {
  const server = importedPackages(serverSources.map((s) => path.join(root, s)));
  const web = importedPackages(filesUnder(path.join(root, "web"), /\.tsx?$/));
  return Object.keys(dependencies).filter((d) => web.has(d) && !server.has(d));
}

/** Every project .ts file the server reaches from server/main.ts (esbuild's own resolution). */
async function reachableSources(): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(root, "server/main.ts")],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "silent",
    absWorkingDir: root,
  });
  return Object.keys(result.metafile.inputs)
    .filter((f) => f.endsWith(".ts") && !f.startsWith("node_modules/"))
    .sort();
}

/** Keeps every import as it is, except that a relative `./x.ts` becomes `./x.js`. */
const keepImports: Plugin = {
  name: "keep-imports",
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === "entry-point") return undefined;
      const rewritten = /^\.\.?\//.test(args.path) ? args.path.replace(/\.ts$/, ".js") : args.path;
      return { path: rewritten, external: true };
    });
  },
};

function copyDir(from: string, to: string, skip: (name: string) => boolean = () => false): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (skip(e.name)) continue;
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory()) copyDir(src, dst, skip);
    else fs.copyFileSync(src, dst);
  }
}

function readme(version: string, fontBundled: boolean): string {
  const node = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).engines.node as string;
  return `Xinfang ${version} — 离线安装包 (linux-x64)

本目录包含运行所需的全部内容（服务器、网页、生产依赖、数据库迁移、规则包${fontBundled ? "、PDF 中文字体" : ""}），
启动时不下载任何内容，可在无互联网的政务内网中安装。

Everything needed to run is inside; nothing is downloaded at start.

需要 / Needs: Node.js 20.10+, 22 or 24 LTS (engines: ${node}), linux x64 (glibc). PostgreSQL 15+ for production.

启动 / Start:
  bin/xinfang serve                         # 或 node server/main.js serve
  XF_DEMO=0 bin/xinfang setup               # 不带示范数据：建立信访局和三员
  bin/xinfang --help                        # 全部命令 / every command

部署步骤（数据库、systemd、密钥、备份与恢复演练、升级）见 docs/DEPLOYMENT.md 和 deploy/。
Step by step (database, systemd, keys, backups and the restore drill, upgrades): docs/DEPLOYMENT.md, deploy/.

PDF 字体 / PDF font:
${
  fontBundled
    ? `  fonts/${BUNDLED_FONT}（思源宋体 Noto Serif CJK，SIL Open Font License 1.1，见 fonts/LICENSE）已包含，
  PDF 自动使用。另用其他字体：XF_PDF_FONT=/路径/字体.ttc#PostScript名称。`
    : `  本安装包未含中文字体。请把 ${BUNDLED_FONT}（Noto Serif CJK，SIL OFL）放到 fonts/ 目录，
  或安装 fonts-noto-cjk，或设置 XF_PDF_FONT=/路径/字体.ttc#PostScript名称；否则 PDF 文书无法生成（Word 不受影响）。
  No CJK font is bundled: put ${BUNDLED_FONT} into fonts/, install fonts-noto-cjk, or set XF_PDF_FONT.`
}
`;
}

/**
 * Compiles every file server/main.ts reaches into `app` (same layout, `.js`, imports kept as
 * imports), with the data files that sit beside them; returns how many files it compiled.
 */
export async function compileServer(app: string): Promise<number> {
  const sources = await reachableSources();
  log(`compiling ${sources.length} TypeScript files …`);
  await build({
    entryPoints: sources.map((s) => path.join(root, s)),
    outdir: app,
    outbase: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.10",
    plugins: [keepImports],
    logLevel: "warning",
    absWorkingDir: root,
    legalComments: "none",
  });
  // The files the code reads next to itself (password list, demo boundaries, triage model).
  const dirs = new Set(sources.map((s) => path.dirname(s)));
  for (const d of dirs)
    for (const e of fs.readdirSync(path.join(root, d), { withFileTypes: true }))
      if (e.isFile() && !e.name.endsWith(".ts"))
        fs.copyFileSync(path.join(root, d, e.name), path.join(app, d, e.name));
  return sources.length;
}

export async function makeBundle(opts: { out?: string; skipWebBuild?: boolean } = {}): Promise<BundleResult> {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    version: string;
    scripts: Record<string, string>;
    bin: Record<string, string>;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const version = pkg.version;
  const name = `xinfang-${version}`;
  const outDir = path.resolve(opts.out ?? path.join(root, "dist"));
  const stage = path.join(outDir, "stage");
  const app = path.join(stage, name);
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(app, { recursive: true });

  if (!opts.skipWebBuild) {
    log("web app (web/dist) …");
    execFileSync(
      process.execPath,
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), "web/build-if-stale.ts"],
      {
        cwd: root,
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
  }
  if (!fs.existsSync(path.join(root, "web/dist/index.html")))
    throw new Error("web/dist is missing: run npm run build");

  await compileServer(app);
  for (const d of ["migrations", "rules", "web/dist", "deploy"])
    copyDir(path.join(root, d), path.join(app, d));
  fs.mkdirSync(path.join(app, "docs"), { recursive: true });
  fs.copyFileSync(path.join(root, "docs/DEPLOYMENT.md"), path.join(app, "docs/DEPLOYMENT.md"));
  for (const f of ["package-lock.json", "CHANGELOG.md"])
    fs.copyFileSync(path.join(root, f), path.join(app, f));
  // The lock file's dependencies (npm ci insists), the web app's own ones as dev; plain node scripts.
  const webOnly = webOnlyDependencies(pkg.dependencies, await reachableSources());
  log(`left out (built into web/dist): ${webOnly.join(", ")}`);
  const staged = {
    ...pkg,
    dependencies: Object.fromEntries(Object.entries(pkg.dependencies).filter(([d]) => !webOnly.includes(d))),
    devDependencies: {
      ...pkg.devDependencies,
      ...Object.fromEntries(webOnly.map((d) => [d, pkg.dependencies[d]!])),
    },
    scripts: { start: "node server/main.js serve", xinfang: "node server/main.js" },
    bin: { xinfang: "bin/xinfang" },
  };
  fs.writeFileSync(path.join(app, "package.json"), `${JSON.stringify(staged, null, 2)}\n`);

  log("production dependencies (npm ci --omit=dev) …");
  execFileSync(
    "npm",
    ["ci", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline"],
    {
      cwd: app,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NODE_ENV: "production" },
    },
  );

  const fontFile = path.join(SYSTEM_FONT_DIR, BUNDLED_FONT);
  const fontBundled = fs.existsSync(fontFile);
  if (fontBundled) {
    fs.mkdirSync(path.join(app, "fonts"));
    fs.copyFileSync(fontFile, path.join(app, "fonts", BUNDLED_FONT));
    if (fs.existsSync(FONT_LICENCE)) fs.copyFileSync(FONT_LICENCE, path.join(app, "fonts", "LICENSE"));
  } else log(`no ${fontFile} on this machine: the bundle's README says where to put a CJK font`);

  fs.mkdirSync(path.join(app, "bin"));
  fs.writeFileSync(
    path.join(app, "bin/xinfang"),
    `#!/bin/sh\n# Xinfang's command line: bin/xinfang serve | setup | migrate | backup FILE | restore FILE | …\nhere=$(cd "$(dirname "$0")/.." && pwd)\nexec node "$here/server/main.js" "$@"\n`,
    { mode: 0o755 },
  );
  fs.writeFileSync(path.join(app, "README.txt"), readme(version, fontBundled));

  const archive = path.join(outDir, `${name}-linux-x64.tar.gz`);
  log(`archive ${archive} …`);
  execFileSync("tar", ["-czf", archive, "--owner=0", "--group=0", "-C", stage, name]);
  const bytes = fs.statSync(archive).size;
  log(`${(bytes / 1024 / 1024).toFixed(1)} MiB`);
  return { archive, folder: app, version, fontBundled, bytes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--out");
  const out = i > 0 ? process.argv[i + 1] : undefined;
  makeBundle(out ? { out } : {}).then(
    (r) => process.stdout.write(`${r.archive}\n`),
    (e: unknown) => {
      process.stderr.write(`[bundle] failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
