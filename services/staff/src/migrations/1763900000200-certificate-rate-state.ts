import { SchemaMigration } from '@shanyu/persistence';

/**
 * The 持证率 last published per institution (evt.staff.certificate-rate.changed.v1): a change
 * of staff or credentials publishes the rate again only when it differs from this one.
 */
export class CertificateRateState1763900000200 extends SchemaMigration {
  name = 'CertificateRateState1763900000200';

  protected readonly upSteps = [
    `
      CREATE TABLE certificate_rate_state (
        institution_id uuid PRIMARY KEY,
        required integer NOT NULL,
        holding integer NOT NULL,
        rate_bp integer CHECK (rate_bp BETWEEN 0 AND 10000),
        effective_on date NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`,
  ];

  protected readonly downSteps = [`DROP TABLE certificate_rate_state`];
}
