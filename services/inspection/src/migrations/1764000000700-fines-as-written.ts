import { SchemaMigration } from '@shanyu/persistence';

/**
 * A penalty decision keeps what its fine was checked against: the basis amount (货值金额 or
 * 违法所得) and the circumstances stated (拒不改正, 情节严重), and the lawful range they gave.
 * Decisions made before have none of them.
 */
export class FinesAsWritten1764000000700 extends SchemaMigration {
  name = 'FinesAsWritten1764000000700';

  protected readonly upSteps = [
    `ALTER TABLE penalty ADD COLUMN basis_amount_fen bigint, ADD COLUMN circumstances text[] NOT NULL DEFAULT '{}', ADD COLUMN fine_range jsonb`,
  ];

  protected readonly downSteps = [`ALTER TABLE penalty DROP COLUMN basis_amount_fen, DROP COLUMN circumstances, DROP COLUMN fine_range`];
}
