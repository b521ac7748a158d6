/**
 * Attribute a real boot's memdiff to the boot passes: run every pass on a capture's vmlinux and
 * print how many changed bytes each explains, and the biggest unexplained groups (by symbol).
 * Usage: tsx scripts/attribute-memdiff.ts <vmlinux> <memdiff.txt> <features.txt> [gen]
 */
import { readFileSync } from 'node:fs';
import { readVmlinux } from '../src/binary/elf/vmlinux';
import { readBootImage } from '../src/binary/elf/bootImage';
import { parseMemdiff } from '../src/binary/memdiffText';
import { simulateBoot } from '../src/core/passes/boot';
import { compareDiffs } from '../src/core/passes/compareDiff';
import type { KernelVersion } from '../src/core/model';
import { createDecoder } from '../src/disasm/node';

const [elfPath, diffPath, featPath, gen] = process.argv.slice(2);
const bytes = new Uint8Array(readFileSync(elfPath as string));
const img = readVmlinux(bytes);
if (!img.ok) throw new Error(JSON.stringify(img.diagnostics));
const k = img.value;
const parts = readBootImage(bytes, k.sections, k.names, k.table);
const features = new Set(
  readFileSync(featPath as string, 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const [w, b] = l.split('*32+').map(Number);
      return (w as number) * 32 + (b as number);
    }),
);
const t0 = performance.now();
const res = simulateBoot(
  {
    generation: (gen ?? k.table.kernel) as KernelVersion,
    table: k.table,
    regions: parts.regions,
    tables: parts.tables,
    diffRanges: parts.diffRanges,
    symbol: (n) => k.names.lookup(n) as never,
    isInit: parts.isInit,
    features,
  },
  createDecoder(),
);
console.log(`simulated in ${(performance.now() - t0).toFixed(0)} ms`);
for (const r of res.runs) {
  const changed = r.records.filter((x) => x.after.some((b, i) => b !== x.before[i])).length;
  console.log(
    `${r.pass.padEnd(15)} ${String(r.records.length).padStart(7)} records ${String(changed).padStart(7)} changed${r.missing ? ' MISSING' : ''}`,
  );
}
const real = parseMemdiff(readFileSync(diffPath as string, 'utf8')).runs;
const cmp = compareDiffs(res.diff, real);
const pct = ((100 * cmp.exact) / cmp.realChanged).toFixed(3);
const sum = (rs: { bytes: Uint8Array }[]) => rs.reduce((a, r) => a + r.bytes.length, 0);
console.log(
  `real changed ${cmp.realChanged}, exact ${cmp.exact} (${pct} %), wrong ${sum(cmp.wrong)} in ${cmp.wrong.length} runs, extra ${sum(cmp.extra)} in ${cmp.extra.length} runs`,
);
const group = (rs: typeof cmp.wrong, label: string) => {
  const by = new Map<string, { n: number; bytes: number; ex: string }>();
  for (const r of rs) {
    const sym = (k.names.format(r.addr) ?? '?').replace(/\+0x[0-9a-f]+\/0x[0-9a-f]+$/, '');
    const hex = Array.from(r.bytes.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join(
      '',
    );
    const g = `${hex.slice(0, 10)}`;
    const key = `${g}`;
    const e = by.get(key) ?? { n: 0, bytes: 0, ex: `${r.addr.toString(16)} ${sym} ${hex}` };
    e.n++;
    e.bytes += r.bytes.length;
    by.set(key, e);
  }
  console.log(`-- ${label} by first bytes`);
  for (const [g, e] of [...by].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 25)) {
    console.log(
      `${String(e.bytes).padStart(7)} ${String(e.n).padStart(6)}  ${g.padEnd(12)} e.g. ${e.ex}`,
    );
  }
};
group(cmp.wrong, 'wrong/missing');
group(cmp.extra, 'extra');
