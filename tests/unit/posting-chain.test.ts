import { describe, expect, test } from "vitest";
import { canonicalJson, genesisHash, verifyChain, versionHash, type ChainContent, type StoredLink } from "../../app/domain/postings/chain";

const content = (n: number, extra: Partial<ChainContent> = {}): ChainContent => ({
  postingId: 10 + n,
  placeCode: "350502100201",
  category: "finance",
  kind: "finance_monthly",
  period: `2025-0${n}`,
  number: 1,
  title: `2025年${n}月财务收支公开`,
  body: "收支情况如下",
  tableRows: [{ item: "租金", income: "100.00", expense: "" }],
  correctionReason: null,
  files: [{ name: "照片.png", sha256: "a".repeat(64), size: 10 }],
  review: { name: "李监督", opinion: "同意公开", at: new Date(`2025-0${n + 1}-05T02:00:00Z`) },
  publishedAt: new Date(`2025-0${n + 1}-05T02:00:00Z`),
  salt: `salt-${n}`,
  ...extra,
});

/** A chain built as the application builds it: each link hashes its content with the previous link's hash. */
function chain(count: number): StoredLink[] {
  const links: StoredLink[] = [];
  let previous = genesisHash;
  for (let i = 1; i <= count; i++) {
    const c = content(i);
    const hash = versionHash(c, previous);
    links.push({ versionId: 100 + i, chainSeq: i, contentHash: hash, previousHash: previous, content: c });
    previous = hash;
  }
  return links;
}

describe("canonical content", () => {
  test("does not depend on key order, at any depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
  });

  test("the hash is SHA-256 hex and changes with any field, including the previous hash", () => {
    const base = versionHash(content(1), genesisHash);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(versionHash(content(1), genesisHash)).toBe(base);
    const variants: Array<Partial<ChainContent>> = [
      { title: "改过的标题" },
      { body: "收支情况如下 " },
      { tableRows: [{ item: "租金", income: "100.01", expense: "" }] },
      { files: [] },
      { correctionReason: "更正" },
      { number: 2 },
      { publishedAt: new Date("2025-02-05T02:00:00.001Z") },
      { placeCode: "350502100202" },
      { review: { name: "李监督", opinion: "同意", at: new Date("2025-02-05T02:00:00Z") } },
      { salt: "another" },
    ];
    for (const v of variants) expect(versionHash(content(1, v), genesisHash)).not.toBe(base);
    expect(versionHash(content(1), "1".repeat(64))).not.toBe(base);
  });
});

describe("verifying a chain", () => {
  test("an intact chain has no problems, in whatever order it is read", () => {
    expect(verifyChain(chain(5))).toEqual([]);
    expect(verifyChain(chain(5).reverse())).toEqual([]);
  });

  test("names the version whose stored content was changed", () => {
    const links = chain(4);
    links[2]!.content = { ...links[2]!.content, body: "被改动的内容" };
    expect(verifyChain(links)).toEqual([expect.objectContaining({ versionId: 103, postingId: 13, message: expect.stringContaining("内容") })]);
  });

  test("a re-hashed tampered version breaks the next link", () => {
    const links = chain(4);
    links[1]!.content = { ...links[1]!.content, title: "改" };
    links[1]!.contentHash = versionHash(links[1]!.content, links[1]!.previousHash);
    expect(verifyChain(links)).toEqual([expect.objectContaining({ versionId: 103, message: expect.stringContaining("前一版本哈希") })]);
  });

  test("a version dated before the one it follows is named", () => {
    const links = chain(3);
    links[2]!.content = { ...links[2]!.content, publishedAt: new Date("2025-01-01T00:00:00Z") };
    links[2]!.contentHash = versionHash(links[2]!.content, links[2]!.previousHash);
    expect(verifyChain(links)).toEqual([expect.objectContaining({ versionId: 103, message: expect.stringContaining("公开时间") })]);
  });

  test("a removed version leaves a gap that is named", () => {
    const links = chain(4);
    links.splice(1, 1);
    const problems = verifyChain(links);
    expect(problems.map((p) => p.versionId)).toContain(103);
    expect(problems.some((p) => p.message.includes("缺失"))).toBe(true);
  });
});
