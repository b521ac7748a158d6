import { describe, expect, it } from 'vitest';
import { formatDiffRun } from '../core/passes/memdiff';
import { parseMemdiff } from './memdiffText';

describe('parseMemdiff', () => {
  it('reads VA HEXBYTES lines, skips comments and blanks, and round-trips through formatDiffRun', () => {
    const text = '# memdiff: header\n\nffffffff81000094 0f1f440000\r\nffffffff81000111 eb0dcc\n';
    const r = parseMemdiff(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.runs.map(formatDiffRun)).toEqual([
      'ffffffff81000094 0f1f440000',
      'ffffffff81000111 eb0dcc',
    ]);
  });

  it('reports each bad line with its number and keeps the good ones', () => {
    const r = parseMemdiff('ffffffff81000000 0f1\nzz\nffffffff81000010 90\n', 'x.txt');
    expect(r.runs.map(formatDiffRun)).toEqual(['ffffffff81000010 90']);
    expect(r.diagnostics.map((d) => [d.location, d.message])).toEqual([
      [
        { kind: 'text', line: 1, column: 1, file: 'x.txt' },
        'expected "VA HEXBYTES" (hex address, then an even number of hex digits)',
      ],
      [
        { kind: 'text', line: 2, column: 1, file: 'x.txt' },
        'expected "VA HEXBYTES" (hex address, then an even number of hex digits)',
      ],
    ]);
  });
});
