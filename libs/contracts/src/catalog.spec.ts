import { describe, expect, it } from 'vitest';
import { errorsOf, inspectorMayCall } from './catalog.js';
import { SERVICE_REQUESTS } from './nats-access.js';

const all = Object.values(SERVICE_REQUESTS).flat();

describe('the role rule in the contract catalog', () => {
  it('lets an inspector account call only the work of its assigned visits (besides public subjects and pings)', () => {
    const work = all
      .filter((e) => e.inspector)
      .map((e) => e.subject)
      .sort();
    expect(work).toEqual([
      'inspection.checklist.list',
      'inspection.conflict.add',
      'inspection.inspection.form',
      'inspection.inspection.get',
      'inspection.inspection.list',
      'inspection.inspection.notice',
      'inspection.inspection.record-results',
      'inspection.inspection.sign-off',
      'inspection.result.late-list',
      'inspection.result.resolve',
      'inspection.result.versions',
      'registry.institution.get',
    ]);
  });

  it('lists ROLE_NOT_ALLOWED on every other subject that takes an actor, once', () => {
    for (const entry of all) {
      const codes = errorsOf(entry);
      expect(codes.includes('ROLE_NOT_ALLOWED'), entry.subject).toBe(!inspectorMayCall(entry) || (entry.errors ?? []).includes('ROLE_NOT_ALLOWED'));
      expect(new Set(codes).size, entry.subject).toBe(codes.length);
      expect(codes, entry.subject).not.toContain('FORBIDDEN');
    }
  });
});

describe('the contract catalog', () => {
  it('declares every subject and every event once', async () => {
    const { ALL_EVENTS, ALL_REQUESTS } = await import('./published.js');
    const subjects = [...ALL_REQUESTS, ...ALL_EVENTS].map((d) => d.subject);
    expect(subjects.filter((s, i) => subjects.indexOf(s) !== i)).toEqual([]);
  });

  it('publishes each named schema once (two different schemas under one name throw)', async () => {
    const { publishedSchemas } = await import('./published.js');
    expect(() => publishedSchemas()).not.toThrow();
  });
});
