import { fail } from './errors';
import type { StepResult } from './errors';

/**
 * Old links must keep opening (STYLE habit 6). Every format version says how to read its own
 * payload and how to turn its document into the next version's, so an old link is read by its
 * own reader and then upgraded one step at a time to the current version; only the current
 * version's document is ever validated. Adding v2 = append an entry and give v1 an `upgrade`.
 */

/** One permalink format version. */
export interface PermalinkFormat {
  /** The number written after `v` in the fragment. */
  version: number;
  /** Payload (the text after `v<N>=`) → this version's document. */
  readPayload(payload: string): StepResult<unknown>;
  /** This version's document → the next version's; absent only on the newest version. */
  upgrade?(doc: unknown): StepResult<unknown>;
}

/** Reads `payload` written in `version` and upgrades it to the newest format of `chain`. */
export function readAndUpgrade(
  version: number,
  payload: string,
  chain: readonly PermalinkFormat[],
): StepResult<unknown> {
  const start = chain.findIndex((f) => f.version === version);
  const newest = chain[chain.length - 1]?.version ?? 0;
  if (start < 0) {
    const why =
      version > newest ? 'is newer than this altscope understands' : 'is not a known version';
    return fail('unsupported-version', `permalink version ${version} ${why} (newest: ${newest})`);
  }
  let doc = chain[start]!.readPayload(payload);
  for (let i = start; doc.ok && i < chain.length - 1; i++) {
    const step = chain[i]!;
    if (!step.upgrade) {
      return fail(
        'internal',
        `permalink version ${step.version} has no upgrade to version ${chain[i + 1]!.version}`,
      );
    }
    doc = step.upgrade(doc.value);
  }
  return doc;
}
