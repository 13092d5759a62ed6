// The one way to the server: the public GraphQL API at /graphql. The session token lives in
// this module's memory only (never localStorage): a reload signs the user out.
let token = null;

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
  const response = await fetch('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch (error) {
    throw new ApiError(`HTTP ${response.status}`);
  }
  if (body.errors && body.errors.length) throw new ApiError(body.errors[0].message, body.errors);
  return body.data;
}

// A mutation's payload; its `errors` (code, message, field) are data for the form to show.
export async function mutate(name, inputType, input, selection) {
  const query = `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} errors { code message field } } }`;
  const data = await gql(query, { input });
  return data[name];
}

export async function login(username, password) {
  const payload = await mutate(
    'login', 'LoginInput', { username, password }, 'session { accessToken }',
  );
  if (payload.errors.length) return payload.errors;
  token = payload.session.accessToken;
  return [];
}

export async function logout() {
  try {
    if (token) await gql('mutation { logout { errors { message } } }');
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
