/**
 * The words the city's register is made of: counties, streets and towns of
 * 泉州市, generated community and village names, people's names, and the
 * trades, brands and kinds organizations are named after. Lists run from the
 * common to the rare, so names share frequent fragments (协会, 服务, 文化,
 * 社区) while the tail's four-character fragments stay rare.
 */
import { demoStreets, demoTown } from "../demo";
import type { CommunityCategory } from "../../../vocabulary";
import { weighted, zipf, type Rng } from "./random";

export const city = { name: "泉州市", code: "350500000000", county: "350500", abbreviation: "泉", households: 2_480_000, population: 8_880_000 };

export interface County {
  code: string;
  name: string;
  /** One character for certificate numbers (闽晋社证字…). */
  abbreviation: string;
}

export const counties: County[] = [
  { code: "350502", name: "鲤城区", abbreviation: "鲤" },
  { code: "350503", name: "丰泽区", abbreviation: "丰" },
  { code: "350504", name: "洛江区", abbreviation: "洛" },
  { code: "350505", name: "泉港区", abbreviation: "港" },
  { code: "350581", name: "石狮市", abbreviation: "狮" },
  { code: "350582", name: "晋江市", abbreviation: "晋" },
  { code: "350583", name: "南安市", abbreviation: "南" },
  { code: "350521", name: "惠安县", abbreviation: "惠" },
  { code: "350524", name: "安溪县", abbreviation: "安" },
  { code: "350525", name: "永春县", abbreviation: "永" },
  { code: "350526", name: "德化县", abbreviation: "德" },
];
const county = (code: string) => counties.find((c) => c.code === code)!;

/** Streets (街道, mostly communities) and towns (镇, mostly villages), the demo's first. */
export const streetNames: Array<{ name: string; county: County }> = [
  [demoStreets[0]!.name, "350502"], ["鲤中街道", "350502"], ["东湖街道", "350503"], ["丰泽街道", "350503"],
  ["城东街道", "350503"], ["万安街道", "350504"], ["湖滨街道", "350581"], ["青阳街道", "350582"],
  ["溪美街道", "350583"], ["海滨街道", "350502"], ["华大街道", "350503"], ["清源街道", "350503"],
  ["北峰街道", "350503"], ["凤里街道", "350581"], ["梅岭街道", "350582"], ["罗山街道", "350582"],
  ["柳城街道", "350583"], ["螺城街道", "350521"], ["凤城街道", "350524"], ["桃城街道", "350525"],
  ["浔中街道", "350526"], ["临江街道", "350502"], ["江南街道", "350502"], ["浮桥街道", "350502"],
].map(([name, code]) => ({ name: name!, county: county(code!) }));

export const townNames: Array<{ name: string; county: County }> = [
  [demoTown.name, "350502"], ["马甲镇", "350504"], ["罗溪镇", "350504"], ["涂岭镇", "350505"], ["安海镇", "350582"],
  ["磁灶镇", "350582"], ["东石镇", "350582"], ["水头镇", "350583"], ["官桥镇", "350583"], ["崇武镇", "350521"],
  ["湖头镇", "350524"], ["蓬壶镇", "350525"], ["龙浔镇", "350526"], ["金井镇", "350582"], ["永宁镇", "350581"],
  ["洛阳镇", "350521"], ["石井镇", "350583"], ["英林镇", "350582"], ["龙湖镇", "350582"], ["祥芝镇", "350581"],
  ["河市镇", "350504"], ["后龙镇", "350505"], ["东岭镇", "350521"], ["蓬莱镇", "350524"], ["五里街镇", "350525"],
].map(([name, code]) => ({ name: name!, county: county(code!) }));

/** The demo's community and village names come first, so its accounts find their places. */
export const demoCommunityNames = demoStreets[0]!.communities;
export const demoVillageNames = demoTown.villages;

const placeFirst = "东西南北上下前后新旧大小中金玉龙凤石桥溪湖山林田塘洋埔霞云锦华瑞福寿安丰永兴庆仁义德和美春梅竹松柏桃茶莲清月星朝阳光明泉岭".split("");
const placeSecond = "山塘坑埔头尾洋厝林田湖溪岭亭桥浦港园坂美光华阳明安丰兴盛宅庄岩峰霞江门里洲屿埕墩垵".split("");

/** Distinct two-character place names (the demo's excluded), in a seeded order. */
export function placeNamePool(rng: Rng): string[] {
  const taken = new Set<string>([...demoStreets.flatMap((s) => s.communities), ...demoTown.villages]);
  const names: string[] = [];
  for (const a of placeFirst) for (const b of placeSecond) if (a !== b && !taken.has(a + b)) names.push(a + b);
  return rng.shuffle(names);
}

/* ------------------------------------------------------------------ people */

