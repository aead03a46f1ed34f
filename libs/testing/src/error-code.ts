/**
 * The error code with which `fn` fails (thrown or rejected), or 'ok' when it succeeds: lets a
 * test compare outcomes in one `expect`.
 */
export async function errorCodeOf(fn: () => unknown): Promise<string> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    return (e as { code: string }).code;
  }
}
