import { DomainError, type ErrorBody, ErrorKind, type JsonLogger } from '@shanyu/common';
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from '@shanyu/messaging';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitedError } from '../auth/rate-limited.error.js';

export interface HttpErrorResponse extends ErrorBody {
  statusCode: number;
  /** 429 only: when the refusal ends (ISO 8601); the header Retry-After says the same in seconds. */
  retryAt?: string;
}

const FRAMEWORK_CODES: Record<number, { code: string; message: string }> = {
  400: { code: 'VALIDATION', message: '请求格式有误' },
  401: { code: 'UNAUTHENTICATED', message: '需要登录' },
  403: { code: 'FORBIDDEN', message: '无权访问' },
  404: { code: 'ROUTE_NOT_FOUND', message: '接口不存在' },
  405: { code: 'METHOD_NOT_ALLOWED', message: '不支持的请求方法' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' },
  414: { code: 'URI_TOO_LONG', message: '请求地址或路径参数过长' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '请使用 application/json' },
  429: { code: 'TOO_MANY_REQUESTS', message: '请求过于频繁' },
};

/** Problems listed in `details`; the rest are counted in one last entry (60,000 unknown fields make 21 entries, not 60,000). */
export const MAX_DETAILS = 20;

function capDetails(body: ErrorBody): ErrorBody {
  if (!body.details || body.details.length <= MAX_DETAILS) return body;
  const rest = body.details.length - MAX_DETAILS;
  return { ...body, details: [...body.details.slice(0, MAX_DETAILS), { field: '(more)', code: 'moreProblems', message: `另有 ${rest} 个问题未列出` }] };
}

/** Maps any error to `{statusCode, code, message, details?}`; a 500 never shows internals. */
export function toHttpError(e: unknown): HttpErrorResponse {
  if (e instanceof RateLimitedError) return { statusCode: ErrorKind[e.kind], ...e.toBody(), retryAt: e.retryAt.toISOString() };
  if (e instanceof DomainError) return { statusCode: ErrorKind[e.kind], ...capDetails(e.toBody()) };
  const status = e instanceof HttpException ? e.getStatus() : (e as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const known = FRAMEWORK_CODES[status] ?? { code: 'BAD_REQUEST', message: '请求有误' };
    const fastifyCode = (e as { code?: string }).code;
    // Only a 400 can be about the body: "Cannot GET /api/v1/x.json" is a 404 whose message names JSON.
    if (status === 400 && (fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test((e as Error).message ?? ''))) {
      return {
        statusCode: 400,
        code: 'VALIDATION',
        message: '请求体不是合法的 JSON',
        details: [{ field: '(body)', code: 'isJson', message: '请求体不是合法的 JSON' }],
      };
    }
    // A 400 always names what was wrong, even when the framework said nothing more precise.
    if (status === 400) return { statusCode: 400, ...known, details: [{ field: '(request)', code: 'badRequest', message: '请求格式有误' }] };
    return { statusCode: status, ...known };
  }
  // The gateway's own PostgreSQL (logins, calendar, evidence) cannot be reached: retry later.
  if (isDatabaseUnavailable(e)) return { statusCode: 503, ...DATABASE_UNAVAILABLE };
  return { statusCode: 500, code: 'INTERNAL', message: '服务内部错误' };
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = toHttpError(exception);
    if (body.statusCode >= 500) {
      this.logger.error('request failed', { requestId: request.id, method: request.method, url: request.url, err: exception });
    }
    if (exception instanceof RateLimitedError) void reply.header('retry-after', String(exception.retryAfterSeconds()));
    void reply.status(body.statusCode).send(body);
  }
}
