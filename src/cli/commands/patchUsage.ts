/** `altscope patch --help`, also printed by `altscope --help`: its own module so help loads nothing else. */
export const PATCH_USAGE = `usage: altscope patch <input> [--features LIST|@FILE]… [--cpuinfo FILE]… [--cpu PRESET]…
                      [--kernel 6.1|6.12|7.2|7.3] [--engine single-pass|multi-pass] [--json]
                      [--syntax att|intel] [--sites PATTERN[,PATTERN…]]
Simulates the alternatives of <input> (a text or JSON scenario, a vmlinux, .o/.ko, bzImage
or debug-alternative boot log, recognised by content) and prints, per site, the
original bytes, every entry and whether it is eligible, and the final bytes.
  --features LIST   present features: names (XSAVEOPT, X86_FEATURE_XSAVEOPT, xsaveopt),
                    X86_BUG_…, W*32+B or numbers, comma or space separated; @FILE reads a file
                    (one or more per line, # comments). Added to the scenario's own features.
  --cpuinfo FILE    add the flags and bugs of a /proc/cpuinfo
  --cpu NAME        a QEMU CPU preset: qemu64, max, Skylake-Client, EPYC
                    Several CPUs at once: repeat --features or --cpuinfo, or name --cpu
                    presets; each is one CPU. Text groups each site's final bytes by
                    outcome; --json prints {"sets":[{"label","report"}]}, one report per CPU.
  --kernel V        kernel profile (default: the scenario's)
  --engine LOOP     patch loop (default: the profile's: 7.2 single-pass, 6.12 multi-pass)
  --json            machine-readable report
  --syntax S        disassembly syntax of the readable report (att, the default, or intel)
  --sites P         only sites matching: an address, a %pS name or a function glob
  --system-map FILE name sites from a System.map (bzImage payloads carry no symbols)
Exit status: 0 patched; 1 the kernel would BUG() at some site (kernel-bug diagnostics, report
still printed); 2 bad usage or bad input (file:line:column messages on stderr, nothing on stdout).
`;
