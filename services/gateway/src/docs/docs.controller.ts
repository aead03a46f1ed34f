import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators.js';
import { asyncApiDocument } from './api-documents.js';

@ApiTags('docs')
@Controller('api/docs')
export class DocsController {
  private document?: object;

  @Public()
  @Get('asyncapi.json')
  @ApiOperation({ summary: 'AsyncAPI 3.0: every NATS request subject and event, with JSON Schemas' })
  asyncApi() {
    return (this.document ??= asyncApiDocument());
  }
}
