#!/usr/bin/env node
/**
 * Records what the real toolchain makes of the alternative macros, for
 * src/core/macros/toolchain.test.ts: each case is compiled with gcc against Debian's
 * linux-headers packages (asm form in a .S file, C form in a .c file), linked at fixed
 * addresses with ld, and the sections (.text, .altinstructions, .altinstr_replacement) are
 * written as hex to fixtures/macros/toolchain-<kernel>.json. The headers are never copied
 * into the repository.
 *
 * Headers: .deb files in /work/debcache (or $ALTSCOPE_DEBCACHE), fetched with
 *   apt-get download linux-headers-6.1.0-57-common linux-headers-6.1.0-57-amd64
 *   /work/apt/aptx trixie download linux-headers-6.12.117+deb13-{common,amd64}
 *   /work/apt/aptx sid download linux-headers-7.2.13+deb14-{common,amd64}
 * and extracted with dpkg-deb -x into $DEBCACHE/headers. Usage: node scripts/gen-macro-fixtures.mjs
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEBCACHE = process.env.ALTSCOPE_DEBCACHE ?? '/work/debcache';
const HEADERS = join(DEBCACHE, 'headers', 'usr', 'src');

/** Where things are linked: the test expands each case at the same addresses. */
const LAYOUT = {
  text: 0xffffffff81000000n,
  bug: 0xffffffff81400000n,
  replacement: 0xffffffff82800000n,
  table: 0xffffffff83000000n,
  pvops: 0xffffffff82a00000n,
};

const KERNELS = [
  { kernel: '6.1', pkg: '6.1.0-57', entrySize: 12 },
  { kernel: '6.12', pkg: '6.12.117+deb13', entrySize: 14 },
  { kernel: '7.2', pkg: '7.2.13+deb14', entrySize: 14 },
];

/**
 * Cases as altscope reads them; `asm` ones go verbatim into the .S file, `c` ones into a
 * function of the .c file (C wrappers as statements, upper-case macros inside asm volatile).
 * 6.1 has no ALT_DIRECT_CALL and its feature names come with its profile: it gets numbers.
 */
const NESTED_CASES = [
  ['asm', 'ALTERNATIVE "", "lfence", X86_FEATURE_LFENCE_RDTSC'],
  ['asm', 'ALTERNATIVE "mfence", "lfence", X86_FEATURE_XMM2'],
  ['asm', 'ALTERNATIVE "", "jmp BUG_func", X86_FEATURE_RETHUNK'],
  [
    'asm',
    'ALTERNATIVE_2 "", "lfence", X86_FEATURE_LFENCE_RDTSC, "mfence; lfence", X86_FEATURE_RDPID',
  ],
  [
    'asm',
    'ALTERNATIVE_2 "nop", "movq $0x1234, %gs:0x10", X86_FEATURE_XENPV, "lfence", X86_FEATURE_SMAP',
  ],
  [
    'asm',
    'ALTERNATIVE_2 "jmp 1f; nop; 1:", "stac", X86_FEATURE_SMAP, "clac; stac; clac", ALT_NOT(X86_FEATURE_XENPV)',
  ],
  ['asm', 'ALTERNATIVE "call *pv_ops+0x40(%rip)", ALT_CALL_INSTR, ALT_CALL_ALWAYS'],
  [
    'asm',
    'ALTERNATIVE_2 "call *pv_ops+0x40(%rip)", ALT_CALL_INSTR, ALT_CALL_ALWAYS, "mov %cr2, %rax", ALT_NOT(X86_FEATURE_XENPV)',
  ],
  ['c', 'alternative("", "lfence", X86_FEATURE_LFENCE_RDTSC)'],
  [
    'c',
    'alternative_2("", "lfence", X86_FEATURE_LFENCE_RDTSC, "mfence; lfence", X86_FEATURE_RDPID)',
  ],
  ['c', 'alternative("mov %%cr2, %%rax\\n\\t" "lfence", "", X86_FEATURE_XMM2)'],
  ['c', 'ALTERNATIVE_TERNARY("", X86_FEATURE_SMAP, "stac", "")'],
  ['c', 'ALTERNATIVE_TERNARY("nop", X86_FEATURE_XENPV, "lfence", "mfence; lfence")'],
  // The asm-form ALTERNATIVE_3 of 6.12 and 7.2 does not assemble (its body calls
  // ALTERNATIVE_2(…) like a C macro; GAS: "too many positional arguments"): C form only.
  [
    'c',
    'ALTERNATIVE_3("xsave64 (%%rdi)", "xsaveopt64 (%%rdi)", X86_FEATURE_XSAVEOPT, "xsavec64 (%%rdi)", X86_FEATURE_XSAVEC, "xsaves64 (%%rdi)", X86_FEATURE_XSAVES)',
  ],
  [
    'c',
    'ALTERNATIVE_3("", "lfence", X86_FEATURE_LFENCE_RDTSC, "mfence; lfence", X86_FEATURE_RDPID, "rdtscp; lfence; mfence", X86_FEATURE_RDTSCP)',
  ],
  [
    'c',
    'ALTERNATIVE_2("call *pv_ops+0x40(%%rip)", ALT_CALL_INSTR, ALT_CALL_ALWAYS, "mov %%cr2, %%rax", ALT_NOT(X86_FEATURE_XENPV))',
  ],
];

