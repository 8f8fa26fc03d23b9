import type { ToastTone } from '../../server/contracts/messages';
import type { ClarityHostApi } from './protocol';

/**
 * Shows a notice a frame asked for: through the host's own toast when it has one, else in a small
 * live region the extension adds (announced by screen readers, gone after a few seconds).
 */
export function showToast(host: ClarityHostApi | undefined, message: string, tone: ToastTone): void {
  if (host?.toast) {
    host.toast(message, tone);
    return;
  }
  let region = document.getElementById('clx-toasts');
  if (!region) {
    region = document.createElement('div');
    region.id = 'clx-toasts';
    region.className = 'clx-toasts';
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    document.body.appendChild(region);
  }
  const item = document.createElement('div');
  item.className = `clx-toast clx-toast-${tone}`;
  item.textContent = message; // text, never HTML: the message comes from a frame
  region.appendChild(item);
  setTimeout(() => item.remove(), tone === 'error' ? 8000 : 4000);
}
