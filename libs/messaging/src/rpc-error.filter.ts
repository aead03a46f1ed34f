import { DomainError, type ErrorBody } from '@shanyu/common';
import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';

/** Any error becomes the `{code,message,details}` body; unknown errors hide their internals. */
export function toErrorBody(e: unknown): ErrorBody {
  if (e instanceof DomainError) return e.toBody();
  if (isErrorBody(e)) return e;
  return { code: 'INTERNAL', message: '服务内部错误' };
}

function isErrorBody(e: unknown): e is ErrorBody {
  return !!e && typeof e === 'object' && typeof (e as ErrorBody).code === 'string' && typeof (e as ErrorBody).message === 'string' && !(e instanceof Error);
}

/** Keeps DomainErrors intact through Nest's RPC pipeline (its default filter would flatten them). */
@Catch()
export class RpcDomainErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => (exception instanceof DomainError ? exception : toErrorBody(exception)));
  }
}
