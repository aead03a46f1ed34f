import { SchemaMigration } from '@shanyu/persistence';

/** The institution copy keeps its 举办类型, so that a family childcare point (家庭托育点) is judged by its own ratio. */
export class ReplicaOperatorType1763900000300 extends SchemaMigration {
  name = 'ReplicaOperatorType1763900000300';

  protected readonly upSteps = [`ALTER TABLE institution_replica ADD COLUMN operator_type text`];

  protected readonly downSteps = [`ALTER TABLE institution_replica DROP COLUMN operator_type`];
}
