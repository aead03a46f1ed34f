// Where an item stands between this phone and the record, told honestly: 已同步 only when the record
// (the form the server last returned) holds the value shown.
import type { ItemResultRecord } from '../api/types';
import { isPending, type LocalResult } from './db';

export type ItemSyncState = 'none' | 'pending' | 'refused' | 'synced' | 'conflict' | 'late' | 'accepted' | 'rejected' | 'unconfirmed';

export interface ItemStanding {
  state: ItemSyncState;
  /** Whose value the item shows: this phone's, or the record's. */
  shown: 'local' | 'server' | 'none';
  /** The record holds a value other than the one this phone recorded (a later one, or a conflict decided the other way). */
  replaced: boolean;
}

export const SYNC_TAGS: Record<Exclude<ItemSyncState, 'none'>, { text: string; color: string }> = {
  pending: { text: '待同步', color: 'orange' },
  refused: { text: '未被接受', color: 'red' },
  synced: { text: '已同步', color: 'green' },
  conflict: { text: '有冲突', color: 'red' },
  late: { text: '逾时待定', color: 'gold' },
  accepted: { text: '已采纳（补正）', color: 'green' },
  rejected: { text: '已拒绝', color: 'default' },
  unconfirmed: { text: '待核对', color: 'orange' },
};

const sameValue = (local: LocalResult, held: ItemResultRecord) => local.result === held.result && local.note.trim() === (held.note ?? '').trim();

export function itemStanding(local: LocalResult | undefined, held: ItemResultRecord | null | undefined): ItemStanding {
  if (!local)
    return held ? { state: held.inConflict ? 'conflict' : 'synced', shown: 'server', replaced: false } : { state: 'none', shown: 'none', replaced: false };
  if (isPending(local)) return { state: local.error?.rev === local.rev ? 'refused' : 'pending', shown: 'local', replaced: false };
  // Acknowledged before the server told outcomes: recorded.
  const outcome = local.outcome?.rev === local.rev ? local.outcome : { status: 'recorded' as const, version: 0, decision: undefined };
  if (outcome.status === 'late') return { state: outcome.decision ?? 'late', shown: 'local', replaced: false };
  if (held?.inConflict) return { state: 'conflict', shown: outcome.status === 'conflict' ? 'local' : 'server', replaced: false };
  if (!held) return { state: 'unconfirmed', shown: 'local', replaced: false };
  if (sameValue(local, held)) return { state: 'synced', shown: 'server', replaced: false };
  // The record moved on (a conflict decided, a later value): it shows the record's value, saying so.
  if (outcome.status === 'conflict' || (held.version ?? 0) > outcome.version) return { state: 'synced', shown: 'server', replaced: true };
  return { state: 'unconfirmed', shown: 'local', replaced: false };
}
