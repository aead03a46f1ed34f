import { createReadStream } from 'node:fs';
import type { Actor } from '@shanyu/common';
import { InspectionRpc } from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Body, Controller, Get, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, CurrentRequestId, Departments, ForInspectors } from '../auth/decorators.js';
import { errorResponses } from '../docs/error-responses.js';
import { EvidenceIdParam, ListEvidenceQuery, EvidenceUploadBody, type EvidenceView } from './evidence.contracts.js';
import { EvidenceStore } from './evidence-store.js';

export const EVIDENCE_MAX_BYTES = 15 * 1024 * 1024;

/** Departments whose people take evidence: the inspecting departments, and operators (rectification). */
const UPLOADERS = ['health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street', 'operator', 'admin'] as const;

const EVIDENCE_SCHEMA = {
  type: 'object',
  properties: {
    evidenceId: { type: 'string', description: 'SHA-256 of the file (hex); reference it as `evidence[].ref` in inspection results' },
    sha256: { type: 'string' },
    contentType: { type: 'string' },
    sizeBytes: { type: 'integer' },
    takenAt: { type: 'string', format: 'date-time' },
    location: { type: 'string' },
    inspectionId: { type: 'string', format: 'uuid', nullable: true },
    itemCode: { type: 'string', nullable: true },
    uploadedBy: { type: 'object', properties: { department: { type: 'string' }, userId: { type: 'string' } } },
    uploadedAt: { type: 'string', format: 'date-time' },
    uploads: { type: 'integer', description: 'Times the same file was sent' },
  },
} as const;

/**
 * 取证 photos and documents, stored by the platform once per content. Evidence of an inspection
 * is attached, listed and read only by those who may read that inspection — officials covering
 * its division, the operator of the institution — as the inspection service decides.
 */
@ApiTags('evidence 取证')
@ApiBearerAuth()
@Controller('api/v1/evidence')
export class EvidenceController {
  constructor(
    private readonly store: EvidenceStore,
    private readonly rpc: RpcClient,
  ) {}

  /** Throws the inspection service's refusal (DIVISION_OUT_OF_SCOPE, INSPECTION_NOT_FOUND) when the caller may not read it. */
  private async assertMayReadInspection(inspectionId: string, actor: Actor, requestId: string): Promise<void> {
    await this.rpc.call(InspectionRpc.getInspection, { id: inspectionId }, { actor, requestId });
  }

  @Post()
  @ForInspectors()
  @Departments(...UPLOADERS)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 10 } }))
  @ApiOperation({
    summary:
      '上传取证照片 (multipart: `file` + takenAt, location, inspectionId?, itemCode?). Content-addressed by SHA-256: the same file sent again ' +
      '(e.g. an offline phone re-syncing) returns the same evidence, never a second copy. JPEG, PNG, WebP, HEIC or PDF, at most 15 MB.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'takenAt', 'location'],
      properties: {
        file: { type: 'string', format: 'binary' },
        takenAt: { type: 'string', format: 'date-time' },
        location: { type: 'string', maxLength: 200 },
        inspectionId: { type: 'string', format: 'uuid' },
        itemCode: { type: 'string', example: 'FIRE-01' },
        clientId: { type: 'string' },
      },
    },
  })
  @ApiResponse({ status: 201, schema: EVIDENCE_SCHEMA })
  @errorResponses(400, 401, 403, 404)
  async upload(
    @UploadedFile() file: UploadedMultipartFile | undefined,
    @Body() body: EvidenceUploadBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<EvidenceView> {
    if (body.inspectionId) await this.assertMayReadInspection(body.inspectionId, actor, requestId);
    return this.store.put(file?.buffer ?? Buffer.alloc(0), body, actor);
  }

  @Get()
  @ForInspectors()
  @ApiOperation({ summary: '某次检查的取证材料 (metadata; each file once)' })
  @ApiResponse({ status: 200, schema: { type: 'array', items: EVIDENCE_SCHEMA } })
  @errorResponses(400, 401, 403, 404)
  async list(@Query() query: ListEvidenceQuery, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<EvidenceView[]> {
    await this.assertMayReadInspection(query.inspectionId, actor, requestId);
    return this.store.listByInspection(query.inspectionId);
  }

  @Get(':id')
  @ForInspectors()
  @ApiOperation({ summary: '取证材料的说明 (time, place, who uploaded)' })
  @ApiParam({ name: 'id', description: 'SHA-256 (hex)' })
  @ApiResponse({ status: 200, schema: EVIDENCE_SCHEMA })
  @errorResponses(400, 401, 403, 404)
  get(@Param() params: EvidenceIdParam, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<EvidenceView> {
    return this.readable(params.id, actor, requestId);
  }

  @Get(':id/file')
  @ForInspectors()
  @ApiOperation({ summary: '取证文件本身 (the photo)' })
  @ApiParam({ name: 'id', description: 'SHA-256 (hex)' })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf')
  @errorResponses(400, 401, 403, 404)
  async file(@Param() params: EvidenceIdParam, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string, @Res() reply: FastifyReply): Promise<void> {
    const evidence = await this.readable(params.id, actor, requestId);
    await reply
      .header('content-type', evidence.contentType)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(this.store.fileOf(evidence.sha256)));
  }

  /** The evidence, if the caller uploaded it or may read the inspection it belongs to. */
  private async readable(id: string, actor: Actor, requestId: string): Promise<EvidenceView> {
    const evidence = await this.store.get(id, actor);
    const uploadedByCaller = evidence.uploadedBy.userId === actor.userId;
    if (evidence.inspectionId && !uploadedByCaller) await this.assertMayReadInspection(evidence.inspectionId, actor, requestId);
    return evidence;
  }
}
