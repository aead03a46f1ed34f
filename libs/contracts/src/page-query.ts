import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Several property decorators as one, applied as if written one above the other in this order. */
function allOf(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorator of [...decorators].reverse()) decorator(target, key);
  };
}

/** `?page=` of a list: pages count from 1. */
export function PageNumber(): PropertyDecorator {
  return allOf(
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(100_000),
  );
}

/** `?pageSize=` of a list: from 1 to `max` entries a page. */
export function PageSize(max: number): PropertyDecorator {
  return allOf(
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );
}

/** `?page=&pageSize=` of a list: pages count from 1, at most 200 entries a page (20 unless asked). */
export class PageQuery {
  @PageNumber()
  page?: number = 1;

  @PageSize(200)
  pageSize?: number = 20;
}
