import type { FieldProblem } from '@shanyu/common';

/**
 * A scope is one route, written as in the OpenAPI document (/api/docs-json):
 * `GET /api/v1/inspections/{id}`. `:id` is accepted for `{id}`. A client may call exactly the
 * routes in its scopes (public routes need no scope); the routes that manage credentials
 * (`/api/v1/admin/…`) and the login routes (`/api/v1/auth/…`) cannot be granted.
 */
const SCOPE = /^(GET|POST|PUT|PATCH|DELETE) (\/[A-Za-z0-9._~{}\-/]*)$/;
const NOT_GRANTABLE = /^\/api\/v1\/(admin|auth)(\/|$)/;

export function normaliseScope(raw: string): string {
  const [method = '', ...rest] = raw.trim().split(/\s+/);
  const path = rest
    .join('')
    .replace(/:(\w+)/g, '{$1}')
    .replace(/(.)\/+$/, '$1');
  return `${method.toUpperCase()} ${path}`;
}

/** The scope that grants a route as Fastify names it (`/api/v1/inspections/:id`). */
export function routeScope(method: string, fastifyUrl: string): string {
  const m = method.toUpperCase();
  return `${m === 'HEAD' ? 'GET' : m} ${fastifyUrl.replace(/:(\w+)/g, '{$1}')}`;
}

/** Every route of the OpenAPI document as a scope, filled in once the document is built. */
export class ApiRouteCatalog {
  private routes?: Set<string>;

  load(document: { paths?: Record<string, object> }): void {
    const methods = ['get', 'post', 'put', 'patch', 'delete'];
    this.routes = new Set(
      Object.entries(document.paths ?? {}).flatMap(([path, operations]) =>
        Object.keys(operations)
          .filter((m) => methods.includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
  }

  /** Undefined until loaded (e.g. a command-line tool without the HTTP app): then only the format is checked. */
  has(scope: string): boolean | undefined {
    return this.routes?.has(scope);
  }
}

/** The scopes normalised, or the problems naming each bad one (`scopes[2]`). */
export function checkScopes(raw: string[], catalog?: ApiRouteCatalog): { scopes: string[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const scopes = raw.map(normaliseScope);
  scopes.forEach((scope, i) => {
    const field = `scopes[${i}]`;
    const match = SCOPE.exec(scope);
    if (!match) {
      problems.push({ field, code: 'SCOPE_FORMAT', message: `权限范围应写作「方法 路径」，如 GET /api/v1/inspections/{id}：${raw[i]}` });
    } else if (NOT_GRANTABLE.test(match[2])) {
      problems.push({ field, code: 'SCOPE_NOT_GRANTABLE', message: `管理与登录接口不能授予接口客户端：${scope}` });
    } else if (catalog?.has(scope) === false) {
      problems.push({ field, code: 'SCOPE_UNKNOWN', message: `接口文档中没有此接口：${scope}` });
    } else if (scopes.indexOf(scope) !== i) {
      problems.push({ field, code: 'SCOPE_DUPLICATE', message: `权限范围重复：${scope}` });
    }
  });
  return { scopes, problems };
}
