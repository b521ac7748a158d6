import * as iced from 'iced-x86';
import { makeIcedDisassembler } from '../src/disasm/format';
const d = makeIcedDisassembler(iced);
const b = new Uint8Array([0xff,0x15,0x1a,0x5c,0x8b,0xff, 0xe8,0x00,0x00,0x00,0x00, 0x48,0x8b,0x05,0x10,0,0,0, 0xeb,0x02, 0xff,0x25,0,0,0,0]);
for (const s of ['att','intel'] as const) console.log(d.disassemble(b, 0xffffffff81000000n, s));
import { lookupIn, symbolTableOf } from '../src/core/symbols';
const L = lookupIn(symbolTableOf([{name:'f', addr:0xffffffff81000000n},{name:'pv_ops', addr: 0xffffffff80000000n}]));
for (const s of ['att','intel'] as const) console.log(d.disassemble(b, 0xffffffff81000000n, s, L).map(i=>i.text));
