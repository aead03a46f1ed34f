/**
 * Structured JSON logs, one line per entry. Secrets and personal data never reach a log line:
 * known sensitive keys are dropped and anything shaped like a resident ID number is masked.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const SENSITIVE_KEYS = /^(password|passwd|secret|token|accesstoken|refreshtoken|authorization|cookie|idnumber|residentid|residentidnumber|pii.*|jwt.*)$/i;
// Not `\b`: letters or `_` touching the number (`id330106…`) must not keep it in the clear.
const RESIDENT_ID_LIKE = /(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)/g;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return value.replace(RESIDENT_ID_LIKE, '$1********$2');
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redact(value.message), stack: redact(value.stack) }; // the stack repeats the message
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SENSITIVE_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1);
    return out;
  }
  return value;
}

/** Fields of the current call (request id, trace id) that every line carries; set by @shanyu/observability. */
let callContextFields: (() => Record<string, unknown> | undefined) | undefined;

export function setLogContextProvider(provider: (() => Record<string, unknown> | undefined) | undefined): void {
  callContextFields = provider;
}

export class JsonLogger {
  private readonly threshold: number;

  constructor(
    readonly service: string,
    level: LogLevel = (process.env.LOG_LEVEL as LogLevel) || 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {
    this.threshold = LEVELS[level] ?? LEVELS.info;
  }

  debug(msg: string, fields?: Record<string, unknown>) {
    this.emit('debug', msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>) {
    this.emit('info', msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>) {
    this.emit('warn', msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>) {
    this.emit('error', msg, fields);
  }

  private emit(level: LogLevel, msg: string, fields?: Record<string, unknown>) {
    if (LEVELS[level] < this.threshold) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, service: this.service };
    const context = callContextFields?.();
    if (context) redactInto(entry, context);
    entry.msg = redact(msg);
    if (fields) redactInto(entry, fields);
    this.write(JSON.stringify(entry));
  }
}

/** `Object.assign(entry, redact(fields))` without the intermediate copy (a line per HTTP request and per RPC). */
function redactInto(entry: Record<string, unknown>, fields: Record<string, unknown>): void {
  for (const key in fields) {
    if (Object.hasOwn(fields, key)) entry[key] = SENSITIVE_KEYS.test(key) ? '[redacted]' : redact(fields[key], 1);
  }
}

/** Adapts JsonLogger to Nest's LoggerService shape without importing Nest here. */
export class NestJsonLogger {
  constructor(private readonly logger: JsonLogger) {}
  log(message: unknown, context?: string) {
    this.logger.info(String(message), { context });
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error(String(message), { context, trace });
  }
  warn(message: unknown, context?: string) {
    this.logger.warn(String(message), { context });
  }
  debug(message: unknown, context?: string) {
    this.logger.debug(String(message), { context });
  }
  verbose(message: unknown, context?: string) {
    this.logger.debug(String(message), { context });
  }
}
