/**
 * What a dropped file is, from its first bytes (never its name: users rename `vmlinuz-*`,
 * `*.elf`, `dmesg.txt` freely). The readers then check everything else.
 */

/** Every input the app can be handed. */
export type InputKind =
  | 'vmlinux'
  | 'relocatable'
  | 'elf-other'
  | 'bzimage'
  | 'bootlog'
  | 'system-map'
  | 'scenario-json'
  | 'scenario-text'
  | 'binary';

const ET_REL = 1;
const ET_EXEC = 2;
const ET_DYN = 3;

/** How many leading bytes `detectKind` looks at. */
export const DETECT_BYTES = 64 * 1024;

/** Recognise a file by its content; `head` is at least its first `DETECT_BYTES` bytes. */
export function detectKind(head: Uint8Array): InputKind {
  if (head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) {
    const type = (head[16] ?? 0) | ((head[17] ?? 0) << 8);
    if (type === ET_REL) return 'relocatable';
    if (type === ET_EXEC || type === ET_DYN) return 'vmlinux';
    return 'elf-other';
  }
  // The x86 boot protocol: 0xaa55 at 0x1fe and "HdrS" at 0x202.
  if (
    head[0x1fe] === 0x55 &&
    head[0x1ff] === 0xaa &&
    head[0x202] === 0x48 &&
    head[0x203] === 0x64 &&
    head[0x204] === 0x72 &&
    head[0x205] === 0x53
  ) {
    return 'bzimage';
  }
  const sample = head.subarray(0, Math.min(head.length, DETECT_BYTES));
  if (sample.includes(0)) return 'binary';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(sample);
  if (/^\s*\{/.test(text)) return 'scenario-json';
  // A scenario may quote a log in its comments; its `site` lines decide.
  if (/^\s*site\s+(0x)?[0-9a-f]/im.test(text)) return 'scenario-text';
  // debug-alternative lines: "feat: 3*32+21, old: (…" (the kernel's DA_ALT messages).
  if (/feat: *!?\d+\*32\+\d+/.test(text) || /SMP alternatives: alt table/.test(text)) {
    return 'bootlog';
  }
  if (/^[0-9a-f]{8,16} [a-zA-Z] \S+\r?$/m.test(text)) {
    return 'system-map';
  }
  return 'scenario-text';
}
