/**
 * The Assembler port for Node (CLI, tests): iced-x86 is required on the first `createAssembler`,
 * so a command whose input has no macro statement never loads it (issue 13: the bundler used to
 * hoist this module's static import into every `patch` run, ~40 ms of CPU).
 */
import type { Assembler } from '../../core/ports';
import { requireIced } from '../node';
import { makeIcedAssembler } from './assemble';

export { makeIcedAssembler };

export function createAssembler(): Assembler {
  return makeIcedAssembler(requireIced());
}
