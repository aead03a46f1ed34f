import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

@JSONSchema({ description: 'Exchange a username and password for a bearer token' })
export class TokenRequest {
  @JSONSchema({ example: 'health.330106' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  username: string;

  @JSONSchema({ example: 'shanyu-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

@JSONSchema({ description: 'Lift the login lockout of a username (admin): its failed logins are forgotten at once, on every replica' })
export class UnlockLoginBody {
  @JSONSchema({ description: 'The username as typed at login (an API client: `client:<clientId>`)', example: 'health.330106' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  username: string;

  @JSONSchema({ example: '本人电话确认后解锁' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

export interface LoginLockoutView {
  username: string;
  /** Failed logins inside the window. */
  failures: number;
  lastFailureAt: string;
  /** When the lockout ends by itself. */
  lockedUntil: string;
  /** Client addresses the failures came from (at most 20). */
  addresses: string[];
}

export interface LoginUnlockView {
  username: string;
  /** How many failed logins were forgotten (0: the username had none). */
  failuresCleared: number;
  /** Whether the username was locked. */
  wasLocked: boolean;
}
