import { useEffect, useState } from 'react';
import { secondsUntil } from './format-date';

/**
 * Seconds left until `target` (an ISO instant), refreshed every second while it is in the
 * future; 0 once it has passed or when there is no target.
 */
export function useCountdown(target: string | null | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  const left = secondsUntil(target, now);
  useEffect(() => {
    if (!target) return;
    const tick = () => {
      const current = Date.now();
      setNow(current);
      if (secondsUntil(target, current) === 0) window.clearInterval(timer);
    };
    // A new target counts from now (the last tick may date from the previous one).
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, 1000);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [target]);
  return left;
}
