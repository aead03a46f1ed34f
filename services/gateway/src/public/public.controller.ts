import { SYSTEM_ACTOR } from '@shanyu/common';
import {
  type Page, PublicInstitutionRequest, PublicInstitutionsRequest, type PublicInstitutionView, ReceiptNoRequest, type ReceiptVerification, RegistrySubjects,
} from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentRequestId, Public } from '../auth/decorators.js';
import { errorResponses } from '../docs/error-responses.js';

/** 公示: what parents and the public see, without logging in. Never personal data. */
@ApiTags('public 公示')
@Controller('api/v1/public')
export class PublicController {
  constructor(private readonly rpc: RpcClient) {}

  @Public()
  @Get('institutions')
  @ApiOperation({ summary: '已备案托育机构名录 (filed institutions: receipt, places, 普惠 price cap, 示范 years)' })
  @ApiQuery({ name: 'divisionCode', required: false })
  @ApiQuery({ name: 'inclusive', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'careForm', required: false, enum: ['full_day', 'half_day', 'temporary', 'hourly'] })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/PublicInstitutionPage' } })
  @errorResponses(400)
  list(@Query() query: PublicInstitutionsRequest, @CurrentRequestId() requestId: string): Promise<Page<PublicInstitutionView>> {
    return this.rpc.request(RegistrySubjects.publicListInstitutions, query, { actor: SYSTEM_ACTOR, requestId });
  }

  @Public()
  @Get('institutions/:id')
  @ApiOperation({ summary: '公示详情 of one filed institution' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/PublicInstitutionView' } })
  @errorResponses(400, 404)
  get(@Param() params: PublicInstitutionRequest, @CurrentRequestId() requestId: string): Promise<PublicInstitutionView> {
    return this.rpc.request(RegistrySubjects.publicGetInstitution, { id: params.id }, { actor: SYSTEM_ACTOR, requestId });
  }

  @Public()
  @Get('receipts/:receiptNo')
  @ApiOperation({ summary: '核验备案回执 (the receipt QR code points here): genuine and current?' })
  @ApiParam({ name: 'receiptNo', example: '330106-2026-0001' })
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/ReceiptVerification' } })
  @errorResponses(400)
  verify(@Param() params: ReceiptNoRequest, @CurrentRequestId() requestId: string): Promise<ReceiptVerification> {
    return this.rpc.request(RegistrySubjects.publicVerifyReceipt, { receiptNo: params.receiptNo }, { actor: SYSTEM_ACTOR, requestId });
  }
}
