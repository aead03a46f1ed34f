/**
 * Structured JSON logs, one line per entry. Secrets and personal data never reach a log line:
 * known sensitive keys are dropped and anything shaped like a resident ID number is masked.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const SENSITIVE_KEYS = /^(password|passwd|secret|token|accesstoken|refreshtoken|authorization|cookie|idnumber|residentid|residentidnumber|pii.*|jwt.*)$/i;
const RESIDENT_ID_LIKE = /\b(\d{6})\d{8}(\d{3}[\dXx])\b/g;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return value.replace(RESIDENT_ID_LIKE, '$1********$2');
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redact(value.message), stack: value.stack };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SENSITIVE_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1);
    return out;
  }
  return value;
}

export class JsonLogger {
  private readonly threshold: number;

  constructor(
    private readonly service: string,
    level: LogLevel = (process.env.LOG_LEVEL as LogLevel) || 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {
    this.threshold = LEVELS[level] ?? LEVELS.info;
  }

  debug(msg: string, fields?: Record<string, unknown>) { this.emit('debug', msg, fields); }
  info(msg: string, fields?: Record<string, unknown>) { this.emit('info', msg, fields); }
  warn(msg: string, fields?: Record<string, unknown>) { this.emit('warn', msg, fields); }
  error(msg: string, fields?: Record<string, unknown>) { this.emit('error', msg, fields); }

  private emit(level: LogLevel, msg: string, fields?: Record<string, unknown>) {
    if (LEVELS[level] < this.threshold) return;
    const entry = { time: new Date().toISOString(), level, service: this.service, msg: redact(msg), ...(redact(fields ?? {}) as object) };
    this.write(JSON.stringify(entry));
  }
}

/** Adapts JsonLogger to Nest's LoggerService shape without importing Nest here. */
export class NestJsonLogger {
  constructor(private readonly logger: JsonLogger) {}
  log(message: unknown, context?: string) { this.logger.info(String(message), { context }); }
  error(message: unknown, trace?: string, context?: string) { this.logger.error(String(message), { context, trace }); }
  warn(message: unknown, context?: string) { this.logger.warn(String(message), { context }); }
  debug(message: unknown, context?: string) { this.logger.debug(String(message), { context }); }
  verbose(message: unknown, context?: string) { this.logger.debug(String(message), { context }); }
}
