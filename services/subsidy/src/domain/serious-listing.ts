/**
 * A serious-breach listing (严重失信主体名单) of the credit service as a subsidy month judges it:
 * decided `list` after notice and statement, in publication from its first day until its maximum
 * period ends it (by date: no event says so) or it is removed on repair (移出), whichever is first.
 */
export interface SeriousListing {
  listingId: string;
  /** 认定决定书文号. */
  decisionNo: string | null;
  /** First day of publication (the decision's day). */
  publishedFrom: string;
  /** The day the maximum period ends it: no longer in publication from this day. */
  publishedUntil: string;
  /** The day it was removed on repair: no longer in publication from this day (null: not removed). */
  removedOn: string | null;
}

/** Whether the listing is in publication on `day` (YYYY-MM-DD), as the credit service reads it (`expired` on its end day, removed on its removal day). */
export function inPublicationOn(listing: SeriousListing, day: string): boolean {
  return listing.publishedFrom <= day && day < listing.publishedUntil && (listing.removedOn === null || day < listing.removedOn);
}
