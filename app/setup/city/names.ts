/**
 * The words the city's register is made of: counties, streets and towns of
 * 泉州市, generated community and village names, people's names, and the
 * trades, brands and kinds organizations are named after. Lists run from the
 * common to the rare, so names share frequent fragments (协会, 服务, 文化,
 * 社区) while the tail's four-character fragments stay rare. The province
 * (福建省) adds the other eight prefecture-level cities' counties, generated
 * street and town names for them, and a larger pool of community and village
 * names (three-character ones besides the two-character ones).
 */
import { demoStreets, demoTown } from "../demo";
import type { CommunityCategory } from "../../../vocabulary";
import { weighted, zipf, type Rng } from "./random";

/** A prefecture-level city: its register's organizations are named after it and registered by its 民政局. */
export interface Prefecture {
  name: string;
  /** 12-digit statistical code. */
  code: string;
  /** GB/T 2260 code, for the USCCs of the organizations it registers. */
  county: string;
  /** One character for certificate numbers (闽泉社证字…). */
  abbreviation: string;
  /** Telephone area code, for the hotlines in postings. */
  areaCode: string;
}

export const city = { name: "泉州市", code: "350500000000", county: "350500", abbreviation: "泉", areaCode: "0595", households: 2_480_000, population: 8_880_000 };

export interface County {
  code: string;
  name: string;
  /** One character for certificate numbers (闽晋社证字…). */
  abbreviation: string;
  /** The prefecture-level city the county belongs to. */
  prefecture: Prefecture;
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
].map((c) => ({ ...c, prefecture: city }));
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

/* ------------------------------------------------------------------ the province */

/** The province's register root. */
export const province = { name: "福建省", code: "350000000000" };

/** The prefecture-level cities of 福建省, 泉州市 (the city scale's) first, each with its counties. */
export const prefectures: Array<{ prefecture: Prefecture; counties: County[] }> = [
  { prefecture: city, counties },
  ...(
    [
      ["福州市", "350100", "榕", "0591", "鼓楼区 350102 鼓,台江区 350103 台,仓山区 350104 仓,马尾区 350105 马,晋安区 350111 岳,长乐区 350112 长,福清市 350181 融,闽侯县 350121 侯,连江县 350122 连,罗源县 350123 罗,闽清县 350124 梅,永泰县 350125 樟,平潭县 350128 岚"],
      ["厦门市", "350200", "厦", "0592", "思明区 350203 思,海沧区 350205 沧,湖里区 350206 湖,集美区 350211 集,同安区 350212 同,翔安区 350213 翔"],
      ["漳州市", "350600", "漳", "0596", "芗城区 350602 芗,龙文区 350603 文,龙海区 350604 海,长泰区 350605 泰,云霄县 350622 霄,漳浦县 350623 浦,诏安县 350624 诏,东山县 350626 铜,南靖县 350627 靖,平和县 350628 和,华安县 350629 华"],
      ["莆田市", "350300", "莆", "0594", "城厢区 350302 厢,涵江区 350303 涵,荔城区 350304 荔,秀屿区 350305 秀,仙游县 350322 仙"],
      ["三明市", "350400", "明", "0598", "三元区 350404 元,沙县区 350405 沙,永安市 350481 燕,明溪县 350421 溪,清流县 350423 流,宁化县 350424 化,大田县 350425 田,尤溪县 350426 尤,将乐县 350428 乐,泰宁县 350429 宁,建宁县 350430 濉"],
      ["南平市", "350700", "延", "0599", "延平区 350702 剑,建阳区 350703 潭,邵武市 350781 邵,武夷山市 350782 夷,建瓯市 350783 瓯,顺昌县 350721 顺,浦城县 350722 浦,光泽县 350723 光,松溪县 350724 松,政和县 350725 政"],
      ["龙岩市", "350800", "岩", "0597", "新罗区 350802 罗,永定区 350803 定,漳平市 350881 菁,长汀县 350821 汀,上杭县 350823 杭,武平县 350824 武,连城县 350825 莲"],
      ["宁德市", "350900", "宁", "0593", "蕉城区 350902 蕉,福安市 350981 韩,福鼎市 350982 鼎,霞浦县 350921 霞,古田县 350922 古,屏南县 350923 屏,寿宁县 350924 寿,周宁县 350925 周,柘荣县 350926 柘"],
    ] as const
  ).map(([name, code, abbreviation, areaCode, list]) => {
    const prefecture: Prefecture = { name, code: `${code}000000`, county: code, abbreviation, areaCode };
    return {
      prefecture,
      counties: list.split(",").map((entry) => {
        const [countyName, countyCode, countyAbbreviation] = entry.split(" ") as [string, string, string];
        return { code: countyCode, name: countyName, abbreviation: countyAbbreviation, prefecture };
      }),
    };
  }),
];

/**
 * Distinct two-character names for the province's generated streets and
 * towns (鹤峰街道, 龙溪镇), none the short name of one of 泉州市's, in a seeded order.
 */
export function townshipNamePool(rng: Rng): string[] {
  const real = new Set([...streetNames, ...townNames].map((s) => s.name.replace(/(街道|镇)$/, "")));
  const names: string[] = [];
  for (const a of placeFirst) for (const b of placeSecond) if (a !== b && !real.has(a + b)) names.push(a + b);
  return rng.shuffle(names);
}

/** Third characters of three-character village names (东山头, 后林厝, 龙溪尾). */
const placeThird = "头尾里口边内下顶厝坂墘仔".split("");
/** Second characters after a surname (林厝, 黄宅, 陈坑). */
const clanSecond = "厝宅坑埔洋庄店".split("");

/**
 * The province's community and village names: the city's two-character ones,
 * names after a clan (林厝), and three-character ones (东山头), distinct and
 * none the demo's, in a seeded order. Enough for 22,500 places and more.
 */
export function provincePlaceNamePool(rng: Rng): string[] {
  const taken = new Set<string>([...demoStreets.flatMap((s) => s.communities), ...demoTown.villages]);
  const names = new Set<string>();
  const add = (name: string) => {
    if (!taken.has(name)) names.add(name);
  };
  const pairs: string[] = [];
  for (const a of placeFirst) for (const b of placeSecond) if (a !== b) pairs.push(a + b);
  for (const pair of pairs) add(pair);
  for (const surname of surnameList) for (const b of clanSecond) add(surname + b);
  for (const pair of pairs) {
    if (placeThird.includes(pair[1]!) || "前后上下".includes(pair[1]!)) continue;
    for (const c of placeThird) if (c !== pair[0]) add(pair + c);
  }
  return rng.shuffle([...names]);
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
/** Road names found in any city, for the province's other cities (泉州市 keeps its own, 温陵路 and all). */
const commonRoads = ["中山路", "新华路", "东海大街", "滨江路", "世纪大道", "成功路", "迎宾路", "兴业路", "振兴街", "人民路", "解放路", "建设路", "五一路", "工业路", "东环路", "江滨路"];

/** An address on a road of the city: `prefecture` one of the province's, 泉州市 by default. */
export function street(rng: Rng, prefecture: Prefecture = city): string {
  return `${rng.pick(prefecture === city ? roads : commonRoads)}${rng.int(1, 399)}号`;
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
