import type { Actor } from '@shanyu/common';
import { CalendarYearParams, type CalendarYearView, LoadCalendarYearBody } from '@shanyu/contracts';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentRequestId, Departments } from '../auth/decorators.js';
import { errorResponses } from '../docs/error-responses.js';
import { LoadCalendarYear } from './load-calendar-year.use-case.js';
import { ReadCalendarYear } from './read-calendar-year.query.js';

/** 工作日历: weekends plus the State Council's holidays and make-up workdays, per year. */
@ApiTags('calendar 工作日历')
@ApiBearerAuth()
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(
    private readonly loadYear: LoadCalendarYear,
    private readonly readYear: ReadCalendarYear,
  ) {}

  @Get(':year')
  @ApiOperation({ summary: '某年的节假日与调休安排及工作日数' })
  @ApiParam({ name: 'year', example: '2026' })
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/CalendarYearView' } })
  @errorResponses(400, 401, 403)
  get(@Param() params: CalendarYearParams): Promise<CalendarYearView> {
    return this.readYear.execute(Number(params.year));
  }

  @Put(':year')
  @Departments('admin')
  @ApiOperation({ summary: '载入某年的节假日安排 (admin; replaces the year, audited, event evt.gateway.calendar.loaded.v1)' })
  @ApiParam({ name: 'year', example: '2027' })
  @ApiBody({ schema: { $ref: '#/components/schemas/LoadCalendarYearBody' } })
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/CalendarYearView' } })
  @errorResponses(400, 401, 403)
  put(
    @Param() params: CalendarYearParams,
    @Body() body: LoadCalendarYearBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<CalendarYearView> {
    return this.loadYear.execute(Number(params.year), body, actor, requestId);
  }
}