const FLAT_CASES = [
  ['asm', 'ALTERNATIVE "", "lfence", 3*32+18'],
  ['asm', 'ALTERNATIVE "mfence", "lfence", 0*32+26'],
  ['asm', 'ALTERNATIVE "", "jmp BUG_func", 11*32+14'],
  ['asm', 'ALTERNATIVE_2 "", "lfence", 3*32+18, "mfence; lfence", 3*32+17'],
  ['asm', 'ALTERNATIVE_2 "nop", "movq $0x1234, %gs:0x10", 8*32+16, "lfence", 9*32+20'],
  ['asm', 'ALTERNATIVE_2 "jmp 1f; nop; 1:", "stac", 9*32+20, "clac; stac; clac", ALT_NOT(8*32+16)'],
  ['c', 'alternative("", "lfence", 3*32+18)'],
  ['c', 'alternative_2("", "lfence", 3*32+18, "mfence; lfence", 3*32+17)'],
  ['c', 'alternative_2("mfence; lfence", "lfence", 3*32+18, "", 3*32+17)'],
  ['c', 'alternative("mov %%cr2, %%rax\\n\\t" "lfence", "", 0*32+26)'],
  ['c', 'ALTERNATIVE_TERNARY("", 9*32+20, "stac", "")'],
  ['c', 'ALTERNATIVE_TERNARY("nop", 8*32+16, "lfence", "mfence; lfence")'],
  [
    'c',
    'ALTERNATIVE_3("", "lfence", 3*32+18, "mfence; lfence", 3*32+17, "rdtscp; lfence; mfence", 1*32+27)',
  ],
];

const SYMBOLS_S = `
	.section .bugfunc, "ax"
	.globl BUG_func
BUG_func:
	ret
	.section .pvops, "aw"
	.globl pv_ops
pv_ops:
	.fill 64, 8, 0
	.text
`;

function run(cmd, args, cwd) {
  try {
    return execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`${cmd} failed in ${cwd}:\n${e.stderr}`);
  }
}

