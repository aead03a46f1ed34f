import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { TokenRequest } from './auth.contracts.js';
import { type AuthenticatedRequest, Public } from './decorators.js';
import { IssueToken } from './issue-token.use-case.js';
import { TokenRevocations } from './token-revocations.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly issueToken: IssueToken,
    private readonly revocations: TokenRevocations,
  ) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiOperation({
    summary: '登录：用户名密码换取访问令牌 (Bearer JWT carrying department, role and divisions). ' +
      '5 failed logins for a username within 15 minutes lock it until the time given (429 ACCOUNT_LOCKED, Retry-After); ' +
      'too many failures from one address: 429 TOO_MANY_LOGIN_ATTEMPTS.',
  })
  @ApiBody({ schema: { $ref: '#/components/schemas/TokenRequest' } })
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/TokenResponse' } })
  @ApiResponse({ status: 400, description: 'VALIDATION', schema: { $ref: '#/components/schemas/ErrorResponse' } })
  @ApiResponse({ status: 401, description: 'INVALID_CREDENTIALS', schema: { $ref: '#/components/schemas/ErrorResponse' } })
  @ApiResponse({ status: 429, description: 'ACCOUNT_LOCKED / TOO_MANY_LOGIN_ATTEMPTS, with retryAt and a Retry-After header', schema: { $ref: '#/components/schemas/ErrorResponse' } })
  token(@Body() body: TokenRequest, @Req() request: AuthenticatedRequest) {
    return this.issueToken.execute(body, request.ip);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: '退出登录：注销所出示的令牌 (by its jti); afterwards it gets 401 TOKEN_REVOKED on every gateway replica' })
  @ApiResponse({ status: 204, description: 'Revoked' })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED / TOKEN_INVALID / TOKEN_REVOKED', schema: { $ref: '#/components/schemas/ErrorResponse' } })
  async logout(@Req() request: AuthenticatedRequest): Promise<void> {
    await this.revocations.revoke(request.token!);
  }
}
