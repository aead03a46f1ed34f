import type { ListingStatus } from '@shanyu/contracts';
import { SqlRepository } from '../sql.js';

/** The order of a listing's steps: a step delivered after a later one (a retried event) changes nothing. */
export const LISTING_STEPS: Record<ListingStatus, number> = { notified: 0, listed: 1, not_listed: 1, removed: 2, expired: 2 };

/** The credit service's serious-breach listings (严重失信主体名单), each in its latest step. */
export class ListingRepository extends SqlRepository {
  /** Keeps the listing's latest step; whether this one was kept (false: the listing is already at a later step). */
  async record(listing: {
    listingId: string;
    institutionId: string;
    divisionCode: string;
    status: ListingStatus;
    decisionNo: string | null;
    publishedFrom: string | null;
    publishedUntil: string | null;
    removedOn: string | null;
    sourceEvent: string;
  }): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `INSERT INTO ${this.t.listing} AS l (listing_id, institution_id, division_code, status, step, decision_no, published_from, published_until, removed_on, source_event)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (listing_id) DO UPDATE SET status = EXCLUDED.status, step = EXCLUDED.step, decision_no = EXCLUDED.decision_no,
         published_from = EXCLUDED.published_from, published_until = EXCLUDED.published_until, removed_on = EXCLUDED.removed_on,
         source_event = EXCLUDED.source_event, updated_at = now()
       WHERE l.step <= EXCLUDED.step
       RETURNING listing_id`,
      [
        listing.listingId,
        listing.institutionId,
        listing.divisionCode,
        listing.status,
        LISTING_STEPS[listing.status],
        listing.decisionNo,
        listing.publishedFrom,
        listing.publishedUntil,
        listing.removedOn,
        listing.sourceEvent,
      ],
    );
    return rows.length > 0;
  }
}
