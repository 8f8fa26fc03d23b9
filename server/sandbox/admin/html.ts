/**
 * HTML for the simulated admin: every piece of merchant text goes through esc(), so a name like
 * `<img onerror=…>` shows as text, as it would in a careful admin.
 */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface LayoutOptions {
  title: string;
  base: string;
  storeName: string;
  active: 'orders' | 'app';
  body: string;
  /** The extension scripts named by manifest.json, as absolute URLs. */
  extensionScripts: string[];
  appName: string;
}

export function layout(o: LayoutOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} · Clarity admin (demo)</title>
<style>${CSS}</style>
</head>
<body data-token-url="${esc(`${o.base}/session-token`)}">
<header class="top">
  <span class="brand">Clarity <small>admin · demo store</small></span>
  <span class="store">${esc(o.storeName)}</span>
</header>
<div class="shell">
<nav class="side" aria-label="Admin">
  <a href="${esc(`${o.base}/`)}"${o.active === 'orders' ? ' aria-current="page"' : ''}>Orders</a>
  <a href="${esc(`${o.base}/app`)}"${o.active === 'app' ? ' aria-current="page"' : ''}>Apps · ${esc(o.appName)}</a>
</nav>
<main class="content" id="main">
${o.body}
</main>
</div>
<div id="host-toasts" class="toasts" role="status" aria-live="polite"></div>
<script src="${esc(`${o.base}/host.js`)}"></script>
${o.extensionScripts.map((s) => `<script src="${esc(s)}" async></script>`).join('\n')}
</body>
</html>`;
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f3f4f6}
a{color:#0b5cad}:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.top{display:flex;justify-content:space-between;align-items:center;padding:10px 20px;background:#1e293b;color:#fff}
.brand{font-weight:700;font-size:16px}.brand small{font-weight:400;opacity:.75;margin-left:6px}.store{opacity:.9}
.shell{display:flex;min-height:calc(100vh - 44px)}
.side{width:200px;flex:none;background:#fff;border-right:1px solid #d0d7de;padding:12px 0;display:flex;flex-direction:column}
.side a{padding:8px 20px;text-decoration:none;color:#1f2328}.side a[aria-current=page]{background:#e7eefb;font-weight:600;border-left:3px solid #0b5cad}
.content{flex:1;min-width:0;padding:20px;max-width:1500px}
h1{font-size:20px;margin:0 0 12px}h2{font-size:16px;margin:18px 0 8px}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:14px 16px;margin-bottom:14px;min-width:0}
.ext{background:#fff;border:1px solid #d0d7de;border-radius:8px;margin-bottom:14px;overflow:hidden}
.ext-title{font-weight:600;padding:8px 14px;border-bottom:1px solid #eaeef2;background:#f6f8fa;font-size:13px}
table{width:100%;border-collapse:collapse;background:#fff}th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #eaeef2;vertical-align:top}
th{font-size:12.5px;color:#57606a;background:#f6f8fa}.num{text-align:right;font-variant-numeric:tabular-nums}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:14px}
.muted{color:#57606a}.row{display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.btn{display:inline-block;padding:6px 12px;border:1px solid #8c959f;border-radius:6px;background:#fff;font:inherit;cursor:pointer;color:#1f2328;text-decoration:none}
.btn-primary{background:#0b5cad;border-color:#0b5cad;color:#fff}
.pager{display:flex;gap:8px;align-items:center;margin-top:10px}
.toasts{position:fixed;right:16px;bottom:16px;display:flex;flex-direction:column;gap:8px;z-index:10}
.toast{padding:10px 14px;border-radius:6px;color:#fff;background:#1f2937;box-shadow:0 4px 12px rgba(0,0,0,.2);max-width:360px}
.toast-success{background:#166534}.toast-error{background:#991b1b}
pre.notes{white-space:pre-wrap;margin:0;font:inherit}
@media (max-width:760px){.shell{flex-direction:column}.side{width:auto;flex-direction:row;overflow-x:auto;border-right:0;border-bottom:1px solid #d0d7de;padding:0}.content{padding:12px}}
`;
