import { vi } from 'vitest';

/**
 * Keeps every JSON log line the process writes to stdout (JsonLogger's format) instead of
 * printing it, parsed, in the returned array; other output still goes to the terminal.
 * Call it in a beforeAll and `vi.restoreAllMocks()` in the afterAll.
 */
export function captureJsonLogLines(): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    if (!text.startsWith('{"time"')) return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    return true;
  }) as typeof process.stdout.write);
  return lines;
}
