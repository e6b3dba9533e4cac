import type { ReactNode } from 'react';
import classes from '../routes/member-page.module.css';

/** One line of the member's page (« Nom », « Date d’effet »…), in a description list. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={classes.field}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
