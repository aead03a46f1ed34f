import { type Actor, RULE_FAMILY_PUBLISHERS } from '@shanyu/common';
import {
  AddBanRequest,
  AddCredentialBody,
  AddStaffBody,
  type BanPage,
  type BanView,
  CredentialAlertsQuery,
  type CredentialAlerts,
  DivisionStaffStatsRequest,
  type DivisionStaffStats,
  EndStaffBody,
  EnterRecordCheckRequest,
  InstitutionRef,
  type InstitutionStaffStats,
  ListBansRequest,
  ListStaffQuery,
  OverdueRechecksRequest,
  type OverdueRechecks,
  type RecordCheckView,
  RecordRecheckBody,
  RevealIdNumberBody,
  type RevealedIdNumber,
  RuleDocumentBody,
  type RuleDocumentView,
  StaffRef,
  type StaffImportResult,
  type StaffPage,
  StaffRpc,
  type StaffView,
} from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Body, Controller, Get, HttpCode, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { spreadsheetFileSchema } from '../http/spreadsheet-upload.js';
import { CurrentActor, CurrentRequestId, Departments } from '../auth/decorators.js';
import { RpcReply } from '../docs/rpc-reply.js';
import { schema } from '../docs/api-shapes.js';
import { parseStaffSheet } from './staff-import.parser.js';

/** Who reads staff data (the staff service checks divisions and ownership again). */
const READERS = ['operator', 'health', 'police', 'education', 'hrss', 'civil', 'market', 'street'] as const;
const IMPORT_MAX_BYTES = 2_000_000;

/**
 * 从业人员: staff records, credentials, vetting, bans, yearly re-checks, 持证率 and ratios,
 * forwarded to the staff service over NATS. Resident ID numbers come back masked except to
 * public security (and, one at a time with a reason, to health: POST /staff/:id/id-number).
 */
