import { isIsoDate, shanghaiToday } from '@shanyu/common';
import { CreditEvt, type EventEnvelope, isEvent, type ListingChangedData } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import { RunRepository } from '../runs/run.repository.js';
import { markChanged } from './corrections.js';
import { LISTING_STEPS, ListingRepository } from './listing.repository.js';

/**
 * 严重失信主体名单 as the subsidy service knows it: the credit service's listings, from their events
 * (evt.credit.listing.notified|stated|decided|removed.v1), each in its latest step with its
 * publication period and removal day; a month judges them by its last day (inPublicationOn).
 */

const LISTING_EVENTS = [CreditEvt.listingNotified, CreditEvt.listingStated, CreditEvt.listingDecided, CreditEvt.listingRemoved];

export const isListingEvent = (event: EventEnvelope) => LISTING_EVENTS.some((def) => isEvent(def, event));

const date = (v: unknown): string | null => (isIsoDate(v) ? v : null);

/**
 * evt.credit.listing.*: the listing's step. A decision to list changes the months from its first
 * day of publication, a removal those from its day (posted months get recalculation requests,
 * computed runs go stale); notices, statements and decisions not to list change no month.
 */
export async function followListing(event: EventEnvelope, manager: EntityManager): Promise<void> {
  if (!isListingEvent(event)) return;
  // Typed by the contract, read defensively all the same (an event from elsewhere may lack a field).
  const data = event.data as Partial<ListingChangedData> | null;
  const listingId = data?.listingId ?? event.entityId;
  const institutionId = data?.institutionId;
  const status = data?.status;
  if (!listingId || !institutionId || !status || !Object.hasOwn(LISTING_STEPS, status)) return;
  const publishedFrom = date(data.publishedFrom);
  const publishedUntil = date(data.publishedUntil);
  // Events from before `removedOn` was published: the removal is the event's day.
  const removedOn = status === 'removed' ? (date(data.removedOn) ?? shanghaiToday(new Date(event.occurredAt))) : date(data.removedOn);
  const divisionCode = (await new InstitutionRepository(manager).divisionOf(institutionId)) ?? data.divisionCode;
  if (!divisionCode) return;
  const latest = await new ListingRepository(manager).record({
    listingId,
    institutionId,
    divisionCode,
    status,
    decisionNo: data.decisionNo ?? null,
    publishedFrom,
    publishedUntil,
    removedOn,
    sourceEvent: event.eventId,
  });
  if (!latest) return;
  const changedFrom = status === 'listed' ? publishedFrom : status === 'removed' ? removedOn : null;
  if (!changedFrom) return;
  const what =
    status === 'listed' ? `列入严重失信主体名单（${data.decisionNo ?? listingId}，${changedFrom} 起公示）` : `移出严重失信主体名单（${changedFrom}）`;
  await markChanged(new RunRepository(manager), { id: institutionId, divisionCode }, changedFrom.slice(0, 7), null, what);
}
