import {
  MSG_BADGES, MSG_RESIZE, MSG_SESSION_TOKEN, MSG_TOAST, parseHostMessage,
  type BadgeMessageItem, type FrameToHostMessage, type ToastTone,
} from '../../../server/contracts/messages';
import { parseHash } from './route';

/**
 * The frame's side of the postMessage protocol (server/contracts/messages.ts). The host origin
 * comes from the URL the extension gave us; tokens are accepted only from window.parent at that
 * origin, and everything we post goes only to that origin.
 */
const hostOrigin = (() => {
  const host = parseHash(location.hash).query.get('host');
  try {
    return host ? new URL(host).origin : null;
  } catch {
    return null;
  }
})();

export const embedded = window.parent !== window && hostOrigin !== null;

function post(msg: FrameToHostMessage) {
  if (embedded && hostOrigin) window.parent.postMessage(msg, hostOrigin);
}

let seq = 0;
const waiting = new Map<string, { resolve(t: string): void; reject(e: Error): void }>();

window.addEventListener('message', (event) => {
  if (event.source !== window.parent || event.origin !== hostOrigin) return;
  const msg = parseHostMessage(event.data);
  if (!msg) return;
  // Our extension echoes requestId; a host that answers the bare contract form (no id) answers
  // the oldest request.
  const key = msg.requestId && waiting.has(msg.requestId) ? msg.requestId : waiting.keys().next().value;
  const w = key === undefined ? undefined : waiting.get(key);
  if (!w || key === undefined) return;
  waiting.delete(key);
  if ('token' in msg) w.resolve(msg.token);
  else w.reject(new Error(msg.error));
});

/** Asks the host for a fresh session token. */
export function requestSessionToken(timeoutMs = 10_000): Promise<string> {
  if (!embedded) return Promise.reject(new Error('Open this page from the Clarity admin: it needs the admin to sign you in.'));
  const requestId = `r${++seq}`;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(requestId);
      reject(new Error('The Clarity admin did not answer with a session token.'));
    }, timeoutMs);
    waiting.set(requestId, {
      resolve: (t) => (clearTimeout(timer), resolve(t)),
      reject: (e) => (clearTimeout(timer), reject(e)),
    });
    post({ type: MSG_SESSION_TOKEN, requestId });
  });
}

export function toast(message: string, tone: ToastTone = 'info'): void {
  post({ type: MSG_TOAST, message, tone });
}

export function sendBadges(badges: BadgeMessageItem[]): void {
  post({ type: MSG_BADGES, badges });
}

/** Reports the document's height whenever it changes, so the host sizes our iframe to fit. */
export function startAutoResize(): void {
  if (!embedded) return;
  let last = -1;
  let frame = 0;
  const report = () => {
    frame = 0;
    const h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h !== last) {
      last = h;
      post({ type: MSG_RESIZE, height: h });
    }
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(report);
  };
  new ResizeObserver(schedule).observe(document.documentElement);
  schedule();
}
