// Sends what was recorded offline to the platform, once, in order: each photo is uploaded
// (POST /api/v1/evidence — content-addressed on the server, so a repeated upload returns the same
// evidence), then the visit's results with the evidence ids in one request (PUT
// /api/v1/inspections/:id/results, which replaces each item's result: sending it twice leaves one
// result; a batch the server refuses is sent again item by item, so only the refused one waits). A result is acknowledged
// only for the revision the server answered, with what the server did with it (recorded, kept as a
// conflict, kept as late), so an edit made meanwhile syncs next time. Each result carries the
// version it was recorded on (`baseVersion`), the device's time and the device's id: the server
// never lets an older view overwrite a newer value silently.
import { api, ApiError, NetworkError } from '../api/client';
import { isOnline, onConnectivityChange } from '../api/connectivity';
import type { RecordResultsReply } from '../api/types';
import { db, deviceId, isPending, type LocalPhoto, type LocalResult } from './db';

export interface SyncReport {
  synced: number;
  failed: number;
  offline: boolean;
  /** Stopped on something that passes (no answer, a busy or failing server): worth trying again soon. */
  transient: boolean;
}

/** A reply lost on a weak signal must not hold the queue: a request that gets no answer in time counts as no network. */
const REQUEST_TIMEOUT_MS = 30_000;
/** A photo may take a while on a slow uplink. */
const UPLOAD_TIMEOUT_MS = 120_000;

let running: Promise<SyncReport> | null = null;

/** One sync at a time in this tab (and across tabs where Web Locks exist). */
export function syncNow(): Promise<SyncReport> {
  running ??= (async () => {
    try {
      const locks = (navigator as Navigator & { locks?: LockManager }).locks;
      return locks ? await locks.request('shanyu-inspector-sync', () => syncOnce()) : await syncOnce();
    } finally {
      running = null;
      window.dispatchEvent(new Event('shanyu-sync'));
    }
  })();
  return running;
}

/** Whether a failure passes (no answer, a busy or failing server, an expired session): try again later rather than mark the result refused. */
const isTransient = (e: unknown) => e instanceof NetworkError || (e instanceof ApiError && (e.status >= 500 || e.status === 401 || e.status === 429));

async function syncOnce(): Promise<SyncReport> {
  const report: SyncReport = { synced: 0, failed: 0, offline: false, transient: false };
  const d = await db();
  const pending = (await d.getAll('results')).filter((r) => isPending(r) && r.error?.rev !== r.rev).sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  const refuse = async (result: LocalResult, e: unknown) => {
    report.failed++;
    const current = await d.get('results', result.key);
    if (current && current.rev === result.rev) {
      await d.put('results', { ...current, error: { rev: result.rev, message: e instanceof Error ? e.message : String(e) } });
    }
  };
  // One request per visit: every pending result of it at once (a weak signal pays one round trip, not one per item).
  const byVisit = new Map<string, LocalResult[]>();
  for (const result of pending) {
    const problem = localProblem(result);
    if (problem) await refuse(result, new Error(problem));
    else byVisit.set(result.inspectionId, [...(byVisit.get(result.inspectionId) ?? []), result]);
  }
  for (const results of byVisit.values()) {
    try {
      await syncResults(results);
      report.synced += results.length;
      continue;
    } catch (e) {
      if (isTransient(e)) return stopped(report, e);
      if (results.length === 1) {
        await refuse(results[0]!, e);
        continue;
      }
    }
    // The server refused the visit's batch as a whole: each result alone tells which one it refuses.
    for (const result of results) {
      try {
        await syncResults([result]);
        report.synced++;
      } catch (e) {
        if (isTransient(e)) return stopped(report, e);
        await refuse(result, e);
      }
    }
  }
  return report;
}

function stopped(report: SyncReport, e: unknown): SyncReport {
  report.offline = e instanceof NetworkError;
  report.transient = e instanceof NetworkError || (e as ApiError).status !== 401;
  return report;
}

function localProblem(result: LocalResult): string | null {
  return result.result === 'fail' && !result.note.trim() ? '不符合的事项须填写问题描述' : null;
}