function compile(k, dir, cases) {
  const common = join(HEADERS, `linux-headers-${k.pkg}-common`);
  const arch = join(HEADERS, `linux-headers-${k.pkg}-amd64`);
  if (!existsSync(common) || !existsSync(arch))
    throw new Error(`missing headers for ${k.kernel} in ${HEADERS} (see the comment at the top)`);
  const inc = [
    `-I${arch}/arch/x86/include/generated`,
    `-I${common}/arch/x86/include`,
    `-I${arch}/include`,
    `-I${common}/include`,
    `-I${common}/arch/x86/include/uapi`,
    `-I${arch}/arch/x86/include/generated/uapi`,
    `-I${common}/include/uapi`,
    '-include',
    `${common}/include/linux/kconfig.h`,
  ];
  const asmCases = cases.filter(([f]) => f === 'asm');
  const cCases = cases.filter(([f]) => f === 'c');
  writeFileSync(
    join(dir, 'cases.S'),
    `#include <asm/alternative.h>\n#include <asm/cpufeatures.h>\n${SYMBOLS_S}\n` +
      asmCases.map(([, m]) => `${m}\n`).join(''),
  );
  writeFileSync(
    join(dir, 'cases.c'),
    `#include <linux/compiler.h>\n#include <asm/alternative.h>\n#include <asm/cpufeatures.h>\n` +
      cCases
        .map(([, m], i) =>
          /^alternative/.test(m)
            ? `void case${i}(void) { ${m}; }\n`
            : `void case${i}(void) { asm volatile(${m} ::: "memory"); }\n`,
        )
        .join(''),
  );
  const flags = ['-nostdinc', '-D__KERNEL__', '-w', '-fcf-protection=none', ...inc];
  run('gcc', [...flags, '-D__ASSEMBLY__', '-c', 'cases.S', '-o', 'cases_s.o'], dir);
  run(
    'gcc',
    [
      ...flags,
      '-O2',
      '-fno-pic',
      '-mcmodel=kernel',
      '-fno-asynchronous-unwind-tables',
      '-include',
      `${common}/include/linux/compiler_types.h`,
      '-c',
      'cases.c',
      '-o',
      'cases_c.o',
    ],
    dir,
  );
  const hex = (v) => '0x' + v.toString(16);
  run(
    'ld',
    [
      '-o',
      'cases.elf',
      '-e',
      '0',
      '--no-relax',
      '-z',
      'noexecstack',
      `-Ttext=${hex(LAYOUT.text)}`,
      `--section-start=.bugfunc=${hex(LAYOUT.bug)}`,
      `--section-start=.altinstr_replacement=${hex(LAYOUT.replacement)}`,
      `--section-start=.pvops=${hex(LAYOUT.pvops)}`,
      `--section-start=.altinstructions=${hex(LAYOUT.table)}`,
      'cases_s.o',
      'cases_c.o',
    ],
    dir,
  );
  const section = (name) => {
    run('objcopy', ['-O', 'binary', `--only-section=${name}`, 'cases.elf', 'out.bin'], dir);
    return readFileSync(join(dir, 'out.bin')).toString('hex');
  };
  const nm = run('nm', ['cases.elf'], dir).toString();
  const symbol = (name) => '0x' + new RegExp(`^([0-9a-f]+) \\w ${name}$`, 'm').exec(nm)[1];
  return {
    kernel: k.kernel,
    headers: `linux-headers-${k.pkg}`,
    entrySize: k.entrySize,
    cases: cases.map(([form, macro]) => ({ form, macro })),
    symbols: { BUG_func: symbol('BUG_func'), pv_ops: symbol('pv_ops') },
    sections: {
      text: { addr: '0x' + LAYOUT.text.toString(16), bytes: section('.text') },
      altinstructions: {
        addr: '0x' + LAYOUT.table.toString(16),
        bytes: section('.altinstructions'),
      },
      altinstr_replacement: {
        addr: '0x' + LAYOUT.replacement.toString(16),
        bytes: section('.altinstr_replacement'),
      },
    },
  };
}

const out = join(ROOT, 'fixtures', 'macros');
mkdirSync(out, { recursive: true });
for (const k of KERNELS) {
  const dir = mkdtempSync(join(tmpdir(), `altscope-macros-${k.kernel}-`));
  const doc = compile(k, dir, k.kernel === '6.1' ? FLAT_CASES : NESTED_CASES);
  writeFileSync(join(out, `toolchain-${k.kernel}.json`), JSON.stringify(doc, null, 1) + '\n');
  console.log(
    `${k.kernel}: ${doc.cases.length} cases, .altinstructions ${doc.sections.altinstructions.bytes.length / 2} bytes`,
  );
}
