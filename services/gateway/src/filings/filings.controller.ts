import type { Actor } from '@shanyu/common';
import {
  FilingDecisionBody,
  FilingIdRequest,
  type FilingView,
  GetInstitutionRequest,
  ListFilingsRequest,
  type Page,
  RegistryRpc,
  SubmitFilingBody,
} from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, CurrentRequestId, Departments } from '../auth/decorators.js';
import { RpcErrors, RpcReply } from '../docs/rpc-reply.js';
import { renderReceiptPdf } from './receipt-pdf.renderer.js';

export const PUBLIC_BASE_URL = Symbol('PUBLIC_BASE_URL');
/** 备案: submission with the automatic standards check, review, receipts. */
@ApiTags('filings 备案')
@ApiBearerAuth()
@Controller('api/v1')
export class FilingsController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(PUBLIC_BASE_URL) private readonly publicBaseUrl: string,
  ) {}

  @Post('institutions/:id/filings')
  @HttpCode(201)
  @Departments('operator', 'market', 'civil', 'admin')
  @ApiOperation({ summary: '提交备案 (operator or registration authority). Missing documents or facts are not errors: the check marks them for review.' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Institution id' })
  @ApiBody({ schema: { $ref: '#/components/schemas/SubmitFilingBody' } })
  @RpcReply(RegistryRpc.submitFiling, 201)
  submit(
    @Param() params: GetInstitutionRequest,
    @Body() body: SubmitFilingBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<FilingView> {
    return this.rpc.call(RegistryRpc.submitFiling, { ...body, institutionId: params.id }, { actor, requestId });
  }

  @Get('filings')
  @ApiOperation({ summary: '备案申请列表; overdue=true lists undecided filings past their working-day deadline' })
  @ApiQuery({ name: 'status', required: false, enum: ['submitted', 'approved', 'rejected'] })
  @ApiQuery({ name: 'overdue', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'divisionCode', required: false })
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1 } })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 200 } })
  @RpcReply(RegistryRpc.listFilings)
  list(@Query() query: ListFilingsRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<Page<FilingView>> {
    return this.rpc.call(RegistryRpc.listFilings, query, { actor, requestId });
  }

  @Get('filings/:id')
  @ApiOperation({ summary: '备案详情 with the automatic standards check, rule by rule (measured value, limit, source)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @RpcReply(RegistryRpc.getFiling)
  get(@Param() params: FilingIdRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<FilingView> {
    return this.rpc.call(RegistryRpc.getFiling, { id: params.id }, { actor, requestId });
  }

  @Post('filings/:id/decision')
  @HttpCode(200)
  @Departments('health')
  @ApiOperation({ summary: '备案审核决定 (district health bureau): approve → receipt number; reject → reasons, resubmission allowed' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: { $ref: '#/components/schemas/FilingDecisionBody' } })
  @RpcReply(RegistryRpc.decideFiling)
  decide(
    @Param() params: FilingIdRequest,
    @Body() body: FilingDecisionBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<FilingView> {
    return this.rpc.call(RegistryRpc.decideFiling, { ...body, id: params.id }, { actor, requestId });
  }

  @Get('filings/:id/receipt.pdf')
  @ApiOperation({ summary: '备案回执 PDF (Chinese, with a QR code to /api/v1/public/receipts/:receiptNo)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/pdf')
  @ApiResponse({ status: 200, description: 'application/pdf' })
  @RpcErrors(RegistryRpc.getReceipt)
  async receipt(
    @Param() params: FilingIdRequest,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const receipt = await this.rpc.call(RegistryRpc.getReceipt, { id: params.id }, { actor, requestId });
    const pdf = await renderReceiptPdf(receipt, this.publicBaseUrl);
    void reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="receipt-${receipt.receiptNo}.pdf"`).send(pdf);
  }
}
