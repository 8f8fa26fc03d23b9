/**
 * The host ↔ extension protocol: how a Clarity admin page (or the demo's simulated admin) hosts
 * this extension. The frame ↔ extension half is in server/contracts/messages.ts.
 *
 * 1. Before loading the script, the host page defines its API:
 *
 *      window.ClarityHost = {
 *        // required: a fresh session token (contracts/clarity.md §4) for this app and the signed-in user
 *        getSessionToken(): Promise<string>,
 *        // optional: show a notice in the host's own style; without it the extension draws its own
 *        toast?(message: string, tone: 'info' | 'success' | 'error'): void,
 *      };
 *
 * 2. The host loads the script named by manifest.json (`extensions[].script`), from the app's URL:
 *
 *      <script src="{appUrl}/extension/extension.js" async></script>
 *
 *    The extension takes the app's location from its own src (or `data-app-url` on the tag), so the
 *    frames it makes load `{appUrl}/ui/`.
 *
 * 3. The host marks where each extension point goes; the extension fills every marked element
 *    when it loads:
 *
 *      <div data-clarity-extension="admin.order.detail" data-order-id="100234"></div>
 *      <div data-clarity-extension="admin.order.list" data-order-ids="100234,100235"></div>
 *          and, in each order row:  <span data-clarity-badge="100234"></span>
 *      <div data-clarity-extension="admin.app"></div>
 *
 *    For pages that render later, the extension exposes
 *
 *      window.ClarityExtensions = { version, mount(el), unmount(el), scan(root?) }
 *
 *    and dispatches a `clarity:extensions-ready` event on window once that object exists.
 *
 * Each point becomes one iframe of ui/: the order panel (#/order/<id>), a one-line summary for the
 * list whose frame sends the per-row badges for the extension to draw in the host's slots
 * (#/badges?ids=…), and the full app (#/app). Frames are sized to the height they report.
 */
export interface ClarityHostApi {
  getSessionToken(): Promise<string>;
  toast?(message: string, tone: 'info' | 'success' | 'error'): void;
}

export interface ClarityExtensionsApi {
  version: string;
  mount(el: HTMLElement): void;
  unmount(el: HTMLElement): void;
  scan(root?: ParentNode): void;
}

declare global {
  interface Window {
    ClarityHost?: ClarityHostApi;
    ClarityExtensions?: ClarityExtensionsApi;
  }
}

export const READY_EVENT = 'clarity:extensions-ready';
export const ATTR_POINT = 'data-clarity-extension';
export const ATTR_BADGE = 'data-clarity-badge';
