import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asyncApiDocument } from './api-documents.js';

/** `npm run docs`: rewrites docs/asyncapi.json from the contracts (a test keeps it in step). */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const target = path.join(root, 'docs', 'asyncapi.json');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, JSON.stringify(asyncApiDocument(), null, 2) + '\n');
console.log(`wrote ${path.relative(root, target)}`);
