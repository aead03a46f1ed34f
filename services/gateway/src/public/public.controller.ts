import { SYSTEM_ACTOR } from '@shanyu/common';
import {
  CreditRpc,
  type Page,
  PublicInstitutionRequest,
  PublicInstitutionsRequest,
  type PublicInstitutionView,
  ReceiptNoRequest,
  type ReceiptVerification,
  RegistryRpc,
} from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Controller, Get, Inject, Logger, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { CurrentRequestId, Public } from '../auth/decorators.js';
import { RpcErrors, RpcReply } from '../docs/rpc-reply.js';
import { ApiPage } from '../docs/api-shapes.js';
import { PUBLIC_BASE_URL } from '../filings/filings.controller.js';

/** 公示: what parents and the public see, without logging in. Never personal data. */
@ApiTags('public 公示')
@Controller('api/v1/public')
export class PublicController {
  private readonly logger = new Logger(PublicController.name);

  constructor(
    private readonly rpc: RpcClient,
    @Inject(PUBLIC_BASE_URL) private readonly publicBaseUrl: string,
  ) {}

  /**
   * The grade each institution has in the credit service, which grades it from its start (the
   * registry's copy only learns grades that changed). Without an answer the registry's copy stays.
   */
  private async withCreditGrades<T extends PublicInstitutionView>(items: T[], requestId: string): Promise<T[]> {
    if (!items.length) return items;
    try {
      const grades = await this.rpc.call(
        CreditRpc.publicListGrades,
        { institutionIds: items.map((i) => i.id), page: 1, pageSize: items.length },
        { actor: SYSTEM_ACTOR, requestId },
      );
      const byId = new Map(grades.items.map((g) => [g.institutionId, g.grade]));
      return items.map((i) => ({ ...i, creditGrade: byId.get(i.id) ?? i.creditGrade }));
    } catch (error) {
      this.logger.warn(`public register shown with the registry's grades: the credit service did not answer (${(error as Error).message})`);
      return items;
    }
  }

  @Public()
  @Get('institutions')
  @ApiOperation({ summary: '已备案托育机构名录 (filed institutions: receipt, places, 普惠 price cap, 示范 years)' })
  @ApiQuery({ name: 'divisionCode', required: false })
  @ApiQuery({ name: 'inclusive', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'careForm', required: false, enum: ['full_day', 'half_day', 'temporary', 'hourly'] })
  @ApiQuery({ name: 'q', required: false })
  @ApiPage()
  @RpcReply(RegistryRpc.publicListInstitutions)
  async list(@Query() query: PublicInstitutionsRequest, @CurrentRequestId() requestId: string): Promise<Page<PublicInstitutionView>> {
    const page = await this.rpc.call(RegistryRpc.publicListInstitutions, query, { actor: SYSTEM_ACTOR, requestId });
    return { ...page, items: await this.withCreditGrades(page.items, requestId) };
  }

  @Public()
  @Get('institutions/:id')
  @ApiOperation({ summary: '公示详情 of one filed institution' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @RpcReply(RegistryRpc.publicGetInstitution)
  async get(@Param() params: PublicInstitutionRequest, @CurrentRequestId() requestId: string): Promise<PublicInstitutionView> {
    const institution = await this.rpc.call(RegistryRpc.publicGetInstitution, { id: params.id }, { actor: SYSTEM_ACTOR, requestId });
    const [graded] = await this.withCreditGrades([institution], requestId);
    return graded!;
  }

  @Public()
  @Get('institutions/:id/door-code.png')
  @ApiOperation({
    summary:
      '门牌码 (扫码查看): a QR code of the institution’s public page — filing, grade, latest inspection results and a complaint entry — to print and put up at its door; only for an institution on the register',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('image/png')
  @ApiResponse({ status: 200, description: 'image/png' })
  @RpcErrors(RegistryRpc.publicGetInstitution)
  async doorCode(@Param() params: PublicInstitutionRequest, @CurrentRequestId() requestId: string, @Res() reply: FastifyReply): Promise<void> {
    await this.rpc.call(RegistryRpc.publicGetInstitution, { id: params.id }, { actor: SYSTEM_ACTOR, requestId });
    const png = await QRCode.toBuffer(`${this.publicBaseUrl}/public/institutions/${params.id}`, { errorCorrectionLevel: 'M', margin: 2, scale: 10 });
    void reply.header('content-type', 'image/png').header('cache-control', 'public, max-age=3600').send(png);
  }

  @Public()
  @Get('receipts/:receiptNo')
  @ApiOperation({ summary: '核验备案回执 (the receipt QR code points here): genuine and current?' })
  @ApiParam({ name: 'receiptNo', example: '330106-2026-0001' })
  @RpcReply(RegistryRpc.publicVerifyReceipt)
  verify(@Param() params: ReceiptNoRequest, @CurrentRequestId() requestId: string): Promise<ReceiptVerification> {
    return this.rpc.call(RegistryRpc.publicVerifyReceipt, { receiptNo: params.receiptNo }, { actor: SYSTEM_ACTOR, requestId });
  }
}
