import { IsString, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

@JSONSchema({ description: 'Exchange a username and password for a bearer token' })
export class TokenRequest {
  @JSONSchema({ example: 'health.330106' })
  @IsString() @MinLength(1) @MaxLength(100)
  username: string;

  @JSONSchema({ example: 'shanyu-demo' })
  @IsString() @MinLength(1) @MaxLength(200)
  password: string;
}
