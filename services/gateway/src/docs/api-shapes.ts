import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';

/** A request body documented by its named component schema. */
export const schema = (name: string) => ({ schema: { $ref: `#/components/schemas/${name}` } });

/** The optional `page` and `pageSize` query parameters of a paged list, `pageSize` with its bounds where the route states them. */
export function ApiPage(pageSizeDescription?: string): MethodDecorator {
  // Listed pageSize first: applied in this order, the document shows page before pageSize, as stacked decorators did.
  return applyDecorators(
    ApiQuery({ name: 'pageSize', required: false, ...(pageSizeDescription ? { description: pageSizeDescription } : {}) }),
    ApiQuery({ name: 'page', required: false }),
  );
}
