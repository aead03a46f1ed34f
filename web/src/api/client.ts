// The gateway's HTTP API (same origin). Errors are `{statusCode, code, message, details?}`.
import { markReachable, markUnreachable } from './connectivity';

export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { field: string; code?: string; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ApiErrorBody['details'],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The route is not there (a service not deployed yet) or the entity is missing. */
  get notFound(): boolean {
    return this.status === 404;
  }
}

/** A request that never reached the server (offline, DNS, connection refused). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('网络不可用，请检查网络连接');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

const TOKEN_KEY = 'shanyu.token';

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
  window.dispatchEvent(new Event('shanyu-auth'));
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export interface RequestOptions {
  method?: string;
  query?: Query;
  body?: unknown;
  /** Raw body (FormData, text) sent as is. */
  raw?: BodyInit;
  contentType?: string;
  signal?: AbortSignal;
  /** The reply as a Blob (a PDF, a workbook) rather than JSON or text. */
  blob?: boolean;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    if (options.contentType) headers['content-type'] = options.contentType;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), { method: options.method ?? 'GET', headers, body, signal: options.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    markUnreachable();
    throw new NetworkError(e);
  }
  markReachable();
  if (res.status === 401 && token) {
    setToken(null); // expired or revoked: back to the login page
  }
  if (!res.ok) {
    let err: Partial<ApiErrorBody> = {};
    try {
      err = (await res.json()) as ApiErrorBody;
    } catch {
      // not JSON
    }
    throw new ApiError(res.status, err.code ?? `HTTP_${res.status}`, err.message ?? `请求失败 (${res.status})`, err.details);
  }
  if (res.status === 204) return undefined as T;
  if (options.blob) return (await res.blob()) as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** A person-readable message for any error. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    // What the message already says is not repeated; a problem that names its own row (第 3 行：…)
    // is shown without its path (children.2.daysAttended); any other is named by its field.
    const details = (e.details ?? [])
      .filter((d) => d.message.length < 6 || !e.message.includes(d.message))
      .map((d) => (/^第 \d+ 行/.test(d.message) ? d.message : `${d.field} ${d.message}`));
    return details.length ? `${e.message}：${details.join('；')}` : e.message;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Saves a Blob as a file the person downloads. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads what a route answers (a PDF, a workbook) as `fileName`; a refusal throws ApiError like api(). */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  saveBlob(await api<Blob>(path, { blob: true }), fileName);
}
