import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

@JSONSchema({ description: 'The text fields of an evidence upload (multipart/form-data, beside the `file` part)' })
export class EvidenceUploadBody {
  @JSONSchema({ description: 'When the photo was taken (ISO 8601 date-time)', example: '2026-10-12T10:15:00+08:00' })
  @IsISO8601({ strict: true })
  takenAt: string;

  @JSONSchema({ description: 'Where it was taken, in words (and GPS when the phone gave it)', example: '二楼午睡室东侧安全出口（30.29,120.07）' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  location: string;

  @JSONSchema({ description: 'The inspection the photo belongs to' })
  @IsOptional()
  @IsUUID()
  inspectionId?: string;

  @JSONSchema({ description: 'The form item the photo documents', example: 'FIRE-01' })
  @IsOptional()
  @Matches(/^[A-Z]{2,10}-[A-Z0-9]{1,10}(-[A-Z0-9]{1,10})?$/, { message: '事项编码格式不正确' })
  itemCode?: string;

  @JSONSchema({ description: "The client's own id of the photo (kept for tracing; the evidence id is the content hash)" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  clientId?: string;
}

export class EvidenceIdParam {
  @JSONSchema({ description: 'The evidence id: SHA-256 of the file, 64 hex digits' })
  @Matches(/^[0-9a-f]{64}$/, { message: '证据编号应为 64 位十六进制 SHA-256' })
  id: string;
}

export class ListEvidenceQuery {
  @IsUUID()
  inspectionId: string;
}

export interface EvidenceView {
  /** The SHA-256 of the file (hex): the same file uploaded again is the same evidence. */
  evidenceId: string;
  sha256: string;
  contentType: string;
  sizeBytes: number;
  takenAt: string;
  location: string;
  inspectionId: string | null;
  itemCode: string | null;
  uploadedBy: { department: string; userId: string };
  uploadedAt: string;
  /** How many times the same file was sent (a re-sent upload after a lost reply counts here, not as a new object). */
  uploads: number;
}
