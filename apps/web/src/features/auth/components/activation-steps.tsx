import { Fragment } from 'react';
import { VisuallyHidden } from '@mantine/core';
import { IconCheck, IconChevronRight } from '@tabler/icons-react';
import classes from './activation-steps.module.css';

export const ACTIVATION_STEPS = [
  'Identification',
  'Création de compte RH',
  'Mot de passe',
] as const;

/**
 * « Identification > Création de compte RH > Mot de passe »: where the user is in « Activer mon
 * espace ». The current step carries `aria-current="step"`; done steps say so to screen readers.
 */
export function ActivationSteps({ current }: { current: number }) {
  return (
    <nav aria-label="Étapes de la création du compte">
      <ol className={classes.steps}>
        {ACTIVATION_STEPS.map((label, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <Fragment key={label}>
              {index > 0 ? (
                <li className={classes.separator} aria-hidden>
                  <IconChevronRight size={16} />
                </li>
              ) : null}
              <li
                className={classes.step}
                data-state={state}
                aria-current={state === 'current' ? 'step' : undefined}
              >
                <span className={classes.badge} aria-hidden>
                  {state === 'done' ? <IconCheck size={14} stroke={3} /> : index + 1}
                </span>
                <span>
                  {label}
                  <VisuallyHidden>
                    {state === 'done'
                      ? ' (terminée)'
                      : state === 'current'
                        ? ' (étape en cours)'
                        : ''}
                  </VisuallyHidden>
                </span>
              </li>
            </Fragment>
          );
        })}
      </ol>
    </nav>
  );
}
