import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A photo or document kept as evidence, stored once per content (its SHA-256). */
@Entity({ name: 'evidence' })
export class EvidenceRecord {
  @PrimaryColumn({ type: 'text' })
  sha256: string;

  @Column({ type: 'text', name: 'content_type' })
  contentType: string;

  @Column({ type: 'int', name: 'size_bytes' })
  sizeBytes: number;

  @Column({ type: 'timestamptz', name: 'taken_at' })
  takenAt: Date;

  @Column({ type: 'text' })
  location: string;

  @Column({ type: 'uuid', name: 'inspection_id', nullable: true })
  inspectionId: string | null;

  @Column({ type: 'text', name: 'item_code', nullable: true })
  itemCode: string | null;

  @Column({ type: 'text', name: 'uploaded_by_department' })
  uploadedByDepartment: string;

  @Column({ type: 'text', name: 'uploaded_by_user' })
  uploadedByUser: string;

  @Column({ type: 'timestamptz', name: 'uploaded_at' })
  uploadedAt: Date;

  @Column({ type: 'int' })
  uploads: number;
}
