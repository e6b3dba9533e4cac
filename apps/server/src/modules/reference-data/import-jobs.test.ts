import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MS, jobStatus, STALE_AFTER_MS } from './import-jobs';

describe('jobStatus (issue 15)', () => {
  const now = new Date('2026-12-06T12:00:00.000Z');
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

  it('a running job reads as running while its heartbeat goes on, interrupted once it stops', () => {
    expect(jobStatus({ status: 'running', updated_at: ago(HEARTBEAT_MS) }, now)).toBe('running');
    expect(jobStatus({ status: 'running', updated_at: ago(STALE_AFTER_MS) }, now)).toBe('running');
    expect(jobStatus({ status: 'running', updated_at: ago(STALE_AFTER_MS + 1) }, now)).toBe(
      'interrupted',
    );
  });

  it('a finished job keeps its status, however old', () => {
    expect(jobStatus({ status: 'done', updated_at: ago(3_600_000) }, now)).toBe('done');
    expect(jobStatus({ status: 'failed', updated_at: ago(3_600_000) }, now)).toBe('failed');
  });
});
