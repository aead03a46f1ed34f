import type { ErrorBody } from '@shanyu/common';

/**
 * The NATS request/reply wire format, for any client in any language:
 * - request: subject `<service>.<entity>.<verb>`, body = the request JSON documented per subject;
 * - headers: `shanyu-actor` (JSON of {@link Actor}: who acts), `shanyu-request-id` (trace id);
 * - reply: `{"ok":true,"data":…}` or `{"ok":false,"error":{"code","message","details"?}}`.
 */
export const RpcHeaders = {
  actor: 'shanyu-actor',
  requestId: 'shanyu-request-id',
} as const;

export type RpcReply<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Default deadline of every request, overridable per call and by RPC_TIMEOUT_MS. */
export const DEFAULT_RPC_TIMEOUT_MS = 5_000;
