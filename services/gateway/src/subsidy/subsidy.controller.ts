import type { Actor } from '@shanyu/common';
import {
  ApproveRunBody,
  LedgerQuery,
  type LedgerPage,
  ListPoliciesRequest,
  ListRunsRequest,
  type PolicyVersionView,
  PublishPolicyBody,
  RosterBody,
  RosterPathParams,
  RosterUploadQuery,
  type RosterView,
  type RunInstitutionTotalPage,
  type RunLinePage,
  RunLinesQuery,
  RunRef,
  RunTotalsQuery,
  type RunView,
  StartRunRequest,
  SubsidyRpc,
} from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { spreadsheetFileSchema } from '../http/spreadsheet-upload.js';
import type { FastifyReply } from 'fastify';
import { CurrentActor, CurrentRequestId, Departments } from '../auth/decorators.js';
import { schema } from '../docs/api-shapes.js';
import { RpcErrors, RpcReply } from '../docs/rpc-reply.js';
import { parseRosterSheet, rosterTemplate } from './roster-sheet.parser.js';
import { streamRunWorkbook } from './run-export.js';

/** Departments that read subsidy data of their divisions (the subsidy service checks divisions again). */
const READERS = ['health', 'street', 'finance', 'civil', 'education', 'market', 'admin'] as const;
const UPLOAD_MAX_BYTES = 2_000_000;
/** A roster of up to 2,000 children is checked row by row in one transaction. */
const ROSTER_TIMEOUT_MS = 30_000;

/**
 * 补助: monthly enrolment rosters (收托名册), subsidy policies (rules as data), monthly runs with
 * explained lines, three-department approval and the payment ledger — forwarded to the subsidy
 * service over NATS.
 */
@ApiTags('subsidy 补助')
@ApiBearerAuth()
@Controller('api/v1')
export class SubsidyController {
  constructor(private readonly rpc: RpcClient) {}

