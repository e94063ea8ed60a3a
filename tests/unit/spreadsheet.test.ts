import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { decodeText, parseCsv, readSpreadsheet, spreadsheetFormatOf, writeXlsx } from "../../app/domain/shared/spreadsheet.server";

describe("CSV", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    expect(parseCsv('名称,地址\r\n"甲,乙协会","说""好""的\n二楼"\r\n丙,\n')).toEqual([
      ["名称", "地址"],
      ["甲,乙协会", '说"好"的\n二楼'],
      ["丙", ""],
    ]);
  });

  it("keeps a last record without a line break and an empty last field", () => {
    expect(parseCsv("a,b\n1,")).toEqual([["a", "b"], ["1", ""]]);
  });

  it("decodes UTF-8, and GB18030 as Excel on Chinese Windows saves it", () => {
    expect(decodeText(new TextEncoder().encode("大良街道"))).toBe("大良街道");
    // "大良" in GBK.
    expect(decodeText(Uint8Array.from([0xb4, 0xf3, 0xc1, 0xbc]))).toBe("大良");
  });

  it("reads a CSV file with a byte-order mark and trims cells", async () => {
    const bytes = new TextEncoder().encode("\uFEFF名称 , 类型\n 甲协会 ,社会团体\n");
    expect(await readSpreadsheet(bytes)).toEqual({
      ok: true,
      format: "csv",
      rows: [["名称", "类型"], ["甲协会", "社会团体"]],
    });
  });
});

describe("file kinds", () => {
  it("tells XLSX, old XLS, CSV and other files apart by content", async () => {
    expect(spreadsheetFormatOf(Uint8Array.from([0x50, 0x4b, 3, 4, 0]))).toBe("xlsx");
    expect(spreadsheetFormatOf(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0]))).toBe("xls");
    expect(spreadsheetFormatOf(new TextEncoder().encode("a,b"))).toBe("csv");
    expect(spreadsheetFormatOf(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toBeNull();
    const xls = await readSpreadsheet(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]));
    expect(xls.ok ? "" : xls.problem).toContain(".xls");
    const broken = await readSpreadsheet(Uint8Array.from([0x50, 0x4b, 3, 4, 1, 2, 3]));
    expect(broken.ok ? "" : broken.problem).toContain("无法读取");
  });
});

describe("XLSX", () => {
  it("writes a workbook that reads back with numbers as numbers and text never as a formula", async () => {
    const bytes = await writeXlsx([
      {
        name: "统计",
        caption: ["2026年上半年"],
        columns: [{ header: "项目" }, { header: "数值" }],
        rows: [["社会团体", 58], ["=1+1", null]],
      },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet("统计")!;
    expect(ws.getCell("A1").value).toBe("2026年上半年");
    expect(ws.getCell("A2").value).toBe("项目");
    expect(ws.getCell("B3").value).toBe(58);
    expect(ws.getCell("A4").value).toBe("=1+1");
    expect(ws.getCell("A4").formula).toBeUndefined();
  });

  it("reads cells as the text an officer sees: long numbers whole, dates as days, rich text joined", async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet("导入");
    ws.addRow(["名称", "代码", "成立日期", "备注"]);
    ws.addRow([{ richText: [{ text: "甲" }, { text: "协会" }] }, 123456789012345, new Date(Date.UTC(2024, 2, 5)), { formula: "1+1", result: 2 }]);
    ws.addRow([]);
    ws.addRow(["乙协会"]);
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    expect(await readSpreadsheet(bytes)).toEqual({
      ok: true,
      format: "xlsx",
      rows: [["名称", "代码", "成立日期", "备注"], ["甲协会", "123456789012345", "2024-03-05", "2"], [], ["乙协会"]],
    });
  });
});
