import { SYSTEM_ACTOR } from '@shanyu/common';
import {
  type Page,
  PublicInstitutionRequest,
  PublicInstitutionsRequest,
  type PublicInstitutionView,
  ReceiptNoRequest,
  type ReceiptVerification,
  RegistryRpc,
} from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentRequestId, Public } from '../auth/decorators.js';
import { RpcReply } from '../docs/rpc-reply.js';
import { ApiPage } from '../docs/api-shapes.js';

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
  @ApiPage()
  @RpcReply(RegistryRpc.publicListInstitutions)
  list(@Query() query: PublicInstitutionsRequest, @CurrentRequestId() requestId: string): Promise<Page<PublicInstitutionView>> {
    return this.rpc.call(RegistryRpc.publicListInstitutions, query, { actor: SYSTEM_ACTOR, requestId });
  }

  @Public()
  @Get('institutions/:id')
  @ApiOperation({ summary: '公示详情 of one filed institution' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @RpcReply(RegistryRpc.publicGetInstitution)
  get(@Param() params: PublicInstitutionRequest, @CurrentRequestId() requestId: string): Promise<PublicInstitutionView> {
    return this.rpc.call(RegistryRpc.publicGetInstitution, { id: params.id }, { actor: SYSTEM_ACTOR, requestId });
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