@ApiTags('staff 从业人员')
@ApiBearerAuth()
@Controller('api/v1')
export class StaffController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('institutions/:id/staff')
  @HttpCode(201)
  @Departments('operator', 'health')
  @ApiOperation({
    summary: '从业人员登记: vetted against the ban list and the criminal-record query (a banned person: 422 STAFF_BANNED, the attempt recorded)',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Institution id' })
  @ApiBody(schema('AddStaffBody'))
  @RpcReply(StaffRpc.addStaff, 201)
  add(@Param() params: InstitutionRef, @Body() body: AddStaffBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<StaffView> {
    return this.rpc.call(StaffRpc.addStaff, { ...body, institutionId: params.id }, { actor, requestId });
  }

  @Post('institutions/:id/staff/import')
  @HttpCode(200)
  @Departments('operator', 'health')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } }))
  @ApiOperation({
    summary:
      '批量导入 staff from .xlsx or .csv (form field `file`; header 姓名, 身份证号, 岗位, 用工形式, 班型, 班级, 入职日期). ' +
      'Each row validated and vetted; the reply lists accepted rows and every rejected row with its reasons; nothing of a rejected row is stored.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Institution id' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: spreadsheetFileSchema('1000') })
  @RpcReply(StaffRpc.importStaff)
  async import(
    @Param() params: InstitutionRef,
    @UploadedFile() file: UploadedMultipartFile | undefined,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<StaffImportResult> {
    const rows = await parseStaffSheet(file?.buffer ?? Buffer.alloc(0), file?.originalname);
    return this.rpc.call(StaffRpc.importStaff, { institutionId: params.id, rows }, { actor, requestId, timeoutMs: 120_000 });
  }

  @Get('institutions/:id/staff')
  @Departments(...READERS)
  @ApiOperation({ summary: '机构从业人员 (active by default)' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Institution id' })
  @ApiQuery({ name: 'status', required: false, enum: ['active', 'ended', 'all'] })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 } })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } })
  @RpcReply(StaffRpc.listStaff)
  list(
    @Param() params: InstitutionRef,
    @Query() query: ListStaffQuery,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<StaffPage> {
    return this.rpc.call(StaffRpc.listStaff, { ...query, institutionId: params.id }, { actor, requestId });
  }

  @Get('institutions/:id/staff-stats')
  @Departments(...READERS)
  @ApiOperation({ summary: '持证率 (against the 90% target), health-certificate rate, carer-to-child ratios per class type, vetting and re-check counts' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Institution id' })
  @RpcReply(StaffRpc.institutionStats)
  stats(@Param() params: InstitutionRef, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<InstitutionStaffStats> {
    return this.rpc.call(StaffRpc.institutionStats, { id: params.id }, { actor, requestId });
  }

  @Get('institutions/:id/staff/credential-alerts')
  @Departments(...READERS)
  @ApiOperation({ summary: '证书到期提醒: credentials expiring within `days` and expired ones' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Institution id' })
  @ApiQuery({ name: 'days', required: false, schema: { type: 'integer', minimum: 1, maximum: 365, default: 30 } })
  @RpcReply(StaffRpc.credentialAlerts)
  alerts(
    @Param() params: InstitutionRef,
    @Query() query: CredentialAlertsQuery,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<CredentialAlerts> {
    return this.rpc.call(StaffRpc.credentialAlerts, { ...query, institutionId: params.id }, { actor, requestId });
  }

  @Get('staff-stats')
  @Departments('health', 'police', 'education', 'hrss', 'civil', 'market', 'street')
  @ApiOperation({ summary: '辖区持证率 and ratio breaches, per institution and in total' })
  @ApiQuery({ name: 'divisionCode', example: '330106' })
  @RpcReply(StaffRpc.divisionStats)
  divisionStats(@Query() query: DivisionStaffStatsRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<DivisionStaffStats> {
    return this.rpc.call(StaffRpc.divisionStats, query, { actor, requestId });
  }

  @Post('staff/rules')
  @HttpCode(201)
  @Departments(...RULE_FAMILY_PUBLISHERS.staff)
  @ApiOperation({
    summary:
      '发布从业人员规则 a new version of a staff rule document (family staff) for a jurisdiction: national (000000) by the platform admin only; health, education or hrss for their own divisions and below. ' +
      'Each rule composes with the levels above (adds, replaces, disables with a reason, inherits), its body one of {kind: credential|role|ratio|family-point-ratio|refusal|recheck|certificate-target, …} as in staff-rules.json; ' +
      'in force from effectiveFrom (not before today), and the rules in force must still make a whole set everywhere. ' +
      'From then on it judges the institutions of its jurisdiction (ratios, 持证率, vetting); read it with GET /api/v1/rules/effective?family=staff',
  })
  @ApiBody(schema('RuleDocumentBody'))
  @RpcReply(StaffRpc.publishRules, 201)
  publishRules(@Body() body: RuleDocumentBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<RuleDocumentView> {
    return this.rpc.call(StaffRpc.publishRules, { ...body, family: 'staff' }, { actor, requestId });
  }

  @Get('staff/rechecks/overdue')
  @Departments(...READERS)
  @ApiOperation({ summary: "年度违法犯罪记录查询逾期 (12 months after the last query): by institution, division, or the caller's scope" })
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiQuery({ name: 'divisionCode', required: false })
  @RpcReply(StaffRpc.overdueRechecks)
  overdue(@Query() query: OverdueRechecksRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<OverdueRechecks> {
    return this.rpc.call(StaffRpc.overdueRechecks, query, { actor, requestId });
  }

  @Get('staff/:id')
  @Departments(...READERS)
  @ApiOperation({ summary: '从业人员详情 with credentials, vetting, flags and the next re-check' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Staff id' })
  @RpcReply(StaffRpc.getStaff)
  get(@Param() params: StaffRef, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<StaffView> {
    return this.rpc.call(StaffRpc.getStaff, { id: params.id }, { actor, requestId });
  }

  @Post('staff/:id/end')
  @HttpCode(200)
  @Departments('operator', 'health')
  @ApiOperation({ summary: "离职: ends the employment (the person's history stays)" })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Staff id' })
  @ApiBody(schema('EndStaffBody'))
  @RpcReply(StaffRpc.endStaff)
  end(@Param() params: StaffRef, @Body() body: EndStaffBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<StaffView> {
    return this.rpc.call(StaffRpc.endStaff, { ...body, staffId: params.id }, { actor, requestId });
  }

  @Post('staff/:id/credentials')
  @HttpCode(201)
  @Departments('operator', 'health')
  @ApiOperation({ summary: '登记资格证书或健康证明 (unknown types and an expiry before the issue date: 400)' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Staff id' })
  @ApiBody(schema('AddCredentialBody'))
  @RpcReply(StaffRpc.addCredential, 201)
  credential(
    @Param() params: StaffRef,
    @Body() body: AddCredentialBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<StaffView> {
    return this.rpc.call(StaffRpc.addCredential, { ...body, staffId: params.id }, { actor, requestId });
  }

  @Post('staff/:id/rechecks')
  @HttpCode(201)
  @Departments('operator', 'health', 'police')
  @ApiOperation({ summary: '年度违法犯罪记录查询 (未成年人保护法 第六十二条); a record found rejects and flags every current employment of the person' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Staff id' })
  @ApiBody(schema('RecordRecheckBody'))
  @RpcReply(StaffRpc.recordRecheck, 201)
  recheck(@Param() params: StaffRef, @Body() body: RecordRecheckBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<StaffView> {
    return this.rpc.call(StaffRpc.recordRecheck, { ...body, staffId: params.id }, { actor, requestId });
  }

  @Post('staff/:id/id-number')
  @HttpCode(200)
  @Departments('health', 'police')
  @ApiOperation({ summary: '查看完整身份证号 (health or public security, with a reason; audited)' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Staff id' })
  @ApiBody(schema('RevealIdNumberBody'))
  @RpcReply(StaffRpc.revealIdNumber)
  reveal(
    @Param() params: StaffRef,
    @Body() body: RevealIdNumberBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<RevealedIdNumber> {
    return this.rpc.call(StaffRpc.revealIdNumber, { ...body, staffId: params.id }, { actor, requestId });
  }

  @Post('bans')
  @HttpCode(201)
  @Departments('police', 'health')
  @ApiOperation({ summary: "从业禁止 / 终身禁入 (public security or health only): flags the person's current employments everywhere, refuses future hiring" })
  @ApiBody(schema('AddBanRequest'))
  @RpcReply(StaffRpc.addBan, 201)
  addBan(@Body() body: AddBanRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<BanView> {
    return this.rpc.call(StaffRpc.addBan, body, { actor, requestId });
  }

  @Get('bans')
  @Departments('police', 'health')
  @ApiOperation({ summary: '从业禁止名单 (public security or health)' })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 } })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } })
  @RpcReply(StaffRpc.listBans)
  listBans(@Query() query: ListBansRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<BanPage> {
    return this.rpc.call(StaffRpc.listBans, query, { actor, requestId });
  }

  @Post('record-checks')
  @HttpCode(201)
  @Departments('police')
  @ApiOperation({ summary: '违法犯罪记录查询结果 entered by public security for a person; decides pending vetting' })
  @ApiBody(schema('EnterRecordCheckRequest'))
  @RpcReply(StaffRpc.enterRecordCheck, 201)
  recordCheck(@Body() body: EnterRecordCheckRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<RecordCheckView> {
    return this.rpc.call(StaffRpc.enterRecordCheck, body, { actor, requestId });
  }
}
