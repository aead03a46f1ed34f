// Machine credentials of department systems: use cases a command-line tool can build with a DataSource.
export * from './api-client.entity.js';
export * from './api-client.contracts.js';
export { toApiClientView } from './api-client.views.js';
export { ApiClientAuthenticator, assertScope, clientActor, type ClientAccess } from './api-client-authenticator.js';
export { hashClientSecret, newClientSecret, verifyClientSecret } from './client-secret.js';
export { ApiRouteCatalog, checkScopes, normaliseScope, routeScope } from './scopes.js';
export { CreateApiClient } from './create-api-client.use-case.js';
export { ListApiClients } from './list-api-clients.query.js';
export { RotateApiClientSecret, type RotatedClientSecret } from './rotate-api-client-secret.use-case.js';
export { RevokeApiClient } from './revoke-api-client.use-case.js';
export { IssueClientToken, type ClientTokenResponse } from './issue-client-token.use-case.js';
