import type { Role } from "../../domain/auth/roles.ts";

/** The demo county: a bureau, departments, three townships with villages and groups. */
export interface DemoUnit {
  code: string; // the last segment of the path
  parent: string | null; // parent path
  kind: "county" | "township" | "village" | "group" | "bureau" | "department";
  name: string;
  regionCode: string;
}

export const DEMO_COUNTY_CODE = "419001";

export const DEMO_UNITS: DemoUnit[] = [
  { code: "c", parent: null, kind: "county", name: "示范县", regionCode: DEMO_COUNTY_CODE },
  { code: "xfj", parent: "c", kind: "bureau", name: "示范县信访局", regionCode: DEMO_COUNTY_CODE },
  { code: "zfb", parent: "c", kind: "department", name: "县人民政府办公室", regionCode: DEMO_COUNTY_CODE },
  {
    code: "rsj",
    parent: "c",
    kind: "department",
    name: "县人力资源和社会保障局",
    regionCode: DEMO_COUNTY_CODE,
  },
  { code: "zrzyj", parent: "c", kind: "department", name: "县自然资源局", regionCode: DEMO_COUNTY_CODE },
  { code: "zjj", parent: "c", kind: "department", name: "县住房和城乡建设局", regionCode: DEMO_COUNTY_CODE },
  { code: "gaj", parent: "c", kind: "department", name: "县公安局", regionCode: DEMO_COUNTY_CODE },
  { code: "jyj", parent: "c", kind: "department", name: "县教育局", regionCode: DEMO_COUNTY_CODE },
  { code: "nyncj", parent: "c", kind: "department", name: "县农业农村局", regionCode: DEMO_COUNTY_CODE },
  { code: "tyjrj", parent: "c", kind: "department", name: "县退役军人事务局", regionCode: DEMO_COUNTY_CODE },
  { code: "sthjj", parent: "c", kind: "department", name: "县生态环境局", regionCode: DEMO_COUNTY_CODE },
  { code: "scjgj", parent: "c", kind: "department", name: "县市场监督管理局", regionCode: DEMO_COUNTY_CODE },
  { code: "wjj", parent: "c", kind: "department", name: "县卫生健康委员会", regionCode: DEMO_COUNTY_CODE },
  { code: "jtysj", parent: "c", kind: "department", name: "县交通运输局", regionCode: DEMO_COUNTY_CODE },
  { code: "mzj", parent: "c", kind: "department", name: "县民政局", regionCode: DEMO_COUNTY_CODE },
  { code: "yjglj", parent: "c", kind: "department", name: "县应急管理局", regionCode: DEMO_COUNTY_CODE },
  { code: "jrb", parent: "c", kind: "department", name: "县金融工作办公室", regionCode: DEMO_COUNTY_CODE },
  { code: "ybj", parent: "c", kind: "department", name: "县医疗保障局", regionCode: DEMO_COUNTY_CODE },
  { code: "gxj", parent: "c", kind: "department", name: "县工业和信息化局", regionCode: DEMO_COUNTY_CODE },
  // Route-out bodies (信访工作条例 Art. 31): the bureau hands court matters and accusations of
  // officials over to them instead of assigning them as petitions.
  { code: "zfw", parent: "c", kind: "department", name: "县委政法委", regionCode: DEMO_COUNTY_CODE },
  { code: "jwjw", parent: "c", kind: "department", name: "县纪委监委", regionCode: DEMO_COUNTY_CODE },
  { code: "t1", parent: "c", kind: "township", name: "城关镇", regionCode: "419001001" },
  { code: "t2", parent: "c", kind: "township", name: "河口乡", regionCode: "419001002" },
  { code: "t3", parent: "c", kind: "township", name: "石门镇", regionCode: "419001003" },
  { code: "v1", parent: "c.t1", kind: "village", name: "东街社区", regionCode: "419001001001" },
  { code: "v2", parent: "c.t1", kind: "village", name: "西关村", regionCode: "419001001201" },
  { code: "v1", parent: "c.t2", kind: "village", name: "河口村", regionCode: "419001002201" },
  { code: "v2", parent: "c.t2", kind: "village", name: "柳树湾村", regionCode: "419001002202" },
  { code: "v1", parent: "c.t3", kind: "village", name: "石门村", regionCode: "419001003201" },
  { code: "v2", parent: "c.t3", kind: "village", name: "贾家湾村", regionCode: "419001003202" },
  // Groups (村民小组) have no code of their own in GB/T 2260: they carry their village's.
  { code: "g1", parent: "c.t1.v2", kind: "group", name: "西关村一组", regionCode: "419001001201" },
  { code: "g2", parent: "c.t1.v2", kind: "group", name: "西关村二组", regionCode: "419001001201" },
  { code: "g1", parent: "c.t2.v1", kind: "group", name: "河口村一组", regionCode: "419001002201" },
  { code: "g1", parent: "c.t3.v2", kind: "group", name: "贾家湾村一组", regionCode: "419001003202" },
  { code: "sfs", parent: "c.t1", kind: "department", name: "城关镇司法所", regionCode: "419001001" },
];

