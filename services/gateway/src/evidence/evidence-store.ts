import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type Actor, DomainError } from '@shanyu/common';
import type { DataSource } from 'typeorm';
import type { EvidenceUploadBody, EvidenceView } from './evidence.contracts.js';
import { EvidenceRecord } from './evidence.entity.js';
import { EvidenceRepository } from './evidence.repository.js';

/** Image and document types accepted as evidence, recognised by their first bytes (not the client's word). */
export function sniffContentType(file: Buffer): string | null {
  const head = file.subarray(0, 16);
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (head.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|mif1|msf1|hevc)$/.test(head.subarray(8, 12).toString('latin1'))) return 'image/heic';
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/**
 * Evidence files (inspection photos), content-addressed: stored under `<dir>/<aa>/<sha256>` and
 * recorded once per SHA-256, so an upload repeated after a lost reply (an offline phone syncing)
 * returns the same evidence instead of a second copy.
 */
export class EvidenceStore {
  constructor(
    private readonly dataSource: DataSource,
    readonly dir: string,
  ) {}

  fileOf(sha256: string): string {
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(file: Buffer, meta: EvidenceUploadBody, actor: Actor): Promise<EvidenceView> {
    if (!file.length) throw DomainError.validation([{ field: 'file', code: 'isNotEmpty', message: '请上传照片或文件' }]);
    const contentType = sniffContentType(file);
    if (!contentType) throw DomainError.validation([{ field: 'file', code: 'isImage', message: '只接受 JPEG、PNG、WebP、HEIC 照片或 PDF 文件' }]);
    const sha256 = createHash('sha256').update(file).digest('hex');
    const target = this.fileOf(sha256);
    await fs.mkdir(path.dirname(target), { recursive: true });
    try {
      await fs.access(target);
    } catch {
      const temp = `${target}.${randomUUID()}.tmp`;
      await fs.writeFile(temp, file, { flag: 'wx' });
      await fs.rename(temp, target); // atomic: readers see the whole file or none
    }
    const record = await this.evidence().recordUpload({
      sha256,
      contentType,
      sizeBytes: file.length,
      takenAt: new Date(meta.takenAt),
      location: meta.location,
      inspectionId: meta.inspectionId ?? null,
      itemCode: meta.itemCode ?? null,
      uploadedByDepartment: actor.department,
      uploadedByUser: actor.userId,
    });
    return view(record);
  }

  async get(sha256: string, actor: Actor): Promise<EvidenceView> {
    const record = await this.evidence().bySha256(sha256);
    // Operators see only what they uploaded themselves (rectification evidence); officials see all.
    if (!record || (actor.department === 'operator' && record.uploadedByUser !== actor.userId)) {
      throw new DomainError('EVIDENCE_NOT_FOUND', `证据 ${sha256.slice(0, 12)}… 不存在`);
    }
    return view(record);
  }

  async listByInspection(inspectionId: string): Promise<EvidenceView[]> {
    return (await this.evidence().byInspection(inspectionId)).map(view);
  }

  private evidence(): EvidenceRepository {
    return new EvidenceRepository(this.dataSource.manager);
  }
}

function view(r: EvidenceRecord): EvidenceView {
  return {
    evidenceId: r.sha256,
    sha256: r.sha256,
    contentType: r.contentType,
    sizeBytes: r.sizeBytes,
    takenAt: r.takenAt.toISOString(),
    location: r.location,
    inspectionId: r.inspectionId ?? null,
    itemCode: r.itemCode ?? null,
    uploadedBy: { department: r.uploadedByDepartment, userId: r.uploadedByUser },
    uploadedAt: r.uploadedAt.toISOString(),
    uploads: r.uploads,
  };
}

export { EvidenceRecord };
