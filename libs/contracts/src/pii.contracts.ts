import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { type Static, Type as t } from '@sinclair/typebox';

/**
 * Re-encryption of personal data under the current `PII_KEY` (docs/configuration.md
 * "Rotating the personal-data keys"): each service that stores ciphertexts answers
 * `<service>.admin.pii.reencrypt` for its own schema (no service reaches another's tables), and
 * the admin CLI (`npm run admin -- pii-reencrypt`) asks each of them.
 */
export const PII_SERVICES = ['staff', 'inspection'] as const;
export type PiiService = (typeof PII_SERVICES)[number];

export const piiAdminSubjects = (service: string) => ({
  reencrypt: `${service}.admin.pii.reencrypt`,
});

@JSONSchema({ description: 'Re-encrypt every stored ciphertext of the service under PII_KEY (admin); idempotent' })
export class PiiReencryptRequest {
  @JSONSchema({ description: 'Count what would change, change nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @JSONSchema({ description: 'Rows per transaction (default 500)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  batchSize?: number;
}

export const PiiReencryptTableView = t.Object({
  column: t.String({ example: 'person.id_cipher', description: '`table.column`' }),
  rows: t.Integer({ description: 'Rows holding a value' }),
  current: t.Integer({ description: 'Already under the current key (left alone)' }),
  reencrypted: t.Integer({ description: 'Re-encrypted under the current key (with dryRun: would be)' }),
  rehashed: t.Integer({ description: 'Matching hashes recomputed under PII_MATCH_KEY (staff person.id_hash; with dryRun: would be)' }),
  failed: t.Integer({ description: 'Rows no configured key opens (left alone; their ids in failedIds, at most 20)' }),
  failedIds: t.Array(t.String()),
});
export type PiiReencryptTableView = Static<typeof PiiReencryptTableView>;

export const PiiReencryptView = t.Object(
  {
    service: t.String(),
    keyId: t.String({ description: 'id of PII_KEY (8 hex characters), the key every value is now under' }),
    dryRun: t.Boolean(),
    tables: t.Array(PiiReencryptTableView),
  },
  { $id: 'PiiReencryptView' },
);
export type PiiReencryptView = Static<typeof PiiReencryptView>;
