import { DEPARTMENTS, type Department } from '@shanyu/common';
import { IsDivisionCode } from '@shanyu/contracts';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/** Departments whose systems may hold credentials: not `admin` (credentials manage nothing) and not `operator` (bound to its own institutions). */
export const CLIENT_DEPARTMENTS = DEPARTMENTS.filter((d) => d !== 'admin' && d !== 'operator') as Exclude<Department, 'admin' | 'operator'>[];

/** How long the previous secret keeps working after a rotation, unless the request says otherwise: one day. */
export const DEFAULT_OVERLAP_SECONDS = 86_400;
/** The longest overlap a rotation may ask for: 30 days. */
export const MAX_OVERLAP_SECONDS = 30 * 86_400;
/** Lifetime of a token issued for client credentials (or JWT_TTL_SECONDS when that is shorter). */
export const CLIENT_TOKEN_TTL_SECONDS = 3_600;

@JSONSchema({ description: 'A department system to be given its own credentials (admin only). The secret is returned once, in the reply.' })
export class CreateApiClientBody {
  @JSONSchema({ description: 'What the system is', example: '西湖区消防救援大队 监督管理系统' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: '名称不能为空白' })
  name: string;

  @JSONSchema({ description: 'The department the system acts for', example: 'fire' })
  @IsIn(CLIENT_DEPARTMENTS, { message: `部门必须是 ${CLIENT_DEPARTMENTS.join('、')} 之一` })
  department: Exclude<Department, 'admin' | 'operator'>;

  @JSONSchema({ description: 'Division codes (GB/T 2260 county or GB/T 10114 street) the system may act in', example: ['330106'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsDivisionCode({ each: true })
  divisions: string[];

  @JSONSchema({
    description:
      'The routes the system may call, each `METHOD /path` exactly as in /api/docs-json (`{id}` or `:id`). ' +
      '/api/v1/admin/… and /api/v1/auth/… cannot be granted; public routes need no scope.',
    example: ['GET /api/v1/institutions', 'GET /api/v1/institutions/{id}', 'GET /api/v1/inspections/{id}'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  scopes: string[];
}

@JSONSchema({ description: "Rotate a client's secret: a new secret is returned once; the previous one keeps working for the overlap period" })
export class RotateApiClientSecretBody {
  @JSONSchema({
    description: `Seconds the previous secret (and tokens issued with it) keep working; default ${DEFAULT_OVERLAP_SECONDS} (one day), at most ${MAX_OVERLAP_SECONDS} (30 days); 0 ends it at once`,
    example: 86_400,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_OVERLAP_SECONDS)
  overlapSeconds?: number;
}

@JSONSchema({ description: 'Revoke a client: its secrets, API key and every token already issued to it stop working on the next request' })
export class RevokeApiClientBody {
  @JSONSchema({ example: '系统下线' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

export class ApiClientIdParam {
  @IsUUID()
  id: string;
}

/**
 * OAuth 2.0 client credentials grant (RFC 6749 §4.4), as JSON or application/x-www-form-urlencoded.
 * client_id and client_secret go in the body or in an HTTP Basic Authorization header (§2.3.1), not both.
 */
@JSONSchema({ description: "Exchange a department system's client credentials for a bearer token (OAuth 2.0 client credentials grant)" })
export class ClientCredentialsRequest {
  @JSONSchema({ example: 'client_credentials' })
  @IsIn(['client_credentials'], { message: 'grant_type 只支持 client_credentials' })
  grant_type: 'client_credentials';

  @JSONSchema({ example: 'fire-330106-k3x9q2' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{2,99}$/, { message: 'client_id 格式不正确' })
  client_id?: string;

  @JSONSchema({ example: 'shs_…' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  client_secret?: string;
}

export interface ApiClientSecretView {
  version: number;
  createdAt: string;
  /** Null while current; the end of the overlap after a rotation, or the revocation time. */
  validUntil: string | null;
}

export interface ApiClientView {
  id: string;
  clientId: string;
  name: string;
  department: Department;
  divisions: string[];
  scopes: string[];
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokeReason: string | null;
  lastUsedAt: string | null;
  secrets: ApiClientSecretView[];
}

/** The create and rotate replies: the only time the secret is shown. */
export interface IssuedClientSecret {
  clientId: string;
  version: number;
  /** Shown once; only its scrypt hash is kept. */
  clientSecret: string;
  /** `<clientId>.<clientSecret>`: the value of the X-Api-Key header. */
  apiKey: string;
}