  @Put('institutions/:id/rosters/:month')
  @HttpCode(200)
  @Departments('operator', 'admin')
  @ApiOperation({
    summary:
      "收托名册 for a month (the institution's operator; filed institutions only). Replaces the month's earlier version (audited); " +
      'a month already paid becomes adjustment lines in the next run. Every row is checked and errors name the row; nothing is stored on error. ' +
      "Only a keyed hash of each child's ID number is kept.",
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Institution id' })
  @ApiParam({ name: 'month', example: '2026-03' })
  @ApiBody(schema('RosterBody'))
  @RpcReply(SubsidyRpc.submitRoster)
  submitRoster(
    @Param() params: RosterPathParams,
    @Body() body: RosterBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<RosterView> {
    return this.rpc.call(
      SubsidyRpc.submitRoster,
      { ...body, institutionId: params.id, month: params.month },
      { actor, requestId, timeoutMs: ROSTER_TIMEOUT_MS },
    );
  }

  @Put('institutions/:id/rosters/:month/upload')
  @HttpCode(200)
  @Departments('operator', 'admin')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: UPLOAD_MAX_BYTES, files: 1 } }))
  @ApiOperation({
    summary:
      '收托名册 from .xlsx or .csv (form field `file`; header 身份证号, 出生年月, 孩次, 班型, 托育形式, 出勤天数, 编号; 本月开园天数 in ?openDays=). ' +
      'Errors name the sheet row; nothing is stored unless every row is right.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Institution id' })
  @ApiParam({ name: 'month', example: '2026-03' })
  @ApiQuery({ name: 'openDays', schema: { type: 'integer', minimum: 1, maximum: 31 } })
  @ApiQuery({ name: 'overCapacityReason', required: false })
  @ApiQuery({ name: 'reason', required: false })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: spreadsheetFileSchema('2000') })
  @RpcReply(SubsidyRpc.submitRoster)
  async uploadRoster(
    @Param() params: RosterPathParams,
    @Query() query: RosterUploadQuery,
    @UploadedFile() file: UploadedMultipartFile | undefined,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<RosterView> {
    const children = await parseRosterSheet(file?.buffer ?? Buffer.alloc(0), file?.originalname);
    return this.rpc.call(
      SubsidyRpc.submitRoster,
      { ...query, children, institutionId: params.id, month: params.month },
      { actor, requestId, timeoutMs: ROSTER_TIMEOUT_MS },
    );
  }

  @Get('rosters/template.xlsx')
  @Departments('operator', ...READERS)
  @ApiOperation({
    summary: '收托名册模板: the headings the roster upload reads, drop-downs for 孩次 / 班型 / 托育形式 and a 填写说明 sheet',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiResponse({ status: 200, description: '.xlsx workbook' })
  async rosterTemplate(@Res() reply: FastifyReply): Promise<void> {
    const workbook = await rosterTemplate();
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="roster-template.xlsx"; filename*=UTF-8''${encodeURIComponent('收托名册模板.xlsx')}`)
      .send(workbook);
  }

  @Get('institutions/:id/rosters/:month')
  @Departments('operator', ...READERS)
  @ApiOperation({ summary: '收托名册 (current version) with the duplicate claims among its children' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Institution id' })
  @ApiParam({ name: 'month', example: '2026-03' })
  @RpcReply(SubsidyRpc.getRoster)
  getRoster(@Param() params: RosterPathParams, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<RosterView> {
    return this.rpc.call(SubsidyRpc.getRoster, { institutionId: params.id, month: params.month }, { actor, requestId });
  }

  @Get('subsidy/policies')
  @ApiOperation({ summary: '补助政策 versions: division, months in force, eligibility, rules with parameters (fen) and sources, budget' })
  @ApiQuery({ name: 'divisionCode', required: false, example: '330106' })
  @ApiQuery({ name: 'month', required: false, example: '2026-03' })
  @ApiQuery({ name: 'policyKey', required: false })
  @RpcReply(SubsidyRpc.listPolicies)
  listPolicies(@Query() query: ListPoliciesRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<PolicyVersionView[]> {
    return this.rpc.call(SubsidyRpc.listPolicies, query, { actor, requestId });
  }

  @Post('subsidy/policies')
  @HttpCode(201)
  @Departments('health', 'finance', 'admin')
  @ApiOperation({
    summary:
      "发布补助政策新版本 (health or finance of the division). Each rule is checked for its kind's parameters and source; a period overlapping another version of the policy is refused (409)",
  })
  @ApiBody(schema('PublishPolicyBody'))
  @RpcReply(SubsidyRpc.publishPolicy, 201)
  publishPolicy(@Body() body: PublishPolicyBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<PolicyVersionView> {
    return this.rpc.call(SubsidyRpc.publishPolicy, body, { actor, requestId });
  }

  @Post('subsidy/runs')
  @HttpCode(202)
  @Departments('health', 'admin')
  @ApiOperation({
    summary:
      '补助计算 of a month and division (district health bureau): starts (or restarts, if not yet posted) and replies at once; progress on GET /subsidy/runs/:id',
  })
  @ApiBody(schema('StartRunRequest'))
  @RpcReply(SubsidyRpc.startRun, 202)
  startRun(@Body() body: StartRunRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<RunView> {
    return this.rpc.call(SubsidyRpc.startRun, body, { actor, requestId, timeoutMs: 30_000 });
  }

  @Get('subsidy/runs')
  @Departments(...READERS)
  @ApiOperation({ summary: "补助计算批次 in the caller's divisions" })
  @ApiQuery({ name: 'divisionCode', required: false })
  @ApiQuery({ name: 'month', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['computing', 'computed', 'returned', 'posted'] })
  @RpcReply(SubsidyRpc.listRuns)
  listRuns(@Query() query: ListRunsRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<RunView[]> {
    return this.rpc.call(SubsidyRpc.listRuns, query, { actor, requestId });
  }

  @Get('subsidy/runs/:id')
  @Departments(...READERS)
  @ApiOperation({ summary: '补助计算批次: status, progress (done / total), totals, budgets, approvals' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @RpcReply(SubsidyRpc.getRun)
  getRun(@Param() params: RunRef, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<RunView> {
    return this.rpc.call(SubsidyRpc.getRun, { id: params.id }, { actor, requestId });
  }

  @Get('subsidy/runs/:id/lines')
  @Departments('operator', ...READERS)
  @ApiOperation({
    summary:
      '补助明细: one line per institution × child × rule, with amount (fen), policy version, inputs and Chinese explanation. Operators: their institution only (institutionId)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['payable', 'ineligible', 'held'] })
  @ApiQuery({ name: 'kind', required: false, enum: ['regular', 'adjustment'] })
  @ApiQuery({ name: 'after', required: false, description: 'Keyset cursor (nextCursor of the previous page)' })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 } })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 2000, default: 100 } })
  @RpcReply(SubsidyRpc.runLines)
  lines(@Param() params: RunRef, @Query() query: RunLinesQuery, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<RunLinePage> {
    return this.rpc.call(SubsidyRpc.runLines, { ...query, id: params.id }, { actor, requestId });
  }

  @Get('subsidy/runs/:id/institutions')
  @Departments(...READERS)
  @ApiOperation({ summary: '机构汇总: per-institution totals of a run' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 } })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 2000, default: 200 } })
  @RpcReply(SubsidyRpc.runTotals)
  totals(
    @Param() params: RunRef,
    @Query() query: RunTotalsQuery,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<RunInstitutionTotalPage> {
    return this.rpc.call(SubsidyRpc.runTotals, { ...query, id: params.id }, { actor, requestId });
  }

  @Get('subsidy/runs/:id/export.xlsx')
  @Departments(...READERS)
  @ApiOperation({ summary: '导出 .xlsx for finance: 汇总, 机构汇总 and 明细 (every line with its explanation); amounts in fen with yuan as text' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiResponse({ status: 200, description: '.xlsx workbook' })
  @RpcErrors(SubsidyRpc.getRun)
  async export(@Param() params: RunRef, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string, @Res() reply: FastifyReply): Promise<void> {
    const call = { actor, requestId, timeoutMs: 60_000 };
    const run = await this.rpc.call(SubsidyRpc.getRun, { id: params.id }, call);
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="subsidy-${run.divisionCode}-${run.month}.xlsx"`)
      .send(streamRunWorkbook(this.rpc, run, call));
  }

  @Post('subsidy/runs/:id/approvals')
  @HttpCode(200)
  @Departments('street', 'health', 'finance')
  @ApiOperation({
    summary:
      '审核: street office (its streets) → district health → finance, each in its own divisions; reject sends the run back with the reason. ' +
      'Finance approval posts the run to the payment ledger; posting again changes nothing',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody(schema('ApproveRunBody'))
  @RpcReply(SubsidyRpc.approveRun)
  approve(@Param() params: RunRef, @Body() body: ApproveRunBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<RunView> {
    return this.rpc.call(SubsidyRpc.approveRun, { ...body, id: params.id }, { actor, requestId, timeoutMs: 30_000 });
  }

  @Get('subsidy/ledger')
  @Departments('operator', ...READERS)
  @ApiOperation({ summary: '补助台账: what each posted run pays each institution (operators: their own institutions)' })
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiQuery({ name: 'divisionCode', required: false })
  @ApiQuery({ name: 'month', required: false })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 } })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } })
  @RpcReply(SubsidyRpc.listLedger)
  ledger(@Query() query: LedgerQuery, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<LedgerPage> {
    return this.rpc.call(SubsidyRpc.listLedger, query, { actor, requestId });
  }
}
