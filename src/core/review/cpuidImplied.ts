/**
 * Which kernel features (`X86_FEATURE_*` short names) guarantee that an instruction with a given
 * iced-x86 CPUID requirement (`CpuidFeature` name) can run. Facts from the CPUID leaves iced
 * documents per feature and the kernel's feature names; the closure over "A implies B" (AVX2 ⇒
 * AVX, XSAVEOPT ⇒ XSAVE, …) is applied when judging an entry.
 */

/** Every x86-64 CPU has these; an instruction needing only them never flags. */
export const BASELINE_CPUID = new Set([
  'INTEL8086',
  'INTEL186',
  'INTEL286',
  'INTEL386',
  'INTEL486',
  'X64',
  'CPUID',
  'FPU',
  'FPU287',
  'FPU387',
  'CMOV',
  'CX8',
  'MSR',
  'TSC',
  'RDPMC',
  'MMX',
  'SSE',
  'SSE2',
  'FXSR',
  'SYSCALL',
  'PAUSE',
  'MULTIBYTENOP',
  'CLFSH',
]);

/**
 * Instructions in hint space: a CPU without the feature executes them as NOPs (ENDBR64,
 * XACQUIRE/XRELEASE, BND, CLDEMOTE), so using them unguarded is not a mismatch.
 */
export const HINT_CPUID = new Set(['CET_IBT', 'HLE', 'MPX', 'CLDEMOTE']);

/** iced `CpuidFeature` → kernel features that directly provide it. */
export const CPUID_PROVIDED_BY: Readonly<Record<string, readonly string[]>> = {
  ADX: ['ADX'],
  AES: ['AES'],
  AVX: ['AVX'],
  AVX2: ['AVX2'],
  AVX512F: ['AVX512F'],
  AVX512BW: ['AVX512BW'],
  AVX512CD: ['AVX512CD'],
  AVX512DQ: ['AVX512DQ'],
  AVX512VL: ['AVX512VL'],
  AVX512ER: ['AVX512ER'],
  AVX512PF: ['AVX512PF'],
  AVX512_IFMA: ['AVX512IFMA'],
  AVX512_VBMI: ['AVX512VBMI'],
  AVX512_VBMI2: ['AVX512_VBMI2'],
  AVX512_VNNI: ['AVX512_VNNI'],
  AVX512_BITALG: ['AVX512_BITALG'],
  AVX512_VPOPCNTDQ: ['AVX512_VPOPCNTDQ'],
  AVX512_BF16: ['AVX512_BF16'],
  AVX512_FP16: ['AVX512_FP16'],
  AVX512_VP2INTERSECT: ['AVX512_VP2INTERSECT'],
  AVX512_4VNNIW: ['AVX512_4VNNIW'],
  AVX512_4FMAPS: ['AVX512_4FMAPS'],
  AVX_VNNI: ['AVX_VNNI'],
  AVX_IFMA: ['AVX_IFMA'],
  AMX_BF16: ['AMX_BF16'],
  AMX_TILE: ['AMX_TILE'],
  AMX_INT8: ['AMX_INT8'],
  AMX_FP16: ['AMX_FP16'],
  BMI1: ['BMI1'],
  BMI2: ['BMI2'],
  CET_SS: ['SHSTK', 'USER_SHSTK'],
  CLFLUSHOPT: ['CLFLUSHOPT'],
  CLWB: ['CLWB'],
  CLZERO: ['CLZERO'],
  CMPXCHG16B: ['CX16'],
  CMPCCXADD: ['CMPCCXADD'],
  D3NOW: ['3DNOW'],
  D3NOWEXT: ['3DNOWEXT'],
  ENQCMD: ['ENQCMD'],
  F16C: ['F16C'],
  FMA: ['FMA'],
  FMA4: ['FMA4'],
  FRED: ['FRED'],
  FSGSBASE: ['FSGSBASE'],
  GFNI: ['GFNI'],
  INVEPT: ['VMX', 'EPT'],
  INVVPID: ['VMX', 'VPID'],
  INVLPGB: ['INVLPGB'],
  INVPCID: ['INVPCID'],
  LKGS: ['LKGS'],
  LWP: ['LWP'],
  LZCNT: ['ABM'],
  MONITOR: ['MWAIT', 'MONITOR'],
  MONITORX: ['MWAITX'],
  MOVBE: ['MOVBE'],
  MOVDIR64B: ['MOVDIR64B'],
  MOVDIRI: ['MOVDIRI'],
  PCLMULQDQ: ['PCLMULQDQ'],
  PCONFIG: ['PCONFIG'],
  PKU: ['PKU', 'OSPKE'],
  POPCNT: ['POPCNT'],
  PREFETCHW: ['3DNOWPREFETCH', '3DNOW'],
  RDPID: ['RDPID'],
  RDPRU: ['RDPRU'],
  RDRAND: ['RDRAND'],
  RDSEED: ['RDSEED'],
  RDTSCP: ['RDTSCP'],
  RTM: ['RTM'],
  SERIALIZE: ['SERIALIZE'],
  SEV_ES: ['SEV_ES'],
  SEV_SNP: ['SEV_SNP'],
  SGX1: ['SGX', 'SGX1'],
  SHA: ['SHA_NI'],
  SHA512: ['SHA512'],
  SM3: ['SM3'],
  SM4: ['SM4'],
  SKINIT: ['SKINIT', 'SVM'],
  SMAP: ['SMAP'],
  SMX: ['SMX'],
  SSE3: ['XMM3'],
  SSSE3: ['SSSE3'],
  SSE4_1: ['XMM4_1'],
  SSE4_2: ['XMM4_2'],
  SSE4A: ['SSE4A'],
  // vmmcall is the hypercall of AMD guests; the kernel picks it with the synthetic VMMCALL.
  SVM: ['SVM', 'VMMCALL', 'VMW_VMMCALL'],
  // vmcall likewise under the synthetic VMCALL.
  VMX: ['VMX', 'VMCALL'],
  TBM: ['TBM'],
  TDX: ['TDX_GUEST'],
  TSXLDTRK: ['TSXLDTRK'],
  VAES: ['VAES'],
  VPCLMULQDQ: ['VPCLMULQDQ'],
  WAITPKG: ['WAITPKG'],
  WBNOINVD: ['WBNOINVD'],
  WRMSRNS: ['WRMSRNS'],
  XOP: ['XOP'],
  XSAVE: ['XSAVE', 'OSXSAVE'],
  XSAVEC: ['XSAVEC'],
  XSAVEOPT: ['XSAVEOPT'],
  XSAVES: ['XSAVES'],
};

