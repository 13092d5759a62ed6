// Live updates: one graphql-transport-ws connection to /graphql per page, authenticated in
// connection_init; screens subscribe to their property's events and re-read what changed.
// Without a live server (or after a lost connection) screens simply show what they read;
// after a reconnection every subscriber re-reads once (events may have been missed).
import { currentToken } from './api.js';

const subscriptions = new Map();
let socket = null;
let ready = false;
let nextId = 1;
let retry = 500;

function send(message) {
  if (socket && ready) socket.send(JSON.stringify(message));
}

function start(id, entry) {
  send({ id, type: 'subscribe', payload: { query: entry.query, variables: entry.variables } });
  if (entry.onStart) entry.onStart();
}

function connect() {
  if (socket || !currentToken() || subscriptions.size === 0) return;
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const opened = new WebSocket(`${scheme}://${window.location.host}/graphql`, 'graphql-transport-ws');
  socket = opened;
  opened.onopen = () => {
    opened.send(JSON.stringify({
      type: 'connection_init', payload: { Authorization: `Bearer ${currentToken()}` },
    }));
  };
  opened.onmessage = (message) => {
    if (socket !== opened) return;
    const data = JSON.parse(message.data);
    if (data.type === 'connection_ack') {
      const again = retry > 500;
      ready = true;
      retry = 500;
      subscriptions.forEach((entry, id) => {
        start(id, entry);
        if (again) entry.onEvent(null);
      });
    } else if (data.type === 'ping') {
      opened.send(JSON.stringify({ type: 'pong' }));
    } else if (data.type === 'next' && subscriptions.has(data.id)) {
      const payload = data.payload || {};
      if (payload.data) subscriptions.get(data.id).onEvent(Object.values(payload.data)[0]);
    }
  };
  opened.onclose = () => {
    if (socket !== opened) return; // closed on purpose, and forgotten then
    socket = null;
    ready = false;
    if (!currentToken() || subscriptions.size === 0) return;
    retry = Math.min(retry * 2, 10000);
    window.setTimeout(connect, retry);
  };
}

// Subscribe; `onEvent(event)` gets each LiveEvent (null after a reconnection); `onStart()`, if
// given, runs each time the subscription is sent on an open connection (a screen may say it is
// live). Returns the function that ends the subscription.
export function subscribe(query, variables, onEvent, onStart) {
  const id = String(nextId);
  nextId += 1;
  subscriptions.set(id, { query, variables, onEvent, onStart });
  if (ready) start(id, subscriptions.get(id));
  else connect();
  return () => {
    subscriptions.delete(id);
    send({ id, type: 'complete' });
    if (subscriptions.size === 0) close();
  };
}

// Sign-out: close the connection (its credential is gone).
export function disconnect() {
  subscriptions.clear();
  close();
}

// Forget the connection at once: a subscription made while it is still closing goes on a new one.
function close() {
  const closing = socket;
  socket = null;
  ready = false;
  if (closing) closing.close();
}

// A screen's reload, at most once per burst of events.
export function debounced(work, wait = 250) {
  let timer = null;
  return () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(work, wait);
  };
}
