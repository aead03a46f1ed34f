import { schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';
import { EvidenceRecord } from './evidence.entity.js';

export type NewEvidence = Omit<EvidenceRecord, 'uploadedAt' | 'uploads'>;

/** Evidence records (`evidence`), one per file content. */
export class EvidenceRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Records an upload: the first of its content, or one more upload of a content already recorded. */
  async recordUpload(upload: NewEvidence): Promise<EvidenceRecord> {
    // Raw SQL: an upsert that counts the repeats, which the entity API cannot express.
    const [row]: Record<string, unknown>[] = await this.manager.query(
      `INSERT INTO ${schemaTable(this.manager, 'evidence')} AS evidence
         (sha256, content_type, size_bytes, taken_at, location, inspection_id, item_code, uploaded_by_department, uploaded_by_user, uploaded_at, uploads)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), 1)
       ON CONFLICT (sha256) DO UPDATE SET uploads = evidence.uploads + 1
       RETURNING *`,
      [
        upload.sha256,
        upload.contentType,
        upload.sizeBytes,
        upload.takenAt,
        upload.location,
        upload.inspectionId,
        upload.itemCode,
        upload.uploadedByDepartment,
        upload.uploadedByUser,
      ],
    );
    return {
      sha256: row!.sha256 as string,
      contentType: row!.content_type as string,
      sizeBytes: row!.size_bytes as number,
      takenAt: new Date(row!.taken_at as string),
      location: row!.location as string,
      inspectionId: row!.inspection_id as string | null,
      itemCode: row!.item_code as string | null,
      uploadedByDepartment: row!.uploaded_by_department as string,
      uploadedByUser: row!.uploaded_by_user as string,
      uploadedAt: new Date(row!.uploaded_at as string),
      uploads: row!.uploads as number,
    };
  }

  bySha256(sha256: string): Promise<EvidenceRecord | null> {
    return this.manager.findOneBy(EvidenceRecord, { sha256 });
  }

  /** The inspection's evidence in the order it was taken. */
  byInspection(inspectionId: string): Promise<EvidenceRecord[]> {
    return this.manager.find(EvidenceRecord, { where: { inspectionId }, order: { takenAt: 'ASC', sha256: 'ASC' } });
  }
}
