import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { fingerprint, SpillingKeyMap } from './compact-keys';

const tempKeyFiles = () =>
  fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('affilia-import-keys-'));

describe('SpillingKeyMap (issue 15)', () => {
  it('answers exactly through growth and spilling: duplicates found, the first value kept', () => {
    // Sized for 10 keys, 64 bytes of buffer: it doubles many times and reads back from its file.
    const map = new SpillingKeyMap(10, { bufferBytes: 64 });
    for (let i = 0; i < 50_000; i += 1) {
      expect(map.putIfAbsent(`key-${i}`, `${i + 2}|Durand|Léa`)).toBeNull();
    }
    expect(map.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) {
      expect(map.get(`key-${i}`)).toBe(`${i + 2}|Durand|Léa`);
    }
    expect(map.putIfAbsent('key-7', 'autre')).toBe('9|Durand|Léa');
    expect(map.get('key-7')).toBe('9|Durand|Léa');
    expect(map.get('key-50000')).toBeNull();
    expect(map.has('key-49999')).toBe(true);
    expect(map.size).toBe(50_000);
    map.close();
  });

  it('never takes a key for another with the same tag: every match is confirmed on the key', () => {
    const map = new SpillingKeyMap(100, { bufferBytes: 100, tag: () => 7 });
    for (let i = 0; i < 300; i += 1) {
      expect(map.putIfAbsent(`1850675${String(i).padStart(6, '0')}|A/NC`, String(i))).toBeNull();
    }
    for (let i = 0; i < 300; i += 1) {
      expect(map.get(`1850675${String(i).padStart(6, '0')}|A/NC`)).toBe(String(i));
    }
    expect(map.get('1850675000300|A/NC')).toBeNull();
    expect(map.putIfAbsent('1850675000300|A/NC', 'new')).toBeNull();
    expect(map.size).toBe(301);
    map.close();
  });

  it('writes nothing in clear, and leaves no file behind', () => {
    const before = tempKeyFiles();
    const map = new SpillingKeyMap(1000, { bufferBytes: 256 });
    for (let i = 0; i < 1000; i += 1) map.putIfAbsent(`2901175${String(i).padStart(6, '0')}`, 'x');
    const fd = (map as unknown as { records: { fd: number | null } }).records.fd;
    expect(fd).not.toBeNull();
    const bytes = Buffer.alloc(fs.fstatSync(fd as number).size);
    fs.readSync(fd as number, bytes, 0, bytes.length, 0);
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(bytes.includes('2901175')).toBe(false);
    expect(tempKeyFiles()).toEqual(before);
    expect(map.get('2901175000999')).toBe('x');
    map.close();
  });

  it('fingerprints: stable, 64 bits, distinct for a million near keys', () => {
    expect(fingerprint('1850675123456|123456789|A/NC|2024-02-01')).toEqual(
      fingerprint('1850675123456|123456789|A/NC|2024-02-01'),
    );
    const seen = new Set<string>();
    for (let i = 0; i < 1_000_000; i += 1) {
      const [a, b] = fingerprint(`1${String(i).padStart(12, '0')}|123456789|A/NC|2024-02-01`);
      seen.add(`${a}:${b}`);
    }
    expect(seen.size).toBe(1_000_000);
  });
});
