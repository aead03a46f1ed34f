import { isDivisionCodeFormat, isIsoDate, isKnownDivision, validateResidentId, validateUscc } from '@shanyu/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, registerDecorator, ValidateNested, type ValidationOptions } from 'class-validator';

/** 统一社会信用代码 (GB 32100-2015), check character included. */
export function IsUscc(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isUscc',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && validateUscc(value).ok,
        defaultMessage: (args) => {
          const r = typeof args?.value === 'string' ? validateUscc(args.value) : null;
          return r && !r.ok ? r.message : '统一社会信用代码必须是 18 位字符串';
        },
      },
    });
}

/** 公民身份号码 (GB 11643-1999), check digit and birth date included. */
export function IsResidentId(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isResidentId',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && validateResidentId(value).ok,
        defaultMessage: (args) => {
          const r = typeof args?.value === 'string' ? validateResidentId(args.value) : null;
          return r && !r.ok ? r.message : '公民身份号码必须是 18 位字符串';
        },
      },
    });
}

/** A GB/T 2260 county (6 digits) or GB/T 10114 street/township (9 digits) code the platform knows. */
export function IsDivisionCode(options?: ValidationOptions & { level?: 'county' | 'street' | 'any' }) {
  const level = options?.level ?? 'any';
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDivisionCode',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          isDivisionCodeFormat(value) &&
          isKnownDivision(value) &&
          (level === 'any' || (level === 'street' ? value.length === 9 : value.length === 6)),
        defaultMessage: (args) => {
          const v = args?.value;
          if (typeof v !== 'string' || !isDivisionCodeFormat(v)) return '区划代码必须是 6 位（区县）或 9 位（乡镇街道）数字';
          if (level === 'street' && v.length !== 9) return '必须是 9 位乡镇（街道）区划代码';
          if (level === 'county' && v.length !== 6) return '必须是 6 位区县区划代码';
          return `未知的区划代码 ${v}`;
        },
      },
    });
}

/** A real calendar date written `YYYY-MM-DD` (ISO 8601, the one date format of the API). */
export function IsIsoDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: () => '日期格式必须是 YYYY-MM-DD，且是真实存在的日期',
      },
    });
}

/**
 * A date (`YYYY-MM-DD`) not before the date in `otherField` of the same object (e.g. an
 * expiry after the issue date). Skipped while either is not a valid date: those get their own
 * message from IsIsoDate.
 */
export function IsNotBefore(otherField: string, label: string, options?: ValidationOptions & { strictlyAfter?: boolean }) {
  const strict = options?.strictlyAfter ?? false;
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName,
      options,
      constraints: [otherField],
      validator: {
        validate: (value: unknown, args) => {
          const other = (args?.object as Record<string, unknown>)[otherField];
          if (!isIsoDate(value) || !isIsoDate(other)) return true;
          return strict ? value > other : value >= other;
        },
        defaultMessage: () => `不能早于${strict ? '或等于' : ''}${label}（${otherField}）`,
      },
    });
}

/** A list of nested objects of one class, each validated, with its size bounds. */
export function ListOf(type: () => new (...args: never[]) => object, size: { min?: number; max: number }): PropertyDecorator {
  return (target, propertyName) => {
    ValidateNested({ each: true })(target, propertyName);
    Type(type)(target, propertyName);
    if (size.min !== undefined) ArrayMinSize(size.min)(target, propertyName);
    ArrayMaxSize(size.max)(target, propertyName);
  };
}
