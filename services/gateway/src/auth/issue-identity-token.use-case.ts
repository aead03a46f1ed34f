import { type Actor, type ActorTokenSigner, DomainError } from '@shanyu/common';

export interface IdentityTokenView {
  /** Send as NATS header `shanyu-identity` on every request. */
  identityToken: string;
  /** Seconds until it expires; ask for a new one before then. */
  expiresIn: number;
  expiresAt: string;
  header: 'shanyu-identity';
}

/**
 * 身份令牌: a department system exchanges its gateway credentials (token or API key, checked by the
 * guard: not revoked, secret not ended) for an identity token it sends on its NATS requests.
 * Only machines connect to NATS: API clients (role system) and the platform admin.
 */
export class IssueIdentityToken {
  constructor(private readonly signer: ActorTokenSigner) {}

  execute(actor: Actor): IdentityTokenView {
    if (actor.role !== 'system' && actor.role !== 'admin') {
      throw new DomainError('ROLE_NOT_ALLOWED', '身份令牌只发给部门系统（接口客户端）和平台管理员：人员请使用 HTTP 接口');
    }
    const { token, expiresAt } = this.signer.tokenFor(actor, { fresh: true });
    return {
      identityToken: token,
      expiresIn: Math.round((expiresAt.getTime() - Date.now()) / 1000),
      expiresAt: expiresAt.toISOString(),
      header: 'shanyu-identity',
    };
  }
}
