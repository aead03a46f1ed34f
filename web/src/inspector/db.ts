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
    : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => (Number(c) ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (Number(c) / 4)))).toString(16));
}

/** Records (or changes) a result locally; it syncs later. */
export async function saveLocalResult(inspectionId: string, itemCode: string, change: { result?: ItemResult; note?: string; addPhoto?: LocalPhoto; removePhotoId?: string }): Promise<LocalResult> {
  const d = await db();
  const tx = d.transaction(['results', 'photos'], 'readwrite');
  const key = resultKey(inspectionId, itemCode);
  const existing = await tx.objectStore('results').get(key);
  const base: LocalResult = existing ?? { key, inspectionId, itemCode, result: change.result ?? 'pass', note: '', photoIds: [], rev: 0, syncedRev: 0, updatedAt: '' };
  const next: LocalResult = {
    ...base,
    result: change.result ?? base.result,
    note: change.note ?? base.note,
    photoIds: base.photoIds.filter((p) => p !== change.removePhotoId).concat(change.addPhoto ? [change.addPhoto.photoId] : []),
    rev: base.rev + 1,
    updatedAt: new Date().toISOString(),
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
