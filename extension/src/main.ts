import { MSG_BADGES, MSG_RESIZE, MSG_SESSION_TOKEN, MSG_TOAST, parseFrameMessage } from '../../server/contracts/messages';
import { findAppLocation } from './app-location';
import { drawBadges } from './badges';
import { createFrame, type MountedFrame } from './frames';
import { ATTR_POINT, READY_EVENT, type ClarityExtensionsApi } from './protocol';
import { injectStyles } from './styles';
import { showToast } from './toast';

/**
 * Entry of extension.js, loaded by the Clarity admin page (protocol in ./protocol.ts): fills the
 * marked extension points with frames of ui/, answers their session-token requests through the
 * host, sizes them, draws the list's badges and shows their toasts.
 */
const VERSION = '1.0.0';
const loc = findAppLocation(document.currentScript, location.href);
const mounted = new Map<HTMLElement, MountedFrame>();

function frameFor(source: MessageEventSource | null): MountedFrame | undefined {
  for (const m of mounted.values()) if (m.frame.contentWindow === source) return m;
  return undefined;
}

async function answerToken(m: MountedFrame, requestId: string | undefined) {
  const reply = (msg: object) => m.frame.contentWindow?.postMessage({ type: MSG_SESSION_TOKEN, requestId, ...msg }, loc.origin);
  const host = window.ClarityHost;
  if (!host?.getSessionToken) return reply({ error: 'host page has no ClarityHost.getSessionToken' });
  try {
    const token = await host.getSessionToken();
    reply(typeof token === 'string' && token ? { token } : { error: 'host returned no token' });
  } catch (err) {
    reply({ error: (err as Error)?.message || 'host could not issue a session token' });
  }
}

window.addEventListener('message', (event) => {
  // Only our own frames, and only while they show the app's origin: a frame navigated elsewhere
  // (or any other window) gets nothing, least of all a session token.
  const m = frameFor(event.source);
  if (!m || event.origin !== loc.origin) return;
  const msg = parseFrameMessage(event.data);
  if (!msg) return;
  switch (msg.type) {
    case MSG_SESSION_TOKEN:
      void answerToken(m, msg.requestId);
      break;
    case MSG_RESIZE:
      m.frame.style.height = `${Math.max(msg.height, 24)}px`;
      break;
    case MSG_TOAST:
      showToast(window.ClarityHost, msg.message, msg.tone ?? 'info');
      break;
    case MSG_BADGES:
      if (m.point === 'admin.order.list') drawBadges(document, msg.badges);
      break;
  }
});

const api: ClarityExtensionsApi = {
  version: VERSION,
  mount(el) {
    api.unmount(el);
    const m = createFrame(loc, el, location.origin);
    if (m) mounted.set(el, m);
  },
  unmount(el) {
    const m = mounted.get(el);
    if (!m) return;
    m.frame.remove();
    mounted.delete(el);
  },
  scan(root = document) {
    root.querySelectorAll<HTMLElement>(`[${ATTR_POINT}]`).forEach((el) => {
      if (!mounted.has(el)) api.mount(el);
    });
  },
};

function start() {
  injectStyles();
  window.ClarityExtensions = api;
  api.scan();
  window.dispatchEvent(new Event(READY_EVENT));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
