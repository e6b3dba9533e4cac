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
