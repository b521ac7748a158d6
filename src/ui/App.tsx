import { useEffect, useState } from 'react';
import { loadBrowserDisasm } from '../disasm/browser';

const hex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (b) => parseInt(b, 16));

export function App() {
  const [text, setText] = useState('loading iced-x86…');
  useEffect(() => {
    void loadBrowserDisasm().then(({ disassembler }) =>
      setText(
        disassembler
          .disassemble(hex('490fc7642440'), 0n)
          .map((i) => i.text)
          .join('; '),
      ),
    );
  }, []);
  return <main data-testid="smoke">{text}</main>;
}
