import { addMonthsToDate, type IsoDate } from '@shanyu/common';
import type { BanKind, RecordCheckResult, VettingReason, VettingStatus } from '@shanyu/contracts';

export interface BanFact {
  id: string;
  kind: BanKind;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
}

export interface CheckFact {
  id: string;
  result: RecordCheckResult;
  checkedOn: IsoDate;
}

export interface VettingDecision {
  status: VettingStatus;
  reason: VettingReason | null;
  /** The ban or record check that decided it. */
  refId: string | null;
}

/** A ban is in force from its first day to its last (a lifetime ban has no last day). */
export function banInForce(ban: BanFact, on: IsoDate): boolean {
  return ban.startsOn <= on && (ban.endsOn === null || ban.endsOn >= on);
}

/** The latest record check, by date (ties: the last one entered, which callers list last). */
export function latestCheck(checks: CheckFact[]): CheckFact | null {
  let latest: CheckFact | null = null;
  for (const c of checks) if (!latest || c.checkedOn >= latest.checkedOn) latest = c;
  return latest;
}

/**
 * Vetting at hiring (未成年人保护法 第六十二条; 污点禁入 and 终身禁入 for those banned):
 *  - a ban in force today or on the first working day → rejected, BANNED (污点禁入, 终身禁入);
 *  - the latest criminal-record query found a record → rejected, CRIMINAL_RECORD
 *    (未成年人保护法 第六十二条: 发现其具有前述行为记录的，不得录用);
 *  - the latest query found none and is not older than the re-check interval → cleared;
 *  - otherwise pending: the query has not been answered (or only an old one exists, NO_RECENT_QUERY).
 */
export function decideVetting(input: {
  bans: BanFact[];
  checks: CheckFact[];
  today: IsoDate;
  startDate: IsoDate;
  intervalMonths: number;
  /** Which refusals the staff rules in force make (both, by national law). */
  refuse?: { refuseBanned: boolean; refuseCriminalRecord: boolean };
}): VettingDecision {
  const refuse = input.refuse ?? { refuseBanned: true, refuseCriminalRecord: true };
  const ban = refuse.refuseBanned ? input.bans.find((b) => banInForce(b, input.today) || banInForce(b, input.startDate)) : undefined;
  if (ban) return { status: 'rejected', reason: 'BANNED', refId: ban.id };
  const latest = latestCheck(input.checks);
  if (refuse.refuseCriminalRecord && latest?.result === 'record_found') return { status: 'rejected', reason: 'CRIMINAL_RECORD', refId: latest.id };
  if (latest && addMonthsToDate(latest.checkedOn, input.intervalMonths) >= input.today) return { status: 'cleared', reason: null, refId: latest.id };
  return { status: 'pending', reason: latest ? 'NO_RECENT_QUERY' : null, refId: latest?.id ?? null };
}

/**
 * The yearly re-check (第六十二条: 每年定期查询): due `intervalMonths` after the latest query, or
 * after the start of the employment when none was recorded; overdue the day after it is due.
 */
export function recheckDue(lastCheckedOn: IsoDate | null, startDate: IsoDate, intervalMonths: number, today: IsoDate): { dueOn: IsoDate; overdue: boolean } {
  const dueOn = addMonthsToDate(lastCheckedOn ?? startDate, intervalMonths);
  return { dueOn, overdue: today > dueOn };
}
