import type { KeyboardEvent, PointerEvent } from 'react';

/** Pixels an arrow key moves a separator (Shift: four times as far). */
const STEP = 16;

/**
 * A vertical splitter between two panes: drag it, or focus it and use ←/→ (Shift for bigger
 * steps), Home and End. `value` is the width of the pane before it.
 */
export function PaneSeparator(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange(width: number): void;
  className?: string;
}) {
  const { label, value, min, max, onChange } = props;
  const clamp = (w: number) => Math.round(Math.min(max, Math.max(min, w)));
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 4 * STEP : STEP;
    const next =
      e.key === 'ArrowLeft'
        ? value - step
        : e.key === 'ArrowRight'
          ? value + step
          : e.key === 'Home'
            ? min
            : e.key === 'End'
              ? max
              : null;
    if (next === null) return;
    e.preventDefault();
    onChange(clamp(next));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const startX = e.clientX;
    const start = value;
    const move = (m: globalThis.PointerEvent) => onChange(clamp(start + m.clientX - startX));
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className={`pane-sep${props.className ? ` ${props.className}` : ''}`}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
    />
  );
}
