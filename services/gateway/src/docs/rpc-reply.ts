import { ErrorKind, kindOf } from '@shanyu/common';
import { type AnyRpcDef, errorsOf, identityRequired, publishedSchema } from '@shanyu/contracts';
import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const ERROR_BODY = { $ref: '#/components/schemas/ErrorResponse' };

/** Refusals of the gateway itself, on every route that needs a login: no token, a bad one, an API client outside its scopes. */
const AUTHENTICATED = ['UNAUTHENTICATED', 'TOKEN_INVALID', 'TOKEN_REVOKED', 'SCOPE_NOT_GRANTED'];
/** A service that is down or late. */
const TRANSPORT = ['SERVICE_UNAVAILABLE', 'RPC_TIMEOUT'];

/**
 * The HTTP error statuses of a route that forwards to `def`, each with the codes it may carry: the
 * subject's own errors (mapped to statuses as the error filter maps them), the gateway's login and
 * scope refusals, and a service that does not answer. The identity-token refusals are left out:
 * the gateway signs the token itself.
 */
export function httpErrorsOf(def: AnyRpcDef): Map<number, string[]> {
  const codes = [...errorsOf(def).filter((code) => !code.startsWith('IDENTITY_')), ...(identityRequired(def.subject) ? AUTHENTICATED : []), ...TRANSPORT];
  const byStatus = new Map<number, string[]>();
  for (const code of codes) {
    const status = ErrorKind[kindOf(code)];
    const list = byStatus.get(status) ?? [];
    if (!list.includes(code)) list.push(code);
    byStatus.set(status, list);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

/**
 * OpenAPI of a route that answers with what one subject replies: the reply schema and every error
 * status with its codes, both from the subject's definition (nothing listed by hand).
 */
export function RpcReply(def: AnyRpcDef, status = 200) {
  return applyDecorators(
    ApiResponse({ status, description: def.summary, schema: publishedSchema(def.reply) }),
    ...[...httpErrorsOf(def)].map(([code, codes]) =>
      ApiResponse({ status: code, description: codes.join(' / ') + (code === 400 ? ' — details name each bad field' : ''), schema: ERROR_BODY }),
    ),
  );
}

/** The error statuses alone, for a route that turns the subject's reply into something else (a PDF, a sheet, a merge). */
export function RpcErrors(def: AnyRpcDef) {
  return applyDecorators(
    ...[...httpErrorsOf(def)].map(([code, codes]) =>
      ApiResponse({ status: code, description: codes.join(' / ') + (code === 400 ? ' — details name each bad field' : ''), schema: ERROR_BODY }),
    ),
  );
}
