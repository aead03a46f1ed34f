import { describe, expect, it } from 'vitest';
import { ApiRouteCatalog, checkScopes, normaliseScope, routeScope } from './scopes.js';

describe('API client scopes', () => {
  it('are routes written as in the OpenAPI document, `:param` accepted for `{param}`', () => {
    expect(normaliseScope('get  /api/v1/inspections/:id/')).toBe('GET /api/v1/inspections/{id}');
    expect(routeScope('GET', '/api/v1/inspections/:id')).toBe('GET /api/v1/inspections/{id}');
    expect(routeScope('HEAD', '/api/v1/institutions')).toBe('GET /api/v1/institutions');
  });

  it('refuses malformed, ungrantable, unknown and repeated scopes, naming each', () => {
    const catalog = new ApiRouteCatalog();
    expect(catalog.has('GET /api/v1/institutions')).toBeUndefined();
    catalog.load({ paths: { '/api/v1/institutions': { get: {}, post: {} }, '/api/v1/institutions/{id}': { get: {}, parameters: [] } } });
    const { scopes, problems } = checkScopes(
      ['GET /api/v1/institutions/:id', 'DELETE /api/v1/institutions', 'POST /api/v1/auth/logout', 'everything', 'get /api/v1/institutions/{id}'],
      catalog,
    );
    expect(scopes[0]).toBe('GET /api/v1/institutions/{id}');
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['scopes[1]', 'SCOPE_UNKNOWN'],
      ['scopes[2]', 'SCOPE_NOT_GRANTABLE'],
      ['scopes[3]', 'SCOPE_FORMAT'],
      ['scopes[4]', 'SCOPE_DUPLICATE'],
    ]);
    // Without the document (a command-line tool), only the format and the forbidden routes are checked.
    expect(checkScopes(['DELETE /api/v1/anything']).problems).toEqual([]);
    expect(checkScopes(['GET /api/v1/admin/api-clients']).problems[0].code).toBe('SCOPE_NOT_GRANTABLE');
  });
});
