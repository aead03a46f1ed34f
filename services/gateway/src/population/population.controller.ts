import { type Actor, DomainError } from '@shanyu/common';
import { ListPopulationRequest, LoadPopulationBody, type PopulationView, RegistrySubjects } from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentRequestId, Departments } from '../auth/decorators.js';
import { errorResponses } from '../docs/error-responses.js';
import { parsePopulationCsv } from './population-csv.js';

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
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/PopulationLoadResult' } })
  @errorResponses(400, 401, 403)
  load(@Body() body: LoadPopulationBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<{ loaded: number }> {
    return this.rpc.request(RegistrySubjects.loadPopulation, body, { actor, requestId });
  }

  @Post('import')
  @HttpCode(200)
  @Departments('health', 'admin')
  @ApiOperation({ summary: '导入人口数据 CSV (text/csv): header divisionCode,year,residentPopulation,childrenUnder3,source; errors name the line' })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'divisionCode,year,residentPopulation,childrenUnder3,source\n330106,2025,1180000,29500,西湖区统计公报' } })
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/PopulationLoadResult' } })
  @errorResponses(400, 401, 403)
  import(@Body() csv: unknown, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<{ loaded: number }> {
    if (typeof csv !== 'string') throw DomainError.validation([{ field: '(body)', code: 'isCsv', message: '请以 text/csv 上传 CSV 文件内容' }]);
    return this.rpc.request<{ loaded: number }>(RegistrySubjects.loadPopulation, { rows: parsePopulationCsv(csv) }, { actor, requestId }).catch((e: unknown) => {
      throw e instanceof DomainError && e.details ? new DomainError(e.code, e.message, e.details.map((d) => ({ ...d, field: csvField(d.field) }))) : e;
    });
  }

  @Get()
  @ApiOperation({ summary: '人口数据 in the caller\'s divisions' })
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/PopulationList' } })
  @errorResponses(400, 401)
  list(@Query() query: ListPopulationRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<PopulationView[]> {
    return this.rpc.request(RegistrySubjects.listPopulation, query, { actor, requestId });
  }
}

/** `rows.3.year` → `line 5: year` (header is line 1). */
function csvField(field: string): string {
  const m = /^rows\.(\d+)(?:\.(.+))?$/.exec(field);
  return m ? `line ${Number(m[1]) + 2}${m[2] ? `: ${m[2]}` : ''}` : field;
}
