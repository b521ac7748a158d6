import type { PassName } from '../../core/passes/types';

/** How the panel names each pass (the kernel's words, with its table). */
export const PASS_LABEL: Record<PassName, string> = {
  paravirt: 'Paravirt (.parainstructions)',
  cfi: 'FineIBT/kCFI (.cfi_sites)',
  retpolines: 'Retpolines (.retpoline_sites)',
  returns: 'Return thunks (.return_sites)',
  'call-thunks': 'Call depth thunks (.call_sites)',
  alternatives: 'Alternatives (.altinstructions)',
  'endbr-seal': 'ENDBR sealing (.ibt_endbr_seal)',
  'smp-locks': 'SMP lock prefixes (.smp_locks)',
  ftrace: 'ftrace NOPs (__mcount_loc)',
  'static-calls': 'Static calls (.static_call_sites)',
  'jump-labels': 'Jump labels (__jump_table)',
  'runtime-consts': 'Runtime constants (runtime_ptr_*/runtime_shift_*)',
};
