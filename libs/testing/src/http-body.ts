/**
 * The body of an HTTP response that has the expected status (200 unless told); any other status
 * fails the test, showing the body that came instead.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test code reads response bodies loosely
export function okBody(res: { status: number; body: any }, status = 200): any {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