/** Kernel feature → features its presence guarantees (hardware dependencies, cpuid-deps style). */
export const FEATURE_IMPLIES: Readonly<Record<string, readonly string[]>> = {
  XSAVEOPT: ['XSAVE'],
  XSAVEC: ['XSAVE'],
  XSAVES: ['XSAVE'],
  OSXSAVE: ['XSAVE'],
  AVX: ['XSAVE', 'XMM4_2'],
  AVX2: ['AVX'],
  FMA: ['AVX'],
  F16C: ['AVX'],
  AVX512F: ['AVX2'],
  AVX512BW: ['AVX512F'],
  AVX512CD: ['AVX512F'],
  AVX512DQ: ['AVX512F'],
  AVX512VL: ['AVX512F'],
  AVX512IFMA: ['AVX512F'],
  AVX512VBMI: ['AVX512BW'],
  AVX512_VBMI2: ['AVX512BW'],
  AVX512_VNNI: ['AVX512F'],
  AVX512_BITALG: ['AVX512BW'],
  AVX512_VPOPCNTDQ: ['AVX512F'],
  AVX512_BF16: ['AVX512BW'],
  AVX512_FP16: ['AVX512BW'],
  AVX_VNNI: ['AVX2'],
  VAES: ['AVX', 'AES'],
  VPCLMULQDQ: ['AVX', 'PCLMULQDQ'],
  XMM4_2: ['XMM4_1'],
  XMM4_1: ['SSSE3'],
  SSSE3: ['XMM3'],
  AMX_BF16: ['AMX_TILE'],
  AMX_INT8: ['AMX_TILE'],
  AMX_FP16: ['AMX_TILE'],
  USER_SHSTK: ['SHSTK'],
  SEV_SNP: ['SEV_ES'],
  SEV_ES: ['SEV'],
  OSPKE: ['PKU'],
  SGX1: ['SGX'],
  // The kernel clears LASS without SMAP (cpuid-deps): it toggles LASS with stac/clac.
  LASS: ['SMAP'],
};

/** A feature plus everything it implies, transitively. */
export function closeFeature(name: string): Set<string> {
  const out = new Set<string>();
  const todo = [name];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (out.has(f)) continue;
    out.add(f);
    todo.push(...(FEATURE_IMPLIES[f] ?? []));
  }
  return out;
}

/**
 * Is an instruction needing `cpuid` safe to run when `provided` (closed) holds? Baseline and hint
 * instructions always are; unknown iced names are treated as not provided.
 */
export function isCpuidProvided(cpuid: string, provided: ReadonlySet<string>): boolean {
  if (BASELINE_CPUID.has(cpuid) || HINT_CPUID.has(cpuid)) return true;
  return (CPUID_PROVIDED_BY[cpuid] ?? []).some((f) => provided.has(f));
}
