// The one way to the server: the public GraphQL API at /graphql. The session token lives in
// this module's memory only (never localStorage): a reload signs the user out.
import { LOGIN, LOGOUT, mutationDocument } from './documents.js';

let token = null;
let knownIds = null;

// The registered documents' ids by text: the desk's manifest (/plugins/web/documents.json)
// and each panel's (documents.json beside its module, added by panels.js with `learnDocuments`),
// the texts the server registers (docs/api.md). A known document is sent by id, so the desk
// works when the server accepts known documents only; anything else goes as text.
const manifests = new Map();

function readManifest(url) {
  return fetch(url)
    .then((response) => (response.ok ? response.json() : { operations: [] }))
    .then((manifest) => manifest.operations.map((op) => [op.body, op.id]))
    .catch(() => []);
}

export function learnDocuments(url) {
  if (!manifests.has(url)) {
    manifests.set(url, readManifest(url));
    knownIds = null;
  }
  return manifests.get(url);
}

function documentIds() {
  if (!knownIds) {
    learnDocuments('/plugins/web/documents.json');
    knownIds = Promise.all(manifests.values()).then((lists) => new Map(lists.flat()));
  }
  return knownIds;
}

export class ApiError extends Error {
  constructor(message, errors) {
    super(message);
    this.errors = errors || [];
  }
}

export function signedIn() {
  return token !== null;
}

export async function gql(query, variables = {}) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const id = (await documentIds()).get(query);
  const request = id ? { documentId: `sha256:${id}`, variables } : { query, variables };
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(request) });
  let body;
  try {
    body = await response.json();
  } catch (error) {
    throw new ApiError(`HTTP ${response.status}`);
  }
  if (body.errors && body.errors.length) throw new ApiError(body.errors[0].message, body.errors);
  return body.data;
}

// A mutation's payload: `document` is a fixed mutation of one root field (documents.js,
// `mutationDocument`), `input` its input; its `errors` (code, message, field) are data for the
// form to show. The older form `mutate(name, inputType, input, selection)` still works for a
// third-party panel, but its text is registered only if the panel's manifest has it.
export async function mutate(document, input, ...older) {
  if (older.length) return mutate(mutationDocument(document, input, older[1]), older[0]);
  const data = await gql(document, { input });
  return Object.values(data)[0];
}

export async function login(username, password) {
  const payload = await mutate(LOGIN, { username, password });
  if (payload.errors.length) return payload.errors;
  token = payload.session.accessToken;
  return [];
}

export async function logout() {
  try {
    if (token) await gql(LOGOUT);
  } finally {
    token = null;
  }
}

export function authHeaders() {
  return token ? { authorization: `Bearer ${token}` } : {};
}

// For the live connection, which sends the credential in its connection_init message.
export function currentToken() {
  return token;
}
