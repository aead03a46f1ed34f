import type { TokenService } from '../auth/token.service.js';
import type { ApiClientAuthenticator } from './api-client-authenticator.js';
import { CLIENT_TOKEN_TTL_SECONDS } from './api-client.contracts.js';

export interface ClientTokenResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  /** The same three under the names of RFC 6749 §5.1, for off-the-shelf OAuth 2.0 client libraries. */
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** OAuth 2.0 client credentials grant: a department system's client_id and secret for a bearer token (one hour). */
export class IssueClientToken {
  constructor(
    private readonly authenticator: ApiClientAuthenticator,
    private readonly tokens: TokenService,
  ) {}

  async execute(clientId: string, secret: string, ip?: string): Promise<ClientTokenResponse> {
    const { secretId } = await this.authenticator.verify(clientId, secret, ip);
    const access = await this.authenticator.access(clientId, secretId);
    const issued = this.tokens.issue(access.actor, clientId, { ttlSeconds: CLIENT_TOKEN_TTL_SECONDS, secretId });
    return { ...issued, access_token: issued.accessToken, token_type: issued.tokenType, expires_in: issued.expiresIn };
  }
}
