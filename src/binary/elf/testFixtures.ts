import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Read a committed fixture from fixtures/binary (tests only). */
export function readFixture(name: string): Uint8Array {
  return new Uint8Array(
    readFileSync(fileURLToPath(new URL(`../../../fixtures/binary/${name}`, import.meta.url))),
  );
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
