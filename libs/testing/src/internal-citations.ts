/**
 * What product text must never cite: the project's own working papers and the file names of the
 * documents it was built from. Officials check a citation against the law, so every source shown
 * names the real document (title, 文号, article); these patterns find the ones that do not.
 */
const INTERNAL_CITATIONS: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /\b(?:DOMAIN|ARCHITECTURE|API)\.md\b/, what: 'an internal design document' },
  { pattern: /\bseeds?\s*[-_/]?\s*\d{3}\b/i, what: 'a source file by its number' },
  { pattern: /(?:\.\.\/|\/)shared\/(?:seeds|DOMAIN|ARCHITECTURE|API)/, what: 'the design folder' },
  { pattern: /\bseeds\//, what: 'the source-document folder' },
  { pattern: /(?<![\d〔])\b0\d{2}\s*§/, what: 'a source file by its number and section' },
];

export interface InternalCitation {
  where: string;
  line: number;
  text: string;
  what: string;
}

/** Each line of `text` that cites an internal document, with where it is. */
export function findInternalCitations(where: string, text: string): InternalCitation[] {
  const found: InternalCitation[] = [];
  text.split('\n').forEach((line, i) => {
    const hit = INTERNAL_CITATIONS.find(({ pattern }) => pattern.test(line));
    if (hit) found.push({ where, line: i + 1, text: line.trim().slice(0, 200), what: hit.what });
  });
  return found;
}
