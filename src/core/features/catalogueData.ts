import type { KernelVersion } from '../model';
import cpufeatures61 from './cpufeatures-6.1.json';
import cpufeatures612 from './cpufeatures-6.12.json';
import cpufeatures72 from './cpufeatures-7.2.json';
import cpufeatures73 from './cpufeatures-7.3.json';

/** The raw feature table a catalogue is built from (scripts/cpufeatures-catalogue.mjs writes it). */
export interface RawCatalogue {
  NCAPINTS: number;
  NBUGINTS: number;
  words?: Record<string, string>;
  features: {
    name: string;
    macro: string;
    word: number;
    bit: number;
    index: number;
    cpuinfo: string | null;
    comment: string | null;
    bug: boolean;
  }[];
}

/** Each profile's `cpufeatures.h` as data, by version. */
export const RAW_CATALOGUES: Record<KernelVersion, RawCatalogue> = {
  '6.1': cpufeatures61 as RawCatalogue,
  '6.12': cpufeatures612 as RawCatalogue,
  '7.2': cpufeatures72 as RawCatalogue,
  '7.3': cpufeatures73 as RawCatalogue,
};
