import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

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
  @IsOptional() @IsBoolean()
  dryRun?: boolean;

  @JSONSchema({ description: 'Rows per transaction (default 500)' })
  @IsOptional() @IsInt() @Min(1) @Max(10_000)
  batchSize?: number;
}

export interface PiiReencryptTableView {
  /** `table.column`, e.g. `person.id_cipher`. */
  column: string;
  /** Rows holding a value. */
  rows: number;
  /** Already under the current key (left alone). */
  current: number;
  /** Re-encrypted under the current key (with dryRun: would be). */
  reencrypted: number;
  /** Matching hashes recomputed under PII_MATCH_KEY (staff `person.id_hash`; with dryRun: would be). */
  rehashed: number;
  /** Rows no configured key opens (left alone; their ids in failedIds, at most 20). */
  failed: number;
  failedIds: string[];
}

export interface PiiReencryptView {
  service: string;
  /** Id of PII_KEY, the key every value is now under. */
  keyId: string;
  dryRun: boolean;
  tables: PiiReencryptTableView[];
}
