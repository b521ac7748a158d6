/** The Assembler port over the statically imported iced-x86 (Node, CLI, tests, workers). */
import * as icedModule from 'iced-x86';
import type { Assembler } from '../../core/ports';
import { makeIcedAssembler } from './assemble';

export { makeIcedAssembler };

export function createAssembler(): Assembler {
  return makeIcedAssembler(icedModule);
}
