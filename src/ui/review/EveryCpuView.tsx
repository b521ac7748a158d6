import { useMemo, useState } from 'react';
import type { Site } from '../../core/model';
import { CPU_PRESET_NAMES, getCpuPreset } from '../../core/features/presets';
import { parseCpuinfo } from '../../core/features';
import type { CpuSet, ReviewDeps } from '../../core/review';
import { outcomesByCpu, toHex } from '../../core/review';
import { useAppState } from '../../state/hooks';
import { selectLoop } from '../../state/selectors';
import { useRunChoice } from './useReview';

/**
 * The selected site's final bytes on every QEMU preset, on the features chosen now, and on a
 * pasted /proc/cpuinfo, in one table grouped by outcome.
 */
export function EveryCpuView({ site, deps }: { site: Site; deps: ReviewDeps }) {
  const { kernel, features, table } = useRunChoice();
  const loop = useAppState(selectLoop);
  const [cpuinfo, setCpuinfo] = useState('');
  const sets = useMemo((): CpuSet[] => {
    const out: CpuSet[] = CPU_PRESET_NAMES.map((n) => ({
      label: n,
      features: getCpuPreset(kernel, n),
    }));
    out.push({ label: 'chosen features', features: [...features] });
    if (cpuinfo.trim()) {
      const info = parseCpuinfo(cpuinfo, kernel);
      if (info.foundFlags) out.push({ label: 'pasted cpuinfo', features: info.indices });
    }
    return out;
  }, [kernel, features, cpuinfo]);
  const outcomes = useMemo(
    () => (table ? outcomesByCpu(table, site, kernel, loop, sets, deps) : []),
    [table, site, kernel, loop, sets, deps],
  );
  return (
    <section aria-label="Every CPU" data-testid="every-cpu">
      <table className="every-cpu">
        <thead>
          <tr>
            <th scope="col">CPUs</th>
            <th scope="col">final bytes</th>
            <th scope="col">disassembly</th>
          </tr>
        </thead>
        <tbody>
          {outcomes.map((o) => (
            <tr key={toHex(o.final)}>
              <td>{o.labels.join(', ')}</td>
              <td className="mono">{toHex(o.final)}</td>
              <td className="mono">
                {(deps.disassembler?.disassemble(o.final, site.addr) ?? [])
                  .map((i) => i.text)
                  .join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="every-cpu-paste">
        Another CPU: paste its /proc/cpuinfo
        <textarea rows={3} value={cpuinfo} onChange={(e) => setCpuinfo(e.target.value)} />
      </label>
    </section>
  );
}
