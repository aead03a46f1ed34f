import fs from 'node:fs';
import { CLASS_TYPES, CREDENTIAL_TYPES, STAFF_ROLES } from '@shanyu/contracts';
import { describe, expect, it } from 'vitest';
import { loadStaffRules, parseStaffRules, STAFF_RULES_FILE, staffRulesProblems } from './staff-rules.js';

const shipped = () => JSON.parse(fs.readFileSync(STAFF_RULES_FILE, 'utf8'));

describe('staff rules file (services/staff/rules/staff-rules.json)', () => {
  it('loads, with a source on every rule', () => {
    const rules = loadStaffRules();
    expect(rules.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(rules.credentialTypes).sort()).toEqual([...CREDENTIAL_TYPES].sort());
    expect(rules.roleRequirements.map((r) => r.role).sort()).toEqual([...STAFF_ROLES].sort());
    expect(rules.ratios.map((r) => r.classType).sort()).toEqual([...CLASS_TYPES].sort());
    for (const r of rules.roleRequirements) for (const req of r.requires) expect(req.source.length).toBeGreaterThan(4);
  });

  it('has the national ratios (国卫人口发〔2019〕58号), the 90% target and the yearly re-check', () => {
    const rules = loadStaffRules();
    const ratio = Object.fromEntries(rules.ratios.map((r) => [r.classType, r.childrenPerCarer]));
    expect(ratio).toMatchObject({ infant: 3, toddler: 5, older: 7 });
    expect(rules.ratios.find((r) => r.classType === 'infant')!.source).toContain('58号');
    expect(rules.certificateRateTarget.value).toBe(0.9);
    expect(rules.recheck.intervalMonths).toBe(12);
    expect(rules.recheck.source).toContain('第六十二条');
    expect(rules.credentialTypes.health_certificate).toMatchObject({ kind: 'health', validityMonths: 12 });
    const carer = rules.roleRequirements.find((r) => r.role === 'carer')!;
    expect(carer.requires.map((r) => r.anyOf)).toEqual([['childcare_worker', 'infant_carer'], ['health_certificate']]);
  });

  it('fails loudly on a key in the wrong place, a missing source, an unknown type or a missing class type', () => {
    const doc = shipped();
    doc.ratios[0].childrenPerCarrer = 3; // misspelt: must not be ignored
    delete doc.credentialTypes.driving_licence.source;
    doc.roleRequirements[0].requires[0].anyOf.push('pilot_licence');
    doc.ratios.pop();
    doc.certificateRateTarget.value = 90;
    const problems = staffRulesProblems(doc);
    expect(problems).toEqual(
      expect.arrayContaining([
        'ratios[0]: unknown key "childrenPerCarrer"',
        'credentialTypes.driving_licence.source: required (the document the rule comes from)',
        'roleRequirements[0].requires[0].anyOf: unknown credential type pilot_licence',
        'ratios: missing class type mixed',
        'certificateRateTarget.value: a share between 0 and 1',
      ]),
    );
    expect(() => parseStaffRules(JSON.stringify(doc), 'test.json')).toThrow(/test\.json[\s\S]*childrenPerCarrer/);
    expect(() => parseStaffRules('{', 'test.json')).toThrow(/not valid JSON/);
  });

  it('refuses a role listed twice or missing', () => {
    const doc = shipped();
    doc.roleRequirements.push(doc.roleRequirements[0]);
    doc.roleRequirements = doc.roleRequirements.filter((r: { role: string }) => r.role !== 'guard');
    expect(staffRulesProblems(doc)).toEqual(expect.arrayContaining([expect.stringMatching(/carer listed twice/), 'roleRequirements: missing role guard']));
  });
});
