import type { ErrorBody } from '@shanyu/common';

/**
 * The NATS request/reply wire format, for any client in any language:
 * - request: subject `<service>.<entity>.<verb>`, body = the request JSON documented per subject;
 * - headers: `shanyu-identity` (who acts: an identity token the gateway signed, never written by the
 *   caller; the service takes department, role and divisions from its verified claims),
 *   `shanyu-request-id` (trace id);
 * - reply: `{"ok":true,"data":…}` or `{"ok":false,"error":{"code","message","details"?}}`.
 */
export const RpcHeaders = {
  identity: 'shanyu-identity',
  requestId: 'shanyu-request-id',
} as const;

export type RpcReply<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Default deadline of every request, overridable per call and by RPC_TIMEOUT_MS. */
export const DEFAULT_RPC_TIMEOUT_MS = 5_000;
