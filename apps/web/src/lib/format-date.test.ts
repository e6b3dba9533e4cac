import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDelay, secondsUntil } from './format-date';

describe('formatDateTime', () => {
  it('writes a French date and time', () => {
    const text = formatDateTime('2026-03-05T09:07:00Z');
    expect(text).toMatch(/5 mars 2026/);
    expect(text).toMatch(/\d{2}:07/);
  });

  it('gives an empty string for a missing or unreadable date', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime(undefined)).toBe('');
    expect(formatDateTime('hier')).toBe('');
  });
});

describe('secondsUntil', () => {
  const now = Date.parse('2026-01-01T10:00:00.000Z');
  it('rounds up to whole seconds and never goes below zero', () => {
    expect(secondsUntil('2026-01-01T10:00:59.200Z', now)).toBe(60);
    expect(secondsUntil('2026-01-01T10:00:01.000Z', now)).toBe(1);
    expect(secondsUntil('2026-01-01T09:59:00.000Z', now)).toBe(0);
    expect(secondsUntil(null, now)).toBe(0);
    expect(secondsUntil('bientôt', now)).toBe(0);
  });
});

describe('formatDelay', () => {
  it('writes seconds, then minutes and seconds', () => {
    expect(formatDelay(0)).toBe('0 s');
    expect(formatDelay(45)).toBe('45 s');
    expect(formatDelay(65)).toBe('1 min 05 s');
  });
});
