/**
 * What an entry did under the loop that ran. The two loops do different things with the same
 * eligible entries: single-pass writes one winner, multi-pass writes each in turn, so "wins" is
 * only a single-pass word.
 */

export type EntryOutcome =
  | { kind: 'not-eligible' }
  /** Single-pass: the last eligible entry, the one whose bytes are written. */
  | { kind: 'winner' }
  /** Single-pass: eligible, but a later eligible entry (`by`) is the winner. */
  | { kind: 'superseded'; by: number }
  /** Multi-pass: written, then a later eligible entry (`by`) wrote over it. */
  | { kind: 'overwritten'; by: number }
  /** Multi-pass: written, and no later entry wrote over it. */
  | { kind: 'written-last' }
  /** The kernel BUG()ed while preparing this entry's write. */
  | { kind: 'bug' }
  /** After a BUG: the kernel never looked at it. */
  | { kind: 'not-reached' };

/** The outcome in words, as the site view and the truth table show it. */
export function describeOutcome(o: EntryOutcome): string {
  switch (o.kind) {
    case 'not-eligible':
      return 'not eligible';
    case 'winner':
      return 'the winner';
    case 'superseded':
      return `eligible but superseded by #${o.by}`;
    case 'overwritten':
      return `written (then overwritten by #${o.by})`;
    case 'written-last':
      return 'written last';
    case 'bug':
      return 'BUG while writing';
    case 'not-reached':
      return 'not reached (the kernel BUG()ed before it)';
  }
}

/** The entry's bytes are on the site at the end (shown as the one that took effect). */
export const tookEffect = (o: EntryOutcome): boolean =>
  o.kind === 'winner' || o.kind === 'written-last';
