import { describe, expect, it } from 'vitest';
import { jumpToText, offsetOf, onJumpToText } from './editorJump';

describe('offsetOf', () => {
  const text = 'kernel 7.2\nsite 0x1 s\n  alt XSAVEOPTZ 90\n';
  it('finds line:column (1-based) in the text', () => {
    expect(offsetOf(text, { line: 1, column: 1 })).toBe(0);
    expect(text.slice(offsetOf(text, { line: 3, column: 7 }))).toMatch(/^XSAVEOPTZ/);
  });
  it('clamps past the end of a line or of the text', () => {
    expect(offsetOf(text, { line: 1, column: 99 })).toBe(10);
    expect(offsetOf(text, { line: 9, column: 1 })).toBe(text.length);
  });
});

describe('jumpToText', () => {
  it('reaches the listeners until they unsubscribe', () => {
    const seen: number[] = [];
    const off = onJumpToText((at) => seen.push(at.line));
    jumpToText({ line: 4, column: 5 });
    off();
    jumpToText({ line: 5, column: 1 });
    expect(seen).toEqual([4]);
  });
});
