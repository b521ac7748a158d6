/**
 * Stand-in until src/examples lands: the seed's XSAVE site, enough to render the first page.
 * Replaced by `src/examples` (explicit list + defaultScenario) as soon as it is committed.
 */
export interface ExampleScenario {
  id: string;
  title: string;
  text: string;
}

export const defaultScenario = `# The XSTATE_XSAVE site of save_fpregs_to_fpstate (from the seed's boot log)
kernel 7.2
site 0xffffffff81283cd3 save_fpregs_to_fpstate+0x43/0xa0
orig 49 0f ae 64 24 40
alt XSAVEOPT
  49 0f ae 74 24 40
alt XSAVEC
  49 0f c7 64 24 40
alt XSAVES
  49 0f c7 6c 24 40
`;

export const EXAMPLES: readonly ExampleScenario[] = [
  { id: 'default', title: 'Default scenario', text: defaultScenario },
];
