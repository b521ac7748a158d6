import { describe, expect, it } from 'vitest';
import { addSharedRange, selectLinkedSites, toggleShared } from './sharedSites';
import { createTestApp } from './testDeps.testutil';

describe('sites selected for sharing', () => {
  it('toggle in and out, keeping selection order', () => {
    const a = toggleShared([], '0x10');
    const b = toggleShared(a, '0x20');
    expect(b).toEqual(['0x10', '0x20']);
    expect(toggleShared(b, '0x10')).toEqual(['0x20']);
    expect(toggleShared(toggleShared(b, '0x10'), '0x10')).toEqual(['0x20', '0x10']);
  });

  it('a range adds only the addresses not yet selected, in range order', () => {
    expect(addSharedRange(['0x20'], ['0x10', '0x20', '0x30', '0x30'])).toEqual([
      '0x20',
      '0x10',
      '0x30',
    ]);
  });

  it('a link carries the shown site first, then the shared ones, each once', () => {
    expect(selectLinkedSites({ site: '0x20', shared: ['0x10', '0x20'] })).toEqual(['0x20', '0x10']);
    expect(selectLinkedSites({ site: null, shared: ['0x10'] })).toEqual(['0x10']);
  });

  it('the actions change the set, not the shown site, and a new scenario clears it', () => {
    const app = createTestApp();
    app.actions.selectSite('0x30');
    app.actions.toggleSharedSite('0x10');
    app.actions.addSharedSites(['0x10', '0x20']);
    expect([app.store.getState().site, app.store.getState().shared]).toEqual([
      '0x30',
      ['0x10', '0x20'],
    ]);
    app.actions.toggleSharedSite('0x10');
    expect(app.store.getState().shared).toEqual(['0x20']);
    app.actions.loadScenario(app.deps.defaultScenario, 'example');
    expect(app.store.getState().shared).toEqual([]);
  });
});
