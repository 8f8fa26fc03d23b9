/** The few styles the extension adds to the host page, prefixed so they cannot clash. */
const CSS = `
.clx-frame{display:block;width:100%;border:0;background:transparent;transition:height .12s ease-out}
.clx-badge{display:inline-block;padding:1px 8px;border-radius:999px;font:600 12px/18px system-ui,sans-serif;white-space:nowrap;border:1px solid transparent}
.clx-badge-ok{background:#e3f4e8;color:#14532d;border-color:#a7d7b5}
.clx-badge-pending{background:#eef2ff;color:#1e3a8a;border-color:#c7d2fe}
.clx-badge-warn{background:#fff4d6;color:#713f12;border-color:#f5d27a}
.clx-badge-error{background:#fde8e8;color:#7f1d1d;border-color:#f3b4b4}
.clx-badge-muted{background:#f1f2f4;color:#374151;border-color:#d5d8dd}
.clx-toasts{position:fixed;right:16px;bottom:16px;display:flex;flex-direction:column;gap:8px;z-index:2147483000;max-width:min(360px,calc(100vw - 32px))}
.clx-toast{padding:10px 14px;border-radius:6px;font:14px/1.4 system-ui,sans-serif;color:#fff;background:#1f2937;box-shadow:0 4px 12px rgba(0,0,0,.2)}
.clx-toast-success{background:#166534}.clx-toast-error{background:#991b1b}
`;

export function injectStyles(): void {
  if (document.getElementById('clx-styles')) return;
  const style = document.createElement('style');
  style.id = 'clx-styles';
  style.textContent = CSS;
  document.head.appendChild(style);
}
