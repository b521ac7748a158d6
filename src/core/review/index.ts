/** Review and teaching tools over the simulator: pure, with heavy dependencies passed in. */
export * from './context';
export { toHex, formatAddr } from './bytes';
export * from './compareLoops';
export * from './timeline';
export * from './tornStates';
export * from './resumeHazards';
export * from './byteRuler';
export * from './truthTable';
export * from './lints';
export * from './narrate';
export * from './diffScenarios';
export { findNeverWinning, findWinnerCondition } from './winnerConditions';
export { findRelocatedBranches } from './lintBranches';
export * from './diffKernels';
export * from './everyCpu';
