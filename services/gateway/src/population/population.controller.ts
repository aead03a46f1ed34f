import { type Actor, DomainError } from '@shanyu/common';
import { ListPopulationRequest, LoadPopulationBody, type PopulationView, RegistryRpc } from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Body, Controller, Get, HttpCode, Post, Put, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { spreadsheetFileSchema } from '../http/spreadsheet-upload.js';
import { CurrentActor, CurrentRequestId, Departments } from '../auth/decorators.js';
import { RpcReply } from '../docs/rpc-reply.js';
import { parsePopulationCsv } from './population-csv.js';
import { parsePopulationSheet } from './population-sheet.js';

/** An Excel sheet of every division of a province stays far below this. */
const UPLOAD_MAX_BYTES = 5_000_000;

/** 人口数据 per division and year, kept for the indicators. */
@ApiTags('population 人口数据')
@ApiBearerAuth()
@Controller('api/v1/population')
export class PopulationController {
  constructor(private readonly rpc: RpcClient) {}

  @Put()
  @Departments('health', 'admin')
  @ApiOperation({ summary: '载入人口数据 (JSON rows); a row replaces the same division and year' })
  @ApiBody({ schema: { $ref: '#/components/schemas/LoadPopulationBody' } })
  @RpcReply(RegistryRpc.loadPopulation)
  load(@Body() body: LoadPopulationBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<{ loaded: number }> {
    return this.rpc.call(RegistryRpc.loadPopulation, body, { actor, requestId });
  }

  @Post('import')
  @HttpCode(200)
  @Departments('health', 'admin')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: UPLOAD_MAX_BYTES, files: 1 } }))
  @ApiOperation({
    summary:
      '导入人口数据: an Excel (.xlsx) or CSV file as multipart form field `file` (headers 区划代码, 年份, 常住人口, 3岁以下婴幼儿数, 数据来源 ' +
      'or divisionCode, year, residentPopulation, childrenUnder3, source), or the CSV itself as a text/csv body. Errors name the sheet row ' +
      '(`row N: field`) or the CSV line (`line N: field`); nothing is stored unless every row is right.',
  })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({
    schema: {
      oneOf: [
        { type: 'string', example: 'divisionCode,year,residentPopulation,childrenUnder3,source\n330106,2025,1180000,29500,西湖区统计公报' },
        spreadsheetFileSchema('10,000'),
      ],
    },
  })
  @RpcReply(RegistryRpc.loadPopulation)
  async import(
    @Body() body: unknown,
    @UploadedFile() file: UploadedMultipartFile | undefined,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<{ loaded: number }> {
    let rows: Record<string, unknown>[];
    let where: (index: number) => string;
    if (file || (body !== null && typeof body === 'object')) {
      const sheet = await parsePopulationSheet(file?.buffer ?? Buffer.alloc(0), file?.originalname);
      rows = sheet.map((r) => r.row);
      where = (index) => `row ${sheet[index]?.rowNumber ?? index + 2}`;
    } else if (typeof body === 'string') {
      rows = parsePopulationCsv(body);
      where = (index) => `line ${index + 2}`; // the header is line 1
    } else {
      throw DomainError.validation([
        { field: '(body)', code: 'isCsv', message: '请上传 Excel（.xlsx）或 CSV 文件（表单字段 file），或以 text/csv 提交 CSV 内容' },
      ]);
    }
    // The rows as read from the sheet: the registry validates them (errors named by row below).
    return this.rpc.call(RegistryRpc.loadPopulation, { rows } as unknown as LoadPopulationBody, { actor, requestId }).catch((e: unknown) => {
      throw e instanceof DomainError && e.details
        ? new DomainError(
            e.code,
            e.message,
            e.details.map((d) => ({ ...d, field: rowField(d.field, where) })),
          )
        : e;
    });
  }

  @Get()
  @ApiOperation({ summary: "人口数据 in the caller's divisions" })
  @RpcReply(RegistryRpc.listPopulation)
  list(@Query() query: ListPopulationRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<PopulationView[]> {
    return this.rpc.call(RegistryRpc.listPopulation, query, { actor, requestId });
  }
}

/** `rows.3.year` → `line 5: year` (CSV, header on line 1) or `row 7: year` (the row's number in the sheet). */
function rowField(field: string, where: (index: number) => string): string {
  const m = /^rows\.(\d+)(?:\.(.+))?$/.exec(field);
  return m ? `${where(Number(m[1]))}${m[2] ? `: ${m[2]}` : ''}` : field;
}
