import { notifications } from '@mantine/notifications';
import { errorMessage } from './form-errors';

/*
 * What a page says after an action, in a notification: done (teal, 8 s), or refused with the
 * API's French message (red, 12 s, « Action impossible » unless the page names it).
 */

const CLOSE = { 'aria-label': 'Fermer la notification' };

export function notifySuccess(message: string, title?: string): void {
  notifications.show({ color: 'teal', title, message, autoClose: 8000, closeButtonProps: CLOSE });
}

export function notifyFailure(error: unknown, title = 'Action impossible'): void {
  notifications.show({
    color: 'red',
    title,
    message: errorMessage(error),
    autoClose: 12000,
    closeButtonProps: CLOSE,
  });
}
