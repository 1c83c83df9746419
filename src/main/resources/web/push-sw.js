// Kairos's service worker: shows what Kairos pushes (title, body, up to three buttons) and, when a button is
// tapped, sends its request (an Approve or Deny link) back to Kairos. Served by Kairos at /push/sw.js.
'use strict';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let n;
  try {
    n = event.data ? event.data.json() : {};
  } catch (e) {
    n = { title: 'Kairos', body: event.data.text() };
  }
  const actions = Array.isArray(n.actions) ? n.actions.slice(0, 3) : [];
  event.waitUntil(self.registration.showNotification(n.title || 'Kairos', {
    body: n.body || '',
    requireInteraction: n.priority === 'urgent' || actions.length > 0,
    silent: n.priority === 'low',
    actions: actions.map((a, i) => ({ action: String(i), title: a.label })),
    data: { click: n.click || null, actions: actions },
  }));
});

self.addEventListener('notificationclick', (event) => {
  const data = event.notification.data || {};
  event.notification.close();
  if (event.action) {
    const action = (data.actions || [])[Number(event.action)];
    if (action) event.waitUntil(answer(action));
  } else if (data.click) {
    event.waitUntil(self.clients.openWindow(data.click));
  }
});

// The button's request, as Kairos wrote it (a POST for a decision). Another origin (KAIROS_PUBLIC_URL) is asked
// without CORS: the request reaches Kairos, whose answer the worker cannot read, so it says "sent".
async function answer(action) {
  const method = (action.method || 'POST').toUpperCase();
  const sameOrigin = new URL(action.url, self.location.href).origin === self.location.origin;
  const simple = method === 'GET' || method === 'POST' || method === 'HEAD';
  try {
    const r = await fetch(action.url, {
      method: method,
      mode: sameOrigin || !simple ? 'cors' : 'no-cors',
      credentials: 'omit',
      cache: 'no-store',
    });
    const said = r.type === 'opaque' ? 'sent to Kairos' : r.ok ? 'done' : 'refused (HTTP ' + r.status + ')';
    await self.registration.showNotification(action.label + ': ' + said, { body: action.url });
  } catch (e) {
    await self.registration.showNotification(action.label + ': Kairos could not be reached', { body: String(e) });
  }
}
