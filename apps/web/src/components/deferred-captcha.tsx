import { lazy, Suspense } from 'react';
import { Box, Input, Text } from '@mantine/core';
import type { CaptchaFieldProps } from './captcha-field';

const CaptchaField = lazy(() =>
  import('./captcha-field').then((m) => ({ default: m.CaptchaField })),
);

/**
 * « Je ne suis pas un robot » (components/captcha-field.tsx), whose code (altcha and its workers,
 * about 32 KB compressed) loads after the form is shown instead of with the page: it only has to
 * be solved before the form is sent. Meanwhile a box of the widget's size and border says it is
 * on its way, so that nothing moves when it arrives.
 */
export function DeferredCaptcha(props: CaptchaFieldProps) {
  return (
    <Suspense
      fallback={
        <Box>
          <Box
            role="status"
            display="flex"
            style={{
              alignItems: 'center',
              minHeight: CAPTCHA_HEIGHT,
              padding: '0 var(--mantine-spacing-sm)',
              border: `1px solid var(--mantine-color-${props.error ? 'error' : 'default-border'})`,
              borderRadius: 'var(--mantine-radius-default)',
            }}
          >
            <Text size="sm" c="dimmed">
              Chargement de la vérification…
            </Text>
          </Box>
          {props.error ? (
            <Input.Error role="alert" mt={5}>
              {props.error}
            </Input.Error>
          ) : null}
        </Box>
      }
    >
      <CaptchaField {...props} />
    </Suspense>
  );
}

/** The widget's height with its checkbox (captcha-field.tsx, `widgetStyle`). */
const CAPTCHA_HEIGHT = 'calc(22px + 2 * var(--mantine-spacing-sm) + 2px)';
