import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_EVENTS, ALL_REQUESTS, asyncApiDocument } from './api-documents.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

function resolve(doc: object, ref: string): unknown {
  return ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
}

describe('the published subject list (AsyncAPI)', () => {
  const doc = JSON.parse(JSON.stringify(asyncApiDocument()));

  it('is committed as docs/asyncapi.json exactly as the contracts generate it (run `npm run docs`)', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(root, 'docs', 'asyncapi.json'), 'utf8'));
    expect(committed).toEqual(doc);
  });

  it('lists every request subject and event of the contracts', () => {
    const addresses = Object.values(doc.channels as Record<string, { address: string }>).map((c) => c.address);
    for (const entry of [...ALL_REQUESTS, ...ALL_EVENTS]) expect(addresses).toContain(entry.subject);
  });

  it('has no dangling $ref', () => {
    const missing = refs(doc).filter((ref) => resolve(doc, ref) === undefined);
    expect(missing).toEqual([]);
  });

  it('documents each request body with its fields and required list', () => {
    const schema = doc.components.schemas.RegisterInstitutionRequest;
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'uscc', 'nature', 'divisionCode', 'places']));
    expect(schema.properties.places.$ref).toBe('#/components/schemas/PlacesByClass');
  });
});
