/**
 * Attachments are judged by their content, not by their name: the first bytes
 * must be those of a PDF, JPEG or PNG file.
 */
export const maxAttachmentBytes = 10 * 1024 * 1024;

const signatures: Array<{ type: string; extension: string; bytes: number[] }> = [
  { type: "application/pdf", extension: "pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: "image/jpeg", extension: "jpg", bytes: [0xff, 0xd8, 0xff] },
  { type: "image/png", extension: "png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The content type the bytes show, or null when they are none of the allowed kinds. */
export function sniffAttachmentType(content: Uint8Array): string | null {
  const match = signatures.find((s) => s.bytes.every((b, i) => content[i] === b));
  return match?.type ?? null;
}

export function attachmentProblem(fileName: string, content: Uint8Array): string | null {
  if (content.length === 0) return `文件“${fileName}”是空的`;
  if (content.length > maxAttachmentBytes) return `文件“${fileName}”超过 10 MB`;
  if (!sniffAttachmentType(content)) return `文件“${fileName}”不是 PDF、JPEG 或 PNG 文件（按文件内容判断，而非文件名）`;
  return null;
}