export interface DemoUser {
  username: string;
  displayName: string;
  unitPath: string;
  roles: Role[];
  note: string;
}

export const DEMO_PASSWORD = "Xinfang@2026";

export const DEMO_USERS: DemoUser[] = [
  {
    username: "registrar",
    displayName: "王登记",
    unitPath: "c.xfj",
    roles: ["registrar"],
    note: "信访局登记员",
  },
  {
    username: "office",
    displayName: "李拟办",
    unitPath: "c.xfj",
    roles: ["bureau_office"],
    note: "信访局办公室",
  },
  {
    username: "bureauleader",
    displayName: "赵局长",
    unitPath: "c.xfj",
    roles: ["bureau_leader"],
    note: "信访局局长",
  },
  { username: "analyst", displayName: "孙分析", unitPath: "c.xfj", roles: ["analyst"], note: "分析研判" },
  {
    username: "leader",
    displayName: "周副县长",
    unitPath: "c.zfb",
    roles: ["leader_in_charge"],
    note: "分管领导",
  },
  {
    username: "principal",
    displayName: "吴县长",
    unitPath: "c.zfb",
    roles: ["principal_leader"],
    note: "主要领导",
  },
  { username: "rsj", displayName: "郑人社", unitPath: "c.rsj", roles: ["unit_staff"], note: "人社局承办人" },
  {
    username: "rsjleader",
    displayName: "冯人社局长",
    unitPath: "c.rsj",
    roles: ["unit_leader"],
    note: "人社局负责人",
  },
  {
    username: "zrzyj",
    displayName: "陈自然资源",
    unitPath: "c.zrzyj",
    roles: ["unit_staff"],
    note: "自然资源局承办人",
  },
  { username: "zjj", displayName: "褚住建", unitPath: "c.zjj", roles: ["unit_staff"], note: "住建局承办人" },
  {
    username: "sthjj",
    displayName: "林生态",
    unitPath: "c.sthjj",
    roles: ["unit_staff"],
    note: "生态环境局承办人",
  },
  {
    username: "scjgj",
    displayName: "许市监",
    unitPath: "c.scjgj",
    roles: ["unit_staff"],
    note: "市场监管局承办人",
  },
  {
    username: "chengguan",
    displayName: "卫城关",
    unitPath: "c.t1",
    roles: ["local_staff"],
    note: "城关镇信访办",
  },
  {
    username: "hekou",
    displayName: "蒋河口",
    unitPath: "c.t2",
    roles: ["local_staff"],
    note: "河口乡信访办",
  },
  {
    username: "shimen",
    displayName: "沈石门",
    unitPath: "c.t3",
    roles: ["local_staff"],
    note: "石门镇信访办",
  },
  {
    username: "xiguan",
    displayName: "韩西关",
    unitPath: "c.t1.v2",
    roles: ["local_staff"],
    note: "西关村信息员",
  },
  {
    username: "sysadmin",
    displayName: "系统管理员",
    unitPath: "c.xfj",
    roles: ["system_admin"],
    note: "系统管理员",
  },
  {
    username: "secadmin",
    displayName: "安全管理员",
    unitPath: "c.xfj",
    roles: ["security_admin"],
    note: "安全管理员",
  },
  {
    username: "auditadmin",
    displayName: "审计管理员",
    unitPath: "c.xfj",
    roles: ["audit_admin"],
    note: "审计管理员",
  },
];
