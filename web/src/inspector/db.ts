// What the inspector app keeps on the phone (IndexedDB), so a visit once opened works with no
// network: the visit and its merged form, the results recorded here and the photos taken,
// until the server has them.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Inspection, InspectionForm } from '../api/types';

export type ItemResult = 'pass' | 'fail' | 'not_applicable';

export interface SavedVisit {
  id: string;
  inspection: Inspection;
  form: InspectionForm;
  savedAt: string;
}

/** A result recorded on this phone. `rev` grows with every edit; `syncedRev` is the last the server acknowledged. */
export interface LocalResult {
  key: string; // `${inspectionId}|${itemCode}`
  inspectionId: string;
  itemCode: string;
  result: ItemResult;
  note: string;
  photoIds: string[];
  rev: number;
  syncedRev: number;
  updatedAt: string;
  /** The server refused this revision (validation, permissions): shown, retried only after an edit. */
  error?: { rev: number; message: string };
  /** The item's server `version` this phone saw when the inspector recorded it (0: none); sent as `baseVersion`. */
  baseVersion?: number;
  /** What the server did with revision `rev`; for a late result, the department's decision once known. */
  outcome?: { rev: number; status: 'recorded' | 'conflict' | 'late'; versionId: string; version: number; message: string; decision?: 'accepted' | 'rejected' };
}

/** This phone's id, generated once and sent with every result (the record says which device wrote what). */
export function deviceId(): string {
  const KEY = 'shanyu.deviceId';
  let id = localStorage.getItem(KEY);
  if (!id) {
    id = newId();
    localStorage.setItem(KEY, id);
  }
  return id;
}

export interface LocalPhoto {
  photoId: string; // client-generated UUID
  inspectionId: string;
  itemCode: string;
  blob: Blob;
  name: string;
  takenAt: string;
  location: string;
  /** Set once uploaded: the platform's evidence id (content-addressed, so a re-upload is the same object). */
  evidenceId?: string;
  sha256?: string;
}

interface InspectorDb extends DBSchema {
  visits: { key: string; value: SavedVisit };
  results: { key: string; value: LocalResult; indexes: { byInspection: string } };
  photos: { key: string; value: LocalPhoto; indexes: { byInspection: string } };
  lists: { key: string; value: { key: string; items: Inspection[]; savedAt: string } };
}

let dbPromise: Promise<IDBPDatabase<InspectorDb>> | null = null;

export function db(): Promise<IDBPDatabase<InspectorDb>> {
  dbPromise ??= openDB<InspectorDb>('shanyu-inspector', 1, {
    upgrade(d) {
      d.createObjectStore('visits', { keyPath: 'id' });
      d.createObjectStore('results', { keyPath: 'key' }).createIndex('byInspection', 'inspectionId');
      d.createObjectStore('photos', { keyPath: 'photoId' }).createIndex('byInspection', 'inspectionId');
      d.createObjectStore('lists', { keyPath: 'key' });
    },
  });
  return dbPromise;
}

export const resultKey = (inspectionId: string, itemCode: string) => `${inspectionId}|${itemCode}`;

export const isPending = (r: LocalResult) => r.rev !== r.syncedRev;

export function newId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
        (Number(c) ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (Number(c) / 4)))).toString(16),
      );
}

/** Records (or changes) a result locally; it syncs later. */
export async function saveLocalResult(
  inspectionId: string,
  itemCode: string,
  change: { result?: ItemResult; note?: string; addPhoto?: LocalPhoto; removePhotoId?: string },
): Promise<LocalResult> {
  const d = await db();
  const tx = d.transaction(['results', 'photos', 'visits'], 'readwrite');
  const key = resultKey(inspectionId, itemCode);
  const existing = await tx.objectStore('results').get(key);
  const seen = (await tx.objectStore('visits').get(inspectionId))?.form.areas.flatMap((a) => a.items).find((i) => i.code === itemCode)?.result?.version ?? 0;
  const base: LocalResult = existing ?? {
    key,
    inspectionId,
    itemCode,
    result: change.result ?? 'pass',
    note: '',
    photoIds: [],
    rev: 0,
    syncedRev: 0,
    updatedAt: '',
  };
  const next: LocalResult = {
    ...base,
    result: change.result ?? base.result,
    note: change.note ?? base.note,
    photoIds: base.photoIds.filter((p) => p !== change.removePhotoId).concat(change.addPhoto ? [change.addPhoto.photoId] : []),
    rev: base.rev + 1,
    updatedAt: new Date().toISOString(),
    // An edit on top of a value still waiting to be sent keeps the base that value was recorded on.
    baseVersion: existing && isPending(existing) ? (existing.baseVersion ?? seen) : seen,
  };
  if (change.addPhoto) await tx.objectStore('photos').put(change.addPhoto);
  if (change.removePhotoId) await tx.objectStore('photos').delete(change.removePhotoId);
  await tx.objectStore('results').put(next);
  await tx.done;
  window.dispatchEvent(new Event('shanyu-local-change'));
  return next;
}

export async function localResults(inspectionId: string): Promise<LocalResult[]> {
  return (await db()).getAllFromIndex('results', 'byInspection', inspectionId);
}

export async function localPhotos(inspectionId: string): Promise<LocalPhoto[]> {
  return (await db()).getAllFromIndex('photos', 'byInspection', inspectionId);
}

export async function pendingSummary(): Promise<{ results: LocalResult[]; photos: LocalPhoto[] }> {
  const d = await db();
  const results = (await d.getAll('results')).filter(isPending);
  const wanted = new Set(results.flatMap((r) => r.photoIds));
  const photos = (await d.getAll('photos')).filter((p) => wanted.has(p.photoId) && !p.evidenceId);
  return { results, photos };
}
