import { VisuallyHidden } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import classes from './pre-affiliation-steps.module.css';

/** The guide's three stages, verbatim. */
export const PRE_AFFILIATION_STEPS = [
  '1 - Établissement et statut professionnel',
  '2 - Pré-affiliation du salarié',
  '3 - Communication au salarié pour finaliser sa procédure d’affiliation',
] as const;

export type StepIndex = 0 | 1 | 2;

/**
 * « Procédure à suivre pour la pré-affiliation d'un nouveau salarié »: the three stages, the current
 * one marked `aria-current="step"`, the ones done said so to screen readers.
 */
export function PreAffiliationSteps({ current }: { current: StepIndex }) {
  return (
    <nav aria-label="Procédure à suivre pour la pré-affiliation d’un nouveau salarié">
      <ol className={classes.list}>
        {PRE_AFFILIATION_STEPS.map((label, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li
              key={label}
              className={classes.item}
              data-state={state}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              {state === 'done' ? (
                <span className={classes.marker} aria-hidden>
                  <IconCheck size={14} />
                </span>
              ) : null}
              <span>
                {label}
                {state === 'done' ? <VisuallyHidden> (terminée)</VisuallyHidden> : null}
                {state === 'current' ? <VisuallyHidden> (étape en cours)</VisuallyHidden> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
