import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Page `page` (from 1) of an ordered query, with the number of rows on all pages. */
export async function pageOf<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, page: number, pageSize: number): Promise<{ items: T[]; total: number }> {
  const [items, total] = await qb
    .skip((page - 1) * pageSize)
    .take(pageSize)
    .getManyAndCount();
  return { items, total };
}
