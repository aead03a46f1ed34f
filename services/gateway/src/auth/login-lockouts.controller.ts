import type { Actor } from '@shanyu/common';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { errorResponses } from '../docs/error-responses.js';
import { type LoginLockoutView, type LoginUnlockView, UnlockLoginBody } from './auth.contracts.js';
import { CurrentActor, CurrentRequestId, Departments } from './decorators.js';
import { ListLoginLockouts } from './list-login-lockouts.query.js';
import { UnlockLogin } from './unlock-login.use-case.js';

const LOCKOUT_SCHEMA = {
  type: 'object',
  required: ['username', 'failures', 'lastFailureAt', 'lockedUntil', 'addresses'],
  properties: {
    username: {
      type: 'string',
      description: 'As typed at login; an API client is `client:<clientId>`. Unknown usernames are counted (and locked) like real ones',
    },
    failures: { type: 'integer', description: 'Failed logins inside the window (LOGIN_WINDOW_SECONDS)' },
    lastFailureAt: { type: 'string', format: 'date-time' },
    lockedUntil: { type: 'string', format: 'date-time', description: 'When the lockout ends by itself' },
    addresses: { type: 'array', items: { type: 'string' }, description: 'Client addresses the failures came from (at most 20)' },
  },
};

/** 登录锁定: accounts locked by failed logins (admin). Each lockout is in the gateway's audit log (entity `login`). */
@ApiTags('admin 登录锁定')
@ApiBearerAuth()
@Controller('api/v1/admin/login-lockouts')
export class LoginLockoutsController {
  constructor(
    private readonly listLockouts: ListLoginLockouts,
    private readonly unlockLogin: UnlockLogin,
  ) {}

  @Get()
  @Departments('admin')
  @ApiOperation({
    summary:
      '当前被锁定的登录名 (admin): LOGIN_MAX_FAILURES failed logins inside the window, latest first. ' +
      'Each lockout and unlock is audited: GET /api/v1/audit?service=gateway&entity=login&id=<username>.',
  })
  @ApiResponse({ status: 200, schema: { type: 'array', items: LOCKOUT_SCHEMA } })
  @errorResponses(401, 403)
  list(): Promise<LoginLockoutView[]> {
    return this.listLockouts.execute();
  }

  @Post('unlock')
  @HttpCode(200)
  @Departments('admin')
  @ApiOperation({
    summary: "解除登录锁定 (admin): forgets the username's failed logins at once, on every replica (a lockout or a wait ends). Audited when there were any.",
  })
  @ApiBody({ schema: { $ref: '#/components/schemas/UnlockLoginBody' } })
  @ApiResponse({
    status: 200,
    schema: {
      type: 'object',
      required: ['username', 'failuresCleared', 'wasLocked'],
      properties: {
        username: { type: 'string' },
        failuresCleared: { type: 'integer', description: '0: the username had no failed logins' },
        wasLocked: { type: 'boolean' },
      },
    },
  })
  @errorResponses(400, 401, 403)
  unlock(@Body() body: UnlockLoginBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<LoginUnlockView> {
    return this.unlockLogin.execute(body, actor, requestId);
  }
}
