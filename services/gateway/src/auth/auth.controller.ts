import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { TokenRequest } from './auth.contracts.js';
import { Public } from './decorators.js';
import { IssueToken } from './issue-token.use-case.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly issueToken: IssueToken) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: '登录：用户名密码换取访问令牌 (Bearer JWT carrying department, role and divisions)' })
  @ApiBody({ schema: { $ref: '#/components/schemas/TokenRequest' } })
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/TokenResponse' } })
  @ApiResponse({ status: 401, description: 'INVALID_CREDENTIALS', schema: { $ref: '#/components/schemas/ErrorResponse' } })
  token(@Body() body: TokenRequest) {
    return this.issueToken.execute(body);
  }
}
