import { type Actor, DomainError } from '@shanyu/common';
import { validateContract } from '@shanyu/contracts';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ClientCredentialsRequest } from '../api-clients/api-client.contracts.js';
import { IssueClientToken } from '../api-clients/issue-client-token.use-case.js';
import { TokenRequest } from './auth.contracts.js';
import { type AuthenticatedRequest, CurrentActor, ForInspectors, Public } from './decorators.js';
import { IssueIdentityToken } from './issue-identity-token.use-case.js';
import { IssueToken } from './issue-token.use-case.js';
import { TokenRevocations } from './token-revocations.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly issueToken: IssueToken,
    private readonly revocations: TokenRevocations,
    private readonly issueClientToken: IssueClientToken,
    private readonly issueIdentityToken: IssueIdentityToken,
  ) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiOperation({
    summary:
      '登录：用户名密码换取访问令牌 (Bearer JWT carrying department, role and divisions). ' +
      'After 2 failed logins of a username each next attempt waits 1 s, 2 s, 4 s … (429 LOGIN_DELAYED, Retry-After); ' +
      '5 within 15 minutes lock it until the time given (429 ACCOUNT_LOCKED, Retry-After; an admin can lift it). ' +
      'An address with 20 failures may not retry a username that failed from it (429 TOO_MANY_LOGIN_ATTEMPTS); other usernames are still checked. ' +
      'Department systems (API clients) use the OAuth 2.0 client credentials grant instead: `{grant_type: "client_credentials", client_id, client_secret}` ' +
      'as JSON or application/x-www-form-urlencoded, or client_id and client_secret in an HTTP Basic Authorization header (RFC 6749 §2.3.1); ' +
      'the reply also carries access_token, token_type and expires_in (RFC 6749 §5.1); the token lasts one hour. Wrong client credentials: 401 INVALID_CLIENT, counted like failed logins.',
  })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({ schema: { oneOf: [{ $ref: '#/components/schemas/TokenRequest' }, { $ref: '#/components/schemas/ClientCredentialsRequest' }] } })
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/TokenResponse' } })
  @ApiResponse({ status: 400, description: 'VALIDATION', schema: { $ref: '#/components/schemas/ErrorResponse' } })
  @ApiResponse({
    status: 401,
    description: 'INVALID_CREDENTIALS (person) / INVALID_CLIENT (API client)',
    schema: { $ref: '#/components/schemas/ErrorResponse' },
  })
  @ApiResponse({
    status: 429,
    description: 'LOGIN_DELAYED / ACCOUNT_LOCKED / TOO_MANY_LOGIN_ATTEMPTS, with retryAt and a Retry-After header',
    schema: { $ref: '#/components/schemas/ErrorResponse' },
  })
  async token(@Body() body: unknown, @Req() request: AuthenticatedRequest & { headers: Record<string, string | undefined> }) {
    const raw = body ?? {};
    if (raw && typeof raw === 'object' && !Array.isArray(raw) && 'grant_type' in raw) {
      const grant = await validateContract(ClientCredentialsRequest, raw);
      const basic = basicCredentials(request.headers.authorization);
      if (basic && (grant.client_id !== undefined || grant.client_secret !== undefined)) {
        throw DomainError.validation([{ field: 'client_id', code: 'CLIENT_AUTH_TWICE', message: '客户端凭证只能放在 Authorization 头或请求体中的一处' }]);
      }
      const clientId = basic?.clientId ?? grant.client_id;
      const secret = basic?.secret ?? grant.client_secret;
      const missing = [
        ['client_id', clientId],
        ['client_secret', secret],
      ]
        .filter(([, v]) => !v)
        .map(([field]) => ({ field: field!, code: 'isDefined', message: `缺少 ${field}` }));
      if (missing.length) throw DomainError.validation(missing);
      return this.issueClientToken.execute(clientId!, secret!, request.ip);
    }
    return this.issueToken.execute(await validateContract(TokenRequest, raw), request.ip);
  }

  @Post('nats-token')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      '换取身份令牌 (identity token for NATS requests): a department system (API client token or X-Api-Key) or the platform admin gets an ' +
      'Ed25519-signed token naming its department, role and divisions, valid 5 minutes (IDENTITY_TOKEN_TTL_SECONDS). Send it as NATS header ' +
      '`shanyu-identity` on every request; services take who acts from it alone and refuse a missing, forged or expired one ' +
      '(IDENTITY_MISSING / IDENTITY_INVALID / IDENTITY_EXPIRED). Ask again before `expiresIn` runs out; a revoked client gets no new token. ' +
      'Needs no scope. People use the HTTP API instead (403 ROLE_NOT_ALLOWED).',
  })
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/IdentityTokenResponse' } })
  @ApiResponse({
    status: 401,
    description: 'UNAUTHENTICATED / TOKEN_INVALID / TOKEN_REVOKED / API_CLIENT_REVOKED / CLIENT_SECRET_EXPIRED',
    schema: { $ref: '#/components/schemas/ErrorResponse' },
  })
  @ApiResponse({ status: 403, description: 'ROLE_NOT_ALLOWED', schema: { $ref: '#/components/schemas/ErrorResponse' } })
  natsToken(@CurrentActor() actor: Actor) {
    return this.issueIdentityToken.execute(actor);
  }

  @Post('logout')
  @ForInspectors()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: '退出登录：注销所出示的令牌 (by its jti); afterwards it gets 401 TOKEN_REVOKED on every gateway replica' })
  @ApiResponse({ status: 204, description: 'Revoked' })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED / TOKEN_INVALID / TOKEN_REVOKED', schema: { $ref: '#/components/schemas/ErrorResponse' } })
  async logout(@Req() request: AuthenticatedRequest): Promise<void> {
    await this.revocations.revoke(request.token!);
  }
}

/** `Authorization: Basic base64(urlencode(client_id) ":" urlencode(client_secret))` (RFC 6749 §2.3.1), or undefined without one. */
function basicCredentials(header: string | undefined): { clientId: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  try {
    if (colon < 1) throw new Error('no colon');
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    throw new DomainError('INVALID_CLIENT', 'Authorization 头中的客户端凭证格式不正确');
  }
}
