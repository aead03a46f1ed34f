import { DomainError, type ErrorBody } from '@shanyu/common';
import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';

/** PostgreSQL SQLSTATEs of a server that is gone, going or not yet back (class 08, 57P01–57P03). */
const DATABASE_GONE_STATES = /^(08\d{3}|57P0[123])$/;
// The last one is TypeORM's QueryRunnerAlreadyReleasedError (two wordings): the connection of a
// transaction was lost mid-way (seen when PostgreSQL is killed under load, tests/faults).
const DATABASE_GONE_MESSAGES =
  /Connection terminated|is not queryable|connect ECONNREFUSED|ECONNRESET|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)|query runner (was )?already released/i;

/**
 * Whether an error means the database cannot be reached right now (a restart, a failover, a
 * network cut) rather than a fault in the request or the code: the caller should retry later.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (let err = e as { code?: unknown; message?: unknown; cause?: unknown; driverError?: unknown } | undefined, depth = 0; err && depth < 4; depth++) {
    if (typeof err.code === 'string' && (DATABASE_GONE_STATES.test(err.code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(err.code))) return true;
    if (typeof err.message === 'string' && DATABASE_GONE_MESSAGES.test(err.message)) return true;
    err = (err.driverError ?? err.cause) as typeof err;
  }
  return false;
}

export const DATABASE_UNAVAILABLE: ErrorBody = { code: 'SERVICE_UNAVAILABLE', message: '数据库暂不可用，请稍后重试' };

/**
 * Any error becomes the `{code,message,details}` body; a database that cannot be reached is
 * SERVICE_UNAVAILABLE (retry later), other unknown errors hide their internals behind INTERNAL.
 */
export function toErrorBody(e: unknown): ErrorBody {
  if (e instanceof DomainError) return e.toBody();
  if (isErrorBody(e)) return e;
  if (isDatabaseUnavailable(e)) return DATABASE_UNAVAILABLE;
  return { code: 'INTERNAL', message: '服务内部错误' };
}

function isErrorBody(e: unknown): e is ErrorBody {
  return !!e && typeof e === 'object' && typeof (e as ErrorBody).code === 'string' && typeof (e as ErrorBody).message === 'string' && !(e instanceof Error);
}

/**
 * Keeps errors intact through Nest's RPC pipeline (its default filter would flatten them): the
 * server (NatsRpcServer) turns each into its reply body with toErrorBody, and logs an unexpected
 * one with its original message and stack — converting here would lose both.
 */
@Catch()
export class RpcDomainErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
