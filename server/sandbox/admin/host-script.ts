/**
 * The host side of the extension protocol (extension/src/protocol.ts), as the Clarity admin
 * implements it: window.ClarityHost.getSessionToken() asks this admin's server for a fresh
 * session token; toast() shows notices in the admin's own style. Plain JS, served as /host.js.
 */
export const HOST_SCRIPT = `(function () {
  'use strict';
  var tokenUrl = document.body.getAttribute('data-token-url');
  function toast(message, tone) {
    var region = document.getElementById('host-toasts');
    if (!region) return;
    var el = document.createElement('div');
    el.className = 'toast toast-' + (tone === 'success' || tone === 'error' ? tone : 'info');
    el.textContent = String(message);
    region.appendChild(el);
    setTimeout(function () { el.remove(); }, tone === 'error' ? 8000 : 4000);
  }
  window.ClarityHost = {
    getSessionToken: function () {
      return fetch(tokenUrl, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: '{}' })
        .then(function (r) {
          if (!r.ok) throw new Error('the admin could not issue a session token (HTTP ' + r.status + ')');
          return r.json();
        })
        .then(function (b) { return b.token; });
    },
    toast: toast
  };
})();
`;
