import { createHash } from "node:crypto";
import { attachmentProblem, sniffAttachmentType } from "./file-types";
import { withoutControlCharacters } from "./text-input";

export interface Upload {
  name: string;
  content: Uint8Array;
}

/** What is wrong with a set of uploads, one message per problem; empty when all may be stored. */
export function uploadProblems(files: Upload[]): string[] {
  const problems = files.map((f) => attachmentProblem(f.name, f.content)).filter((p): p is string => !!p);
  if (!files.length) problems.push("请选择要上传的文件");
  return problems;
}

/** The stored form of an upload: its type as its content shows, size and SHA-256. */
export function storedAttachment(file: Upload, uploadedBy: number, now: Date) {
  return {
    // A name with control characters cannot be stored in PostgreSQL text and could reorder what is shown.
    fileName: withoutControlCharacters(file.name).slice(0, 200) || "未命名文件",
    contentType: sniffAttachmentType(file.content)!,
    size: file.content.length,
    sha256: createHash("sha256").update(file.content).digest("hex"),
    content: file.content,
    uploadedBy,
    uploadedAt: now,
  };
}

/** The headers of a file download: the name survives in UTF-8 and the browser never guesses the type. */
export function downloadHeaders(file: { contentType: string; size: number; fileName: string }): HeadersInit {
  return {
    "Content-Type": file.contentType,
    "Content-Length": String(file.size),
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
}