/** Sends results of one visit (their photos first) in one request, and keeps what the server did with each. */
async function syncResults(results: LocalResult[]): Promise<void> {
  const d = await db();
  const inspectionId = results[0]!.inspectionId;
  const payload = [];
  for (const result of results) {
    const evidence: { ref: string; takenAt: string; location: string }[] = [];
    for (const photoId of result.photoIds) {
      const photo = await d.get('photos', photoId);
      if (!photo) continue;
      const uploaded = photo.evidenceId ? photo : await upload(photo);
      evidence.push({ ref: uploaded.evidenceId!, takenAt: uploaded.takenAt, location: uploaded.location });
    }
    payload.push({
      itemCode: result.itemCode,
      result: result.result,
      note: result.note.trim() || undefined,
      evidence: evidence.length ? evidence : undefined,
      baseVersion: result.baseVersion ?? 0,
      recordedAt: result.updatedAt,
      deviceId: deviceId(),
    });
  }
  const reply = await api<RecordResultsReply>(`/api/v1/inspections/${inspectionId}/results`, {
    method: 'PUT',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    body: { results: payload },
  });
  const tx = d.transaction(['results', 'visits'], 'readwrite');
  for (const result of results) {
    const baseVersion = result.baseVersion ?? 0;
    const held = reply?.areas?.flatMap((a) => a.items).find((i) => i.code === result.itemCode)?.result;
    // A server before versioned results answers with the form only: it recorded the value.
    const outcome = reply?.outcomes?.find((o) => o.itemCode === result.itemCode) ?? {
      itemCode: result.itemCode,
      status: 'recorded' as const,
      versionId: '',
      version: held?.version ?? 0,
      message: '',
    };
    const current = await tx.objectStore('results').get(result.key);
    if (!current) continue;
    const next: LocalResult = {
      ...current,
      syncedRev: Math.max(current.syncedRev, result.rev),
      error: undefined,
      outcome:
        current.outcome && current.outcome.rev > result.rev
          ? current.outcome
          : { rev: result.rev, status: outcome.status, versionId: outcome.versionId, version: outcome.version, message: outcome.message },
    };
    // An edit made while this one was on its way was made on top of it: it now stands on the version this one became.
    if (current.rev > result.rev && outcome.status === 'recorded' && (current.baseVersion ?? 0) === baseVersion) next.baseVersion = outcome.version;
    await tx.objectStore('results').put(next);
  }
  const visit = await tx.objectStore('visits').get(inspectionId);
  if (visit && reply?.areas) await tx.objectStore('visits').put({ ...visit, form: reply, savedAt: new Date().toISOString() });
  await tx.done;
}

async function upload(photo: LocalPhoto): Promise<LocalPhoto> {
  const body = new FormData();
  body.set('takenAt', photo.takenAt);
  body.set('location', photo.location);
  body.set('inspectionId', photo.inspectionId);
  body.set('itemCode', photo.itemCode);
  body.set('clientId', photo.photoId);
  body.set('file', photo.blob, photo.name);
  const res = await api<{ evidenceId: string; sha256: string }>('/api/v1/evidence', {
    method: 'POST',
    raw: body,
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  const d = await db();
  const updated: LocalPhoto = { ...photo, evidenceId: res.evidenceId, sha256: res.sha256 };
  await d.put('photos', updated);
  return updated;
}

/**
 * Syncs when the platform can be reached again (api/connectivity.ts), after every local change,
 * and every 20 s; a sync stopped by something that passes while the phone says it is online (a
 * lost reply, a weak signal, a busy or failing server) is retried sooner, backing off from 3 s.
 */
export function startBackgroundSync(): () => void {
  let retry: number | undefined;
  let backoff = 3_000;
  const kick = () => {
    if (!isOnline()) return;
    window.clearTimeout(retry);
    void syncNow().then((report) => {
      if (report.transient && navigator.onLine) {
        retry = window.setTimeout(kick, backoff);
        backoff = Math.min(backoff * 2, 20_000);
      } else {
        backoff = 3_000;
      }
    });
  };
  const unsubscribe = onConnectivityChange(kick);
  window.addEventListener('shanyu-local-change', kick);
  const timer = window.setInterval(kick, 20_000);
  kick();
  return () => {
    unsubscribe();
    window.removeEventListener('shanyu-local-change', kick);
    window.clearInterval(timer);
    window.clearTimeout(retry);
  };
}
