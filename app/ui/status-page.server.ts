/**
 * A self-contained page for answers given before or instead of rendering the
 * app (cross-site refusal, database away): no database, no React needed.
 */
export function statusPage(options: { status: number; title: string; message: string; nonce: string }): string {
  const escape = (text: string) =>
    text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(options.title)} - 社区治理与社会组织登记平台</title>
<style nonce="${options.nonce}">
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;background:#f5f6f8;color:#1f2937;margin:0}
main{max-width:40rem;margin:12vh auto;background:#fff;border-top:4px solid #b91c1c;padding:2rem 2.5rem;box-shadow:0 1px 3px #0002}
h1{font-size:1.4rem;margin:0 0 1rem}p{line-height:1.8}a{color:#1d4ed8}small{color:#6b7280}
</style></head>
<body><main><h1>${escape(options.title)}</h1><p>${escape(options.message)}</p>
<p><a href="/">返回首页</a></p><small>状态码 ${options.status}</small></main></body></html>`;
}
