import { todayIsoDate } from '@affilia/shared/validators/dates';
/** The time source of the app; tests replace it to exercise expiries and delays. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date()) {}
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date | string): void {
    this.current = new Date(date);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Today's date as 'YYYY-MM-DD' in Paris time (the product's business calendar). */
export function parisDate(date: Date): string {
  return todayIsoDate(date, 'Europe/Paris');
}

/**
 * The first instant of a Paris calendar day (23:00 or 22:00 UTC the day before): a filter « du
 * 07/12 au 07/12 » on instants stored in UTC is `>= parisDayStart('…-07')` and
 * `< parisDayStart(nextDay('…-07'))`.
 */
export function parisDayStart(isoDate: string): Date {
  const midnightUtc = Date.parse(`${isoDate}T00:00:00.000Z`);
  for (const hours of [1, 2, 0]) {
    const candidate = new Date(midnightUtc - hours * 3_600_000);
    if (
      parisDate(candidate) === isoDate &&
      parisDate(new Date(candidate.getTime() - 1)) !== isoDate
    ) {
      return candidate;
    }
  }
  return new Date(midnightUtc);
}

/** The calendar day after `isoDate` (« 2026-12-31 » → « 2027-01-01 »). */
export function nextDay(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T12:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
}
