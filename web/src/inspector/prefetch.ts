// Makes every assigned visit work offline, not only those opened while online: when the list of
// assigned inspections loads online, each visit's merged form is fetched and kept on the phone
// (the same record opening a visit keeps), a few at a time.
import { api, NetworkError } from '../api/client';
import type { Inspection, InspectionForm, Inspector, Page } from '../api/types';
import type { Session } from '../auth/session';
import { db } from './db';

const PARALLEL = 3;

/** Keeps the form of each open visit in IndexedDB; returns the ids now available offline. */
export async function prefetchVisits(items: Inspection[], onSaved?: (id: string) => void): Promise<Set<string>> {
  const d = await db();
  const saved = new Set<string>();
  const queue = items.filter((i) => i.status === 'open');
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        const form = await api<InspectionForm>(`/api/v1/inspections/${next.id}/form`);
        await d.put('visits', { id: next.id, inspection: next, form, savedAt: new Date().toISOString() });
        saved.add(next.id);
        onSaved?.(next.id);
      } catch {
        // Offline again, or the visit closed meanwhile: the kept copy (if any) stays.
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return saved;
}

/** Ids of the visits kept on this phone. */
export async function savedVisitIds(): Promise<Set<string>> {
  return new Set((await (await db()).getAllKeys('visits')).map(String));
}

/**
 * The caller's entry in the inspector register (its id is what an inspection lists as assigned),
 * kept on the phone for offline use; null when the caller is not in the register or it cannot be read.
 */
export async function myInspectorId(session: Session | null): Promise<string | null> {
  // An inspector account reads only the visits it is assigned to, and may not read the register.
  if (!session || session.role === 'inspector') return null;
  const key = `shanyu.inspector.${session.userId}`;
  try {
    const inspectors = await api<Inspector[] | Page<Inspector>>('/api/v1/inspectors', { query: { department: session.department } });
    const list = Array.isArray(inspectors) ? inspectors : inspectors.items;
    const mine = list.find((i) => i.userId === session.userId || i.username === session.username)?.id ?? null;
    if (mine) localStorage.setItem(key, mine);
    else localStorage.removeItem(key);
    return mine;
  } catch (e) {
    return e instanceof NetworkError ? localStorage.getItem(key) : null;
  }
}
