// Which API routes this deployment has: read once from the OpenAPI document the gateway serves.
// Pages and menu entries of services that are not deployed yet are hidden or show 暂无数据.
import { useEffect, useState } from 'react';

let loading: Promise<Set<string>> | null = null;

export function loadCapabilities(): Promise<Set<string>> {
  loading ??= fetch('/api/docs-json')
    .then((r) => (r.ok ? r.json() : { paths: {} }))
    .then((doc: { paths?: Record<string, Record<string, unknown>> }) => {
      const set = new Set<string>();
      for (const [p, methods] of Object.entries(doc.paths ?? {})) for (const m of Object.keys(methods)) set.add(`${m.toUpperCase()} ${p}`);
      return set;
    })
    .catch(() => {
      loading = null;
      return new Set<string>();
    });
  return loading;
}

/** `has('GET /api/v1/inspections')`; undefined while loading. */
export function useCapabilities(): ((route: string) => boolean) | undefined {
  const [caps, setCaps] = useState<Set<string> | undefined>();
  useEffect(() => {
    let alive = true;
    void loadCapabilities().then((c) => alive && setCaps(c));
    return () => {
      alive = false;
    };
  }, []);
  return caps ? (route: string) => caps.has(route) : undefined;
}
