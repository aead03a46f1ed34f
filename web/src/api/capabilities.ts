// What this deployment lets the signed-in account do: read once from the OpenAPI document the
// gateway serves. A route of a service not deployed yet is absent (its page hidden or 暂无数据); a
// route limited to some departments says which in `x-departments` (the platform admin may call all).
import { useEffect, useState } from 'react';
import { useSession } from '../auth/session';

/** `METHOD /path` → the departments allowed, or null when every signed-in department may call it. */
type Routes = Map<string, readonly string[] | null>;

let loading: Promise<Routes> | null = null;

export function loadCapabilities(): Promise<Routes> {
  loading ??= fetch('/api/docs-json')
    .then((r) => (r.ok ? r.json() : { paths: {} }))
    .then((doc: { paths?: Record<string, Record<string, { 'x-departments'?: string[] }>> }) => {
      const routes: Routes = new Map();
      for (const [p, methods] of Object.entries(doc.paths ?? {})) {
        for (const [m, operation] of Object.entries(methods)) routes.set(`${m.toUpperCase()} ${p}`, operation['x-departments'] ?? null);
      }
      return routes;
    })
    .catch(() => {
      loading = null;
      return new Map() as Routes;
    });
  return loading;
}

/** `has('GET /api/v1/inspections')`: deployed and open to the signed-in account's department; undefined while loading. */
export function useCapabilities(): ((route: string) => boolean) | undefined {
  const department = useSession()?.department;
  const [routes, setRoutes] = useState<Routes | undefined>();
  useEffect(() => {
    let alive = true;
    void loadCapabilities().then((c) => alive && setRoutes(c));
    return () => {
      alive = false;
    };
  }, []);
  if (!routes) return undefined;
  return (route: string) => {
    if (!routes.has(route)) return false;
    const allowed = routes.get(route);
    return !allowed || department === 'admin' || (department !== undefined && allowed.includes(department));
  };
}
