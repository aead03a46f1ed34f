import querystring from 'node:querystring';
import { DomainError } from '@shanyu/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';

/** How large and how complex a JSON body may be; checked on the raw text before JSON.parse. */
export interface JsonBodyLimits {
  /** Bytes of the body (larger: 413 PAYLOAD_TOO_LARGE, before it is read to the end). */
  maxBytes: number;
  /** Nesting of objects and arrays. */
  maxDepth: number;
  /** Keys of one object. */
  maxObjectKeys: number;
  /** Keys of all objects together. */
  maxTotalKeys: number;
  /** Characters of one string (a key or a value). */
  maxStringLength: number;
  /** Items of one array. */
  maxArrayLength: number;
}

export const DEFAULT_JSON_BODY_LIMITS: JsonBodyLimits = {
  maxBytes: 1_000_000,
  maxDepth: 32,
  maxObjectKeys: 500,
  maxTotalKeys: 100_000,
  maxStringLength: 10_000,
  maxArrayLength: 10_000,
};

type Limit = Exclude<keyof JsonBodyLimits, 'maxBytes'>;

const LIMIT_TEXT: Record<Limit, (n: number) => string> = {
  maxDepth: (n) => `嵌套层级不能超过 ${n} 层`,
  maxObjectKeys: (n) => `一个对象的字段不能超过 ${n} 个`,
  maxTotalKeys: (n) => `字段总数不能超过 ${n} 个`,
  maxStringLength: (n) => `一个字符串不能超过 ${n} 个字符`,
  maxArrayLength: (n) => `一个数组不能超过 ${n} 项`,
};

function tooComplex(limit: Limit, value: number): DomainError {
  const text = LIMIT_TEXT[limit](value);
  return new DomainError('BODY_TOO_COMPLEX', `请求体过于复杂：${text}`, [{ field: '(body)', code: limit, message: text }]);
}

/** Fastify's parser gives one error for text that is not JSON and for a prototype key: JSON.parse tells them apart. */
function unparsable(text: string): DomainError {
  let isJson = true;
  try {
    JSON.parse(text);
  } catch {
    isJson = false;
  }
  const problem = isJson
    ? { field: '(body)', code: 'whitelistValidation', message: '不允许的字段（__proto__ / constructor.prototype）' }
    : { field: '(body)', code: 'isJson', message: '请求体不是合法的 JSON' };
  return new DomainError('VALIDATION', problem.message, [problem]);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * One pass over the raw JSON text, counting what JSON.parse (and after it class-transformer and
 * class-validator, whose cost grows faster than the number of keys) would have to build; throws
 * 413 BODY_TOO_COMPLEX at the first limit crossed. Malformed text is left to JSON.parse: the scan
 * only has to be right for valid JSON and linear for anything.
 */
export function assertJsonWithinLimits(text: string, limits: JsonBodyLimits): void {
  // Per open container: 1 = object, 2 = array; its count of keys or items.
  const kinds: number[] = [];
  const counts: number[] = [];
  let totalKeys = 0;
  let arrayOpened = false; // just after '[': the next value (if not ']') is item 1
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    const top = kinds.length - 1;
    if (arrayOpened) {
      arrayOpened = false;
      if (c !== 0x5d) counts[top] = 1;
    }
    if (c === QUOTE) {
      let length = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (d === QUOTE) break;
        if (d === BACKSLASH) j += text.charCodeAt(j + 1) === 0x75 ? 5 : 1; // \uXXXX or \n: one character
        length++;
      }
      if (length > limits.maxStringLength) throw tooComplex('maxStringLength', limits.maxStringLength);
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      if (kinds.length >= limits.maxDepth) throw tooComplex('maxDepth', limits.maxDepth);
      kinds.push(c === 0x7b ? 1 : 2);
      counts.push(0);
      arrayOpened = c === 0x5b;
    } else if (c === 0x7d || c === 0x5d) {
      kinds.pop();
      counts.pop();
    } else if (c === 0x3a && kinds[top] === 1) {
      if (++counts[top]! > limits.maxObjectKeys) throw tooComplex('maxObjectKeys', limits.maxObjectKeys);
      if (++totalKeys > limits.maxTotalKeys) throw tooComplex('maxTotalKeys', limits.maxTotalKeys);
    } else if (c === 0x2c && kinds[top] === 2) {
      if (++counts[top]! > limits.maxArrayLength) throw tooComplex('maxArrayLength', limits.maxArrayLength);
    }
  }
}

/**
 * A form body (only the OAuth 2.0 token request takes one) within the same limits: fields per
 * body and characters per value, counted before it is parsed.
 */
export function parseFormWithinLimits(text: string, limits: JsonBodyLimits): Record<string, unknown> {
  let fields = 1;
  for (let i = text.indexOf('&'); i !== -1; i = text.indexOf('&', i + 1)) {
    if (++fields > limits.maxObjectKeys) throw tooComplex('maxObjectKeys', limits.maxObjectKeys);
  }
  const parsed = querystring.parse(text, '&', '=', { maxKeys: 0 });
  for (const [key, value] of Object.entries(parsed)) {
    if (key === '__proto__')
      throw new DomainError('VALIDATION', '不允许的字段（__proto__）', [
        { field: '(body)', code: 'whitelistValidation', message: '不允许的字段（__proto__）' },
      ]);
    for (const v of Array.isArray(value) ? value : [value]) {
      if ((v ?? '').length > limits.maxStringLength) throw tooComplex('maxStringLength', limits.maxStringLength);
    }
  }
  return parsed;
}

/**
 * The gateway's JSON and form parsers (in place of Nest's defaults): the body is checked against
 * the limits before it is parsed; JSON.parse keeps Fastify's refusal of `__proto__` /
 * `constructor.prototype` keys. A request to an unknown route is not parsed at all, so it is
 * answered 404 whatever its body or media type (without the catch-all parser an unknown media
 * type would be 415 there).
 */
export function registerBodyParsers(app: NestFastifyApplication, limits: JsonBodyLimits): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit: limits.maxBytes }, (request, body, done) => {
    if (request.is404) return done(null, undefined);
    const text = body.toString('utf8');
    try {
      assertJsonWithinLimits(text, limits);
    } catch (e) {
      return done(e as Error, undefined);
    }
    void parse(request, text, (error, value) => {
      done(error ? unparsable(text) : null, value);
    });
  });
  app.useBodyParser<RawServerDefault>('application/x-www-form-urlencoded', { bodyLimit: limits.maxBytes }, (request, body, done) => {
    if (request.is404) return done(null, undefined);
    try {
      done(null, parseFormWithinLimits(body.toString('utf8'), limits));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  fastify.addContentTypeParser('*', (request, _payload, done) => {
    if (request.is404) return done(null, undefined);
    const error = Object.assign(new Error('unsupported media type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
    done(error, undefined);
  });
}
