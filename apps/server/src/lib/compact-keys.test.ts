import { describe, expect, it } from 'vitest';
import { CompactKeyMap, fingerprint, hash32 } from './compact-keys';

describe('CompactKeyMap (issue 15)', () => {
  it('keeps values by key through growth, and overwrites', () => {
    const map = new CompactKeyMap(2, 16);
    for (let i = 0; i < 50_000; i += 1) map.set(`key-${i}`, [i, 4_000_000_000 - i]);
    expect(map.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) {
      expect(map.get(`key-${i}`)).toEqual([i, 4_000_000_000 - i]);
    }
    expect(map.get('key-50000')).toBeNull();
    expect(map.has('key-7')).toBe(true);
    map.set('key-7', [1]);
    expect(map.get('key-7')).toEqual([1, 0]);
    expect(map.size).toBe(50_000);
  });

  it('fingerprints: stable, 64 bits, distinct for a million near keys', () => {
    expect(fingerprint('1850675123456|123456789|A/NC|2024-02-01')).toEqual(
      fingerprint('1850675123456|123456789|A/NC|2024-02-01'),
    );
    expect(hash32('Durand')).not.toBe(hash32('Durant'));
    const seen = new Set<string>();
    for (let i = 0; i < 1_000_000; i += 1) {
      const [a, b] = fingerprint(`1${String(i).padStart(12, '0')}|123456789|A/NC|2024-02-01`);
      seen.add(`${a}:${b}`);
    }
    expect(seen.size).toBe(1_000_000);
  });
});
