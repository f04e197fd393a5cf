/**
 * Which unit handles a category: the demo county's catalogue, the default a bureau without a
 * catalogue gets from its departments' names, and the bureau's own practice. Pure: no I/O.
 */

/** Matters settled inside a village go to the petitioner's township (属地管理). */
export const TOWNSHIP_MATTERS: readonly string[] = [
  "rural.village_affairs",
  "rural.election",
  "rural.neighbour",
  "land.distribution",
  "mining.relocation",
];

/**
 * The demo county's routing catalogue: leaf category → unit path (under the county `c`).
 * Township matters list the fallback for a petition with no township in its region.
 */
export const DEMO_ROUTES: Readonly<Record<string, string>> = {
  "labor.wage_arrears": "c.rsj",
  "labor.project_payment": "c.zjj",
  "labor.contract": "c.rsj",
  "land.compensation": "c.zrzyj",
  "land.demolition": "c.zjj",
  "land.distribution": "c.nyncj",
  "enterprise.staff": "c.gxj",
  "lending.illegal_funding": "c.gaj",
  "lending.private_loans": "c.zfw",
  "legal.litigation": "c.zfw",
  "legal.enforcement": "c.zfw",
  "construction.housing_quality": "c.zjj",
  "construction.daylight": "c.zjj",
  "construction.property": "c.zjj",
  "construction.utilities": "c.zjj",
  "veterans.benefits": "c.tyjrj",
  "mining.subsidence": "c.zrzyj",
  "mining.relocation": "c.zrzyj",
  "rural.subsidy": "c.nyncj",
  "rural.village_affairs": "c.nyncj",
  "rural.election": "c.nyncj",
  "rural.neighbour": "c.zfb",
  "education.enrolment": "c.jyj",
  "education.fees": "c.jyj",
  "education.teachers": "c.jyj",
  "security.public_order": "c.gaj",
  "security.household": "c.gaj",
  "social.pension": "c.rsj",
  "social.medical": "c.ybj",
  "conduct.inaction": "c.jwjw",
  "conduct.corruption": "c.jwjw",
  "environment.pollution": "c.sthjj",
  "environment.noise": "c.sthjj",
  "environment.ecology": "c.sthjj",
  "market.consumer": "c.scjgj",
  "market.food_drug": "c.scjgj",
  "market.pricing": "c.scjgj",
  "health.medical_dispute": "c.wjj",
  "health.public_health": "c.wjj",
  "transport.roads": "c.jtysj",
  "transport.passenger": "c.jtysj",
  "civil.assistance": "c.mzj",
  "civil.elderly": "c.mzj",
  "civil.funeral": "c.mzj",
  "safety.production": "c.yjglj",
  "safety.disaster": "c.yjglj",
  "finance.banking": "c.jrb",
  "finance.investment": "c.jrb",
  other: "c.zfb",
};

/** The demo county's townships by their 9-digit region code. */
export const DEMO_TOWNSHIPS: Readonly<Record<string, string>> = {
  "419001001": "c.t1",
  "419001002": "c.t2",
  "419001003": "c.t3",
};

/** The demo catalogue's unit for a category and the petitioner's region (what the seeded rules give). */
export function demoUnitFor(category: string, regionCode: string | null): string {
  if (TOWNSHIP_MATTERS.includes(category) && regionCode) {
    const town = DEMO_TOWNSHIPS[regionCode.slice(0, 9)];
    if (town) return town;
  }
  return DEMO_ROUTES[category] ?? DEMO_ROUTES.other!;
}

/**
 * Fragments of a department's name that say which categories it handles, most specific first.
 * Used only while a bureau has no catalogue of its own: a default, never a decision.
 */
export const NAME_HINTS: readonly { prefix: string; names: readonly string[] }[] = [
  { prefix: "social.medical", names: ["医疗保障", "医保"] },
  { prefix: "social", names: ["人力资源", "人社", "社会保障", "社保"] },
  { prefix: "labor", names: ["人力资源", "人社", "劳动"] },
  { prefix: "enterprise", names: ["工业和信息化", "工信", "国资", "经信"] },
  { prefix: "land.demolition", names: ["住房", "住建", "城乡建设", "征收"] },
  { prefix: "land", names: ["自然资源", "国土"] },
  { prefix: "mining", names: ["自然资源", "国土", "应急"] },
  { prefix: "construction", names: ["住房", "住建", "城乡建设", "城市管理", "城管"] },
  { prefix: "lending.illegal_funding", names: ["公安", "金融"] },
  { prefix: "lending", names: ["政法", "司法", "法院"] },
  { prefix: "legal", names: ["政法", "法院", "司法"] },
  { prefix: "veterans", names: ["退役军人"] },
  { prefix: "rural", names: ["农业农村", "农业", "乡村振兴"] },
  { prefix: "education", names: ["教育", "教体"] },
  { prefix: "security", names: ["公安"] },
  { prefix: "conduct", names: ["纪委", "监委", "纪检", "监察"] },
  { prefix: "environment", names: ["生态环境", "环保", "环境保护"] },
  { prefix: "market", names: ["市场监督", "市场监管"] },
  { prefix: "health", names: ["卫生健康", "卫健", "卫生"] },
  { prefix: "transport", names: ["交通运输", "交通"] },
  { prefix: "civil", names: ["民政"] },
  { prefix: "safety", names: ["应急管理", "应急", "安全生产"] },
  { prefix: "finance", names: ["金融"] },
];

export interface NamedUnit {
  id: string;
  name: string;
}

/** Units whose names match the category's hints, best hint first (ties: shorter name, then id). */
export function unitsByName<U extends NamedUnit>(
  units: readonly U[],
  category: string,
): { unit: U; hint: string }[] {
  const found: { unit: U; hint: string; rank: number }[] = [];
  let rank = 0;
  for (const h of NAME_HINTS) {
    if (category !== h.prefix && !category.startsWith(`${h.prefix}.`)) continue;
    for (const name of h.names) {
      for (const u of units) {
        if (u.name.includes(name) && !found.some((f) => f.unit.id === u.id))
          found.push({ unit: u, hint: name, rank });
      }
      rank++;
    }
  }
  return found
    .sort(
      (a, b) =>
        a.rank - b.rank || a.unit.name.length - b.unit.name.length || (a.unit.id < b.unit.id ? -1 : 1),
    )
    .map(({ unit, hint }) => ({ unit, hint }));
}

/** Assignments needed before the bureau's practice decides the suggestion. */
export const MIN_PRACTICE = 3;

export interface PracticeCount {
  unitId: string;
  unitName: string;
  n: number;
}

/**
 * The unit the bureau assigned this kind of matter to most often, if it has done so at least
 * MIN_PRACTICE times and more often than any other unit (a tie is no practice yet).
 */
export function fromPractice(counts: readonly PracticeCount[]): PracticeCount | null {
  const sorted = [...counts].sort((a, b) => b.n - a.n || (a.unitId < b.unitId ? -1 : 1));
  const [first, second] = sorted;
  if (!first || first.n < MIN_PRACTICE) return null;
  if (second && second.n === first.n) return null;
  return first;
}
