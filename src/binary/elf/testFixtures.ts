// Test-only helper (imported by *.test.ts, never by a reader), so Node APIs are fine here.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports
import { fileURLToPath } from 'node:url';

/** Read a committed fixture from fixtures/binary (tests only). */
export function readFixture(name: string): Uint8Array {
  return new Uint8Array(
    readFileSync(fileURLToPath(new URL(`../../../fixtures/binary/${name}`, import.meta.url))),
  );
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
