#!/usr/bin/env node
/**
 * Generate a feature catalogue (`src/core/features/cpufeatures-<profile>.json`) from a kernel's
 * `arch/x86/include/asm/cpufeatures.h`. The JSON holds facts only (names, word/bit, the
 * `/proc/cpuinfo` name, the header's comment), so a new kernel's catalogue is one run:
 *
 *   node scripts/cpufeatures-catalogue.mjs /work/ksrc/7.3 7.3 > src/core/features/cpufeatures-7.3.json
 *
 * `/proc/cpuinfo` naming changed in 6.11 ("x86/cpufeatures: Use x86_cap_flags-style names"):
 * before, a feature without a quoted name showed as its lower-cased macro name and `""` hid it;
 * since, only a quoted name is shown. The kernel's Makefile SUBLEVEL decides which rule applies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [tree, label] = process.argv.slice(2);
if (!tree || !label) {
  console.error('usage: cpufeatures-catalogue.mjs <kernel source tree> <profile label>');
  process.exit(2);
}
const header = readFileSync(join(tree, 'arch/x86/include/asm/cpufeatures.h'), 'utf8');
const makefile = readFileSync(join(tree, 'Makefile'), 'utf8');
const mk = (k) => Number(new RegExp(`^${k} = (\\d+)`, 'm').exec(makefile)?.[1]);
const [version, patchlevel, sublevel] = [mk('VERSION'), mk('PATCHLEVEL'), mk('SUBLEVEL')];
const quotedOnly = version > 6 || (version === 6 && patchlevel >= 11);

const define = (name) => {
  const m = new RegExp(`#define\\s+${name}\\s+(\\d+)`).exec(header);
  if (!m) throw new Error(`${name} not found`);
  return Number(m[1]);
};
const NCAPINTS = define('NCAPINTS');
const NBUGINTS = define('NBUGINTS');

// Join multi-line comments so each #define carries its whole comment on one line.
const text = header.replace(/\/\*([\s\S]*?)\*\//g, (c) =>
  c.replace(/\s*\n\s*(?:\*(?!\/))?\s*/g, ' '),
);
const words = {};
const features = [];
let ifdef = null;
for (const line of text.split('\n')) {
  const cond = /^#ifdef\s+(\S+)/.exec(line);
  if (cond) ifdef = cond[1];
  if (/^#endif/.test(line)) ifdef = null;
  const w = /^\/\*\s*(.*?\bword (\d+)\b.*?)\s*\*\/\s*$/.exec(line);
  if (w && !/BUG word/i.test(w[1])) words[w[2]] = w[1];
  const d =
    /^#define\s+X86_(FEATURE|BUG)_(\w+)\s+(?:\(\s*(\d+)\s*\*\s*32\s*\+\s*(\d+)\s*\)|X86_BUG\(\s*(?:(\d+)\s*\*\s*32\s*\+\s*)?(\d+)\s*\))\s*(?:\/\*\s*(.*?)\s*\*\/)?/.exec(
      line,
    );
  if (!d) continue;
  const bug = d[1] === 'BUG';
  const word = bug ? NCAPINTS + Number(d[5] ?? 0) : Number(d[3]);
  const bit = bug ? Number(d[6]) : Number(d[4]);
  let comment = (d[7] ?? '').replace(/\s+/g, ' ');
  let cpuinfo = quotedOnly ? null : d[2].toLowerCase();
  const q = /^"([^"]*)"\s*(.*)$/.exec(comment);
  if (q) {
    cpuinfo = q[1] === '' ? null : q[1];
    comment = q[2];
  }
  if (ifdef) {
    comment = `${comment} [only under #ifdef ${ifdef}]`.trim();
    cpuinfo = null;
  }
  features.push({
    name: d[2],
    macro: `X86_${d[1]}_${d[2]}`,
    word,
    bit,
    index: word * 32 + bit,
    cpuinfo,
    comment,
    bug,
  });
}
for (let k = 0; k < NBUGINTS; k++)
  words[String(NCAPINTS + k)] = `Linux-defined bug flags, bug word ${k} (X86_BUG(${k}*32 + n))`;

const out = {
  kernel: `${version}.${patchlevel}.${sublevel}`,
  profile: label,
  source: 'arch/x86/include/asm/cpufeatures.h',
  generator: 'scripts/cpufeatures-catalogue.mjs',
  NCAPINTS,
  NBUGINTS,
  maxIndexExclusive: (NCAPINTS + NBUGINTS) * 32,
  note: 'index = word*32 + bit; bug flags start at NCAPINTS*32. cpuinfo is the /proc/cpuinfo name (null = not shown). Alternatives BUG_ON(cpuid >= (NCAPINTS+NBUGINTS)*32).',
  words,
  features,
};
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
