import { Column, PrimaryColumn } from 'typeorm';

/**
 * The columns of a record about one institution that keeps the institution's name and division as
 * they were when it was written, so that lists and division scope need no other table.
 */
export abstract class InstitutionRecord {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  @Column({ type: 'text', name: 'institution_name' })
  institutionName: string;

  @Column({ type: 'text', name: 'division_code' })
  divisionCode: string;
}