const surnameList = "陈林黄王李张吴刘蔡郑许杨洪苏庄施曾谢周傅骆龚颜柯卢邱郭何潘方肖戴叶余朱高徐孙胡罗梁宋唐韩冯邓曹彭董袁蒋".split("");
const pickSurname = weighted(zipf(surnameList, 0.8));
const givenFirst = "建志丽美文晓秀明淑国海金雅振玉少清鸿育惠福宝永亚锦素培春良天瑞荣碧家俊子佳思雨梓欣宇浩晨嘉伟丹".split("");
const givenSecond = "国强华玲杰东英辉贞栋燕龙琴兰源斌红珍彬生珠健娟平萍明森才芳霞泉伟敏静婷军涛鹏宇轩涵怡琳".split("");

export function personName(rng: Rng): string {
  const surname = pickSurname(rng);
  return rng.chance(0.15) ? surname + rng.pick(givenSecond) : surname + rng.pick(givenFirst) + rng.pick(givenSecond);
}

/** A mobile number that looks real (13x–19x). */
export function mobile(rng: Rng): string {
  return `1${rng.pick(["3", "5", "8", "9"])}${rng.int(0, 9)}${String(rng.int(0, 99_999_999)).padStart(8, "0")}`;
}

const roads = ["中山路", "温陵路", "新华路", "泉秀路", "刺桐路", "丰泽街", "津头埔路", "宝洲路", "东海大街", "滨江路", "世纪大道", "青梅路", "成功路", "迎宾路", "安平路", "崇德路", "兴业路", "振兴街"];
export function street(rng: Rng): string {
  return `${rng.pick(roads)}${rng.int(1, 399)}号`;
}

/* ------------------------------------------------------------------ organizations */

/** Social groups' trades, common first; the tail ones occur a handful of times in the city. */
export const socialGroupTrades = [
  "商会", "老年人体育协会", "教育学会", "慈善总会", "校友会", "茶文化研究会", "企业家联合会", "同乡会", "书法家协会",
  "摄影家协会", "志愿者联合会", "关心下一代工作委员会", "餐饮行业协会", "医学会", "侨联青年联谊会", "美术家协会", "老年学学会",
  "青年企业家商会", "个体劳动者协会", "历史文化研究会", "会计学会", "女企业家商会", "音乐家协会", "闽南文化研究会", "护理学会",
  "篮球协会", "家庭教育研究会", "中医药学会", "鞋业商会", "作家协会", "台属联谊会", "诗词学会", "足球协会", "企业文化研究会",
  "纺织服装商会", "舞蹈家协会", "营养学会", "石材商会", "羽毛球协会", "社会工作联合会", "陶瓷商会", "乒乓球协会", "地方志学会",
  "茶叶商会", "围棋协会", "海洋文化研究会", "食品商会", "象棋协会", "考古学会", "武术协会", "妈祖文化研究会", "登山协会",
  "物业管理协会", "旅游促进会", "钓鱼协会", "建筑业协会", "朱子文化研究会", "电子商务促进会", "收藏家协会", "郑成功研究会",
  "南音协会", "退役军人联谊会", "民间文艺家协会", "戏剧家协会", "曲艺家协会", "科普作家协会", "灯谜协会", "风筝协会",
  "龙舟协会", "花灯协会", "心理咨询师协会", "红十字志愿服务协会", "家政服务行业协会", "养老服务业协会", "托育服务行业协会",
  "宗教文化研究会", "李贽研究会", "弘一大师研究会", "铁观音茶文化研究会", "木偶艺术研究会", "高甲戏研究会", "梨园戏研究会",
  "德化陶瓷艺术研究会", "惠安石雕艺术研究会", "永春纸织画研究会", "安溪茶艺师协会", "刺桐古城保护研究会", "海上丝绸之路研究会",
  "提线木偶传承协会", "南音传习协会",
];

/** Trades that only a handful of organizations in the whole city carry. */
export const rareSocialGroupTrades = ["蔡襄研究会", "俞大猷研究会", "洛阳桥保护协会", "泉州湾古船研究会", "德济门遗址保护协会", "承天寺文化研究会"];

/** Kinds of 民办非企业单位 (社会服务机构), common first. */
export const privateKinds = [
  "幼儿园", "培训学校", "职业技能培训学校", "艺术培训中心", "托育中心", "体育俱乐部", "养老服务中心", "康复中心",
  "社会工作服务中心", "诊所", "早教中心", "居家养老服务站", "研究院", "医院", "心理咨询中心", "社区服务中心",
  "文化传播研究院", "家庭教育指导中心", "文化艺术中心", "公益服务中心", "科技研究所", "老年公寓", "敬老院",
  "残疾人托养中心", "游泳俱乐部", "足球俱乐部", "棋院", "书院", "图书馆", "美术馆", "博物馆", "调解中心",
  "人才交流中心", "创客空间", "青少年活动中心", "社区卫生服务站", "口腔门诊部", "中医馆", "武术馆", "南音传习所",
  "非遗传习中心", "民俗博物馆", "茶文化体验馆", "木偶艺术培训中心",
];

