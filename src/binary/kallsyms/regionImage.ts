import { ByteReader } from '../byteReader';
import type { ElfSection } from '../elf/header';
import { SymbolIndex } from '../elf/kallsyms';
import { VirtualMemory } from '../elf/memory';
import type { ReadResult } from '../result';
import { readFeatureNames, type FeatureNames } from './capFlags';
import { readKallsyms, type Kallsyms } from './read';
import type { Region } from './region';

/**
 * One region read as a whole image: its kallsyms, and the feature names they lead to. What the
 * unit tests and the fuzz targets drive (a real image gets both from readVmlinux).
 */
export function readRegionImage(region: Region): {
  kallsyms: ReadResult<Kallsyms>;
  featureNames?: FeatureNames;
} {
  const kallsyms = readKallsyms(region);
  if (!kallsyms.ok) return { kallsyms };
  const section: ElfSection = {
    index: 1,
    name: region.name,
    type: 1, // SHT_PROGBITS
    flags: 2n, // SHF_ALLOC
    addr: region.addr,
    offset: 0,
    size: region.bytes.length,
    link: 0,
    info: 0,
    entsize: 0,
    addralign: 1,
    headerOffset: 0,
  };
  const mem = new VirtualMemory(new ByteReader(region.bytes), [section]);
  const names = new SymbolIndex(kallsyms.value.columns);
  return { kallsyms, featureNames: readFeatureNames(mem, names) };
}
