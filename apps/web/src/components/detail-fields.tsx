import type { ReactNode } from 'react';
import classes from './detail-fields.module.css';

/*
 * The labelled values of a record's page (a member, a radiation): a description list, the label
 * in grey on the left, the value in bold.
 */

export function DetailFields({ children }: { children: ReactNode }) {
  return <dl className={classes.fields}>{children}</dl>;
}

export function DetailField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={classes.field}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
