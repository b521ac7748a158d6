/**
 * What `altscope patch` needs past its argument checks, imported in one go once they pass: a
 * usage error then loads no more than `--help` does (issue 13).
 */
export { simulate, simulateEach } from '../../core';
export { createDecoder, createDisassembler } from '../../disasm/node';
export { readCpu } from '../features';
export { formatPatchJson, formatPatchJsonBytes, PatchJsonWriter } from '../patchJson';
export { formatPatchText } from '../patchText';
export { readAnyInput } from '../readInput';
export { readSystemMapFile } from './systemMapArg';
export { bootInputOf, hasPassTables } from '../../binary/elf/bootImage';
export { passesThroughAlternatives, simulateBoot } from '../../core/passes/boot';
export { preAlternatives } from '../../core/passes/preAlternatives';
export { applySitesArg } from '../sitesArg';
export { readFeatureSets, wantsFeatureSets } from '../featureSets';
export { formatSetsJson, formatSetsText } from '../patchSets';
export { imageSymbols } from '../../binary/elf/vmlinux';
export { tableSymbols } from '../../core/symbols';
