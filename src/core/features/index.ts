export { getCatalogue, X86_FEATURE_ALWAYS } from './catalogue';
export type { CpuFeature, FeatureCatalogue } from './catalogue';
export {
  parseFeature,
  parseFeatureList,
  formatFeature,
  formatFeatureIndex,
  featureLabel,
} from './parse';
export type { FeatureParse, FeatureList, FeatureListError } from './parse';
export { parseCpuinfo } from './cpuinfo';
export { parseFeatureText } from './featureText';
export type { FeatureText, FeatureTextProblem } from './featureText';
export type { CpuinfoParse } from './cpuinfo';
export { getCpuPreset, CPU_PRESET_NAMES, CPU_PRESETS } from './presets';
export type { CpuPresetName } from './presets';