export const privateBrands = [
  "阳光", "育才", "启明", "新星", "博雅", "春蕾", "蓝天", "彩虹", "童心", "金桥", "爱心", "康宁", "福寿", "颐年",
  "安康", "乐龄", "晨曦", "星辰", "海韵", "刺桐", "清源", "温陵", "桐城", "紫云",
  "同心", "和美", "仁爱", "德润", "明德", "致远", "睿智", "思源", "芳华", "小天使", "金太阳", "七彩",
  "大地", "青禾", "善行", "惠民", "益友", "鹏程", "天恩", "嘉禾", "文博", "新世纪", "华侨", "侨乡", "海丝", "古城",
  "龙山", "凤凰", "蓓蕾", "英才", "学海", "书香", "弘毅", "康乐", "怡园", "长青", "松鹤", "福满", "众安", "至善",
];

export const foundationPurposes = ["慈善", "教育", "助学", "见义勇为", "扶贫济困", "关爱", "文化发展", "体育发展", "老年福利", "乡贤公益", "医疗救助", "侨乡公益"];

/** Filed community organizations' kinds, common first, with their category. */
export const communityKinds: Array<readonly [string, CommunityCategory]> = [
  ["老人会", "life_service"],
  ["舞蹈队", "culture_sports"],
  ["太极拳队", "culture_sports"],
  ["志愿服务队", "charity"],
  ["邻里互助会", "life_service"],
  ["人民调解委员会", "mediation"],
  ["爱心帮扶队", "charity"],
  ["广场舞队", "culture_sports"],
  ["读书会", "culture_sports"],
  ["平安巡逻队", "mediation"],
  ["合唱团", "culture_sports"],
  ["腰鼓队", "culture_sports"],
  ["助老帮扶队", "life_service"],
  ["书画社", "culture_sports"],
  ["南音社", "culture_sports"],
  ["矛盾纠纷调解队", "mediation"],
  ["巾帼志愿队", "charity"],
  ["红白理事会", "life_service"],
  ["便民小分队", "life_service"],
  ["篮球队", "culture_sports"],
  ["乒乓球队", "culture_sports"],
  ["门球队", "culture_sports"],
  ["戏曲社", "culture_sports"],
  ["摄影小组", "culture_sports"],
  ["关爱留守儿童志愿队", "charity"],
  ["党员先锋队", "charity"],
  ["乡贤调解会", "mediation"],
  ["居家养老互助组", "life_service"],
  ["妇女儿童之家", "life_service"],
  ["文化志愿队", "culture_sports"],
  ["普法宣传队", "mediation"],
  ["慈善互助会", "charity"],
  ["老年人协会", "life_service"],
  ["人民调解协会", "mediation"],
  ["健身气功站", "culture_sports"],
  ["环保志愿队", "charity"],
  ["家风家教宣讲团", "culture_sports"],
  ["拍胸舞表演队", "culture_sports"],
  ["提线木偶兴趣组", "culture_sports"],
];

export const supervisingUnitsOf = (countyName: string) => ({
  education: `${countyName}教育局`,
  civil: `${countyName}民政局`,
  culture: `${countyName}文化体育和旅游局`,
  health: `${countyName}卫生健康局`,
  labour: `${countyName}人力资源和社会保障局`,
  science: `${countyName}科学技术协会`,
  commerce: `${countyName}工商业联合会`,
  justice: `${countyName}司法局`,
});
export type SupervisingArea = keyof ReturnType<typeof supervisingUnitsOf>;

/** The supervising unit and business scope a name's kind calls for. */
export function areaOf(kind: string): SupervisingArea {
  if (/幼儿园|培训|学校|托育|早教|教育|学会$|书院|棋院|青少年/.test(kind)) return "education";
  if (/养老|老年|敬老|残疾|社会工作|社区服务|公益|慈善|志愿/.test(kind)) return "civil";
  if (/医院|诊所|康复|卫生|门诊|中医|医学|护理|营养|心理/.test(kind)) return "health";
  if (/职业技能|人才/.test(kind)) return "labour";
  if (/研究所|研究院|科普|科技/.test(kind)) return "science";
  if (/商会|行业协会|企业家|个体劳动者|协会联络会/.test(kind)) return "commerce";
  if (/调解/.test(kind)) return "justice";
  return "culture";
}

export const businessScopes: Record<SupervisingArea, string> = {
  education: "面向社会开展非学历教育培训、学前教育及相关咨询服务。",
  civil: "开展养老照护、社会工作、志愿服务和公益慈善活动。",
  culture: "组织文化艺术交流、群众性体育健身和传统文化传承活动。",
  health: "提供非营利性的医疗、康复和健康咨询服务。",
  labour: "开展职业技能培训、就业指导和人才交流服务。",
  science: "开展学术研究、科学普及和技术咨询服务。",
  commerce: "团结会员，开展行业调研、培训交流、行业自律和维权服务。",
  justice: "开展矛盾纠纷调解、法治宣传和法律咨询服务。",
};
