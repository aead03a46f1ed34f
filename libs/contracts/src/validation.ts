import 'reflect-metadata';
import { DomainError, type FieldProblem } from '@shanyu/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, type ValidationError } from 'class-validator';
import { inputHygieneProblems } from './input-hygiene.js';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type TargetMetadatas = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;
const CACHED = Symbol.for('shanyu.validation-metadata-cache');

/**
 * class-validator looks a class's constraints up on every `validate()`, and of every nested
 * object, by scanning every registered class for inheritance: twice per row of a 1,000-row
 * import. The answer only changes when a decorator registers, so it is kept until one does.
 */
function cacheTargetMetadatas(storage: MetadataStorage & { [CACHED]?: true }): void {
  if (storage[CACHED]) return;
  storage[CACHED] = true;
  let cache = new WeakMap<Function, Map<string, { metadatas: TargetMetadatas; grouped: Record<string, TargetMetadatas> }>>();
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  const groupedOf = new WeakMap<TargetMetadatas, Record<string, TargetMetadatas>>();
  storage.addValidationMetadata = (metadata) => {
    cache = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}|${always}|${strictGroups}|${groups?.join('\u0000') ?? ''}`;
    let byOptions = cache.get(target);
    if (!byOptions) cache.set(target, (byOptions = new Map()));
    let found = byOptions.get(key);
    if (!found) {
      const metadatas = lookUp(target, schema, always, strictGroups, groups);
      found = { metadatas, grouped: group(metadatas) };
      groupedOf.set(metadatas, found.grouped);
      byOptions.set(key, found);
    }
    return found.metadatas;
  };
  storage.groupByPropertyName = (metadatas) => groupedOf.get(metadatas) ?? group(metadatas);
}
cacheTargetMetadatas(getMetadataStorage());

/** Chinese messages for class-validator's built-in constraints; custom ones bring their own. */
const MESSAGES: Record<string, (c: string) => string> = {
  whitelistValidation: () => '不允许的字段',
  isDefined: () => '必填',
  isNotEmpty: () => '不能为空',
  isString: () => '必须是字符串',
  isInt: () => '必须是整数',
  isNumber: () => '必须是数字',
  isBoolean: () => '必须是布尔值',
  isArray: () => '必须是数组',
  isObject: () => '必须是对象',
  isUUID: () => '必须是 UUID',
  isIn: (c) => allowedIn(c),
  isEnum: (c) => allowedIn(c),
  min: (c) => `不能小于 ${numberIn(c)}`,
  max: (c) => `不能大于 ${numberIn(c)}`,
  minLength: (c) => `长度不能少于 ${numberIn(c)}`,
  maxLength: (c) => `长度不能超过 ${numberIn(c)}`,
  arrayMinSize: (c) => `至少 ${numberIn(c)} 项`,
  arrayMaxSize: (c) => `最多 ${numberIn(c)} 项`,
  arrayUnique: () => '不能有重复项',
  matches: () => '格式不正确',
  isDateString: () => '必须是 ISO 8601 日期',
  isISO8601: () => '必须是 ISO 8601 日期',
  nestedValidation: () => '必须是对象',
};

/** class-validator's English message ends with the limit ("… must not be greater than 60"). */
function numberIn(text: string): string {
  return text.match(/-?\d+(\.\d+)?/g)?.at(-1) ?? '';
}

/** class-validator's English message lists the values ("… must be one of the following values: infant, toddler"). */
function allowedIn(text: string): string {
  const values = text.split('following values: ')[1];
  return values ? `应为以下之一：${values.split(', ').join('、')}` : '取值不在允许范围内';
}

/** When one of these fails, the range and length checks on the same field are noise. */
const TYPE_CHECKS = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject', 'isIn', 'isEnum', 'isUUID', 'nestedValidation']);

export function toFieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const constraints = Object.entries(e.constraints ?? {});
    if (constraints.length && (e.value === undefined || e.value === null) && !('whitelistValidation' in (e.constraints ?? {}))) {
      out.push({ field, code: 'isDefined', message: '必填' });
    } else {
      const typeFailure = constraints.filter(([code]) => TYPE_CHECKS.has(code));
      for (const [code, english] of typeFailure.length ? typeFailure.slice(-1) : constraints) {
        const custom = /[\u4e00-\u9fff]/.test(english) ? english : undefined;
        out.push({ field, code, message: custom ?? MESSAGES[code]?.(english) ?? '取值无效' });
      }
    }
    if (e.children?.length) out.push(...toFieldProblems(e.children, field));
  }
  return out;
}

/**
 * Turns a plain body into an instance of the contract class, or throws a VALIDATION
 * DomainError naming every bad field. Unknown fields are refused, and so are text PostgreSQL
 * cannot store and nesting deeper than MAX_INPUT_DEPTH (input-hygiene.ts).
 */
export async function validateContract<T extends object>(cls: new () => T, body: unknown): Promise<T> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw DomainError.validation([{ field: '(body)', code: 'isObject', message: '请求体必须是 JSON 对象' }]);
  }
  // NUL characters, malformed Unicode and runaway nesting: refused before they reach the transformer or PostgreSQL.
  const hygiene = inputHygieneProblems(body);
  if (hygiene.length) throw DomainError.validation(hygiene);
  // An instance already (a nested row the request's transform made, left to its handler to validate) is not copied again.
  const instance = body instanceof cls ? body : plainToInstance(cls, body, { exposeDefaultValues: true });
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: true },
  });
  if (errors.length) throw DomainError.validation(toFieldProblems(errors));
  return instance;
}
