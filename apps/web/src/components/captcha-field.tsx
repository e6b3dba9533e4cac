// The `altcha` web component (<altcha-widget>), with its PBKDF2/SHA workers bundled as blobs
// (the CSP allows `worker-src 'self' blob:`). Imported once, here.
import 'altcha';
import type {} from 'altcha/types/react';
import type { AltchaWidgetElement } from 'altcha';
import { State, type CSSVariables } from 'altcha/types';
import type { CSSProperties, Ref } from 'react';
import { useEffect, useId, useImperativeHandle, useLayoutEffect, useRef } from 'react';
import { Box, Input } from '@mantine/core';

/** Where the widget fetches its proof-of-work challenge (apps/server/src/modules/captcha). */
const CHALLENGE_URL = '/api/captcha/challenge';

/** The widget's texts, in French; registered under our own language code. */
const LANGUAGE = 'fr-affilia';
const STRINGS: Record<string, string> = {
  label: 'Je ne suis pas un robot',
  verifying: 'Vérification…',
  verified: 'Vérifié',
  error: 'La vérification a échoué. Réessayez.',
  expired: 'Expiré. Recochez la case.',
  loading: 'Chargement…',
  waitAlert: 'Vérification en cours, veuillez patienter.',
  verificationRequired: 'Vérification requise.',
  verify: 'Vérifier',
  reload: 'Recharger',
  cancel: 'Annuler',
  enterCode: 'Saisissez le code',
  enterCodeAria: 'Saisissez le code que vous entendez. Appuyez sur Espace pour l’écouter.',
  enterCodeFromImage: 'Pour continuer, saisissez le code de l’image ci-dessous.',
  getAudioChallenge: 'Écouter le code',
  // Hidden (hideFooter, hideLogo): no link to a third party.
  footer: '',
  ariaLinkLabel: 'ALTCHA',
};
globalThis.$altcha.i18n.set(LANGUAGE, STRINGS);

const CONFIGURATION = JSON.stringify({
  hideLogo: true,
  hideFooter: true,
  // Pointer and scroll tracking, only useful with ALTCHA's hosted service.
  humanInteractionSignature: false,
});

/** The server's challenges last 10 minutes; the widget is reset this long before the end. */
const EXPIRY_MARGIN_MS = 30_000;

/** The widget's look, from the Mantine theme: a bordered box like an input. */
function widgetStyle(invalid: boolean): CSSProperties & Partial<CSSVariables> {
  return {
    display: 'block',
    fontSize: 'var(--mantine-font-size-sm)',
    '--altcha-max-width': '100%',
    '--altcha-padding': 'var(--mantine-spacing-sm)',
    '--altcha-border-width': '1px',
    '--altcha-border-radius': 'var(--mantine-radius-default)',
    '--altcha-border-color': invalid
      ? 'var(--mantine-color-error)'
      : 'var(--mantine-color-default-border)',
    '--altcha-color-base': 'var(--mantine-color-body)',
    '--altcha-color-base-content': 'var(--mantine-color-text)',
    '--altcha-color-neutral': 'var(--mantine-color-default-border)',
    '--altcha-color-neutral-content': 'var(--mantine-color-dimmed)',
    '--altcha-color-primary': 'var(--mantine-primary-color-filled)',
    '--altcha-color-primary-content': 'var(--mantine-primary-color-contrast)',
    '--altcha-color-success': 'var(--mantine-color-teal-filled)',
    '--altcha-color-success-content': 'var(--mantine-color-white)',
    '--altcha-color-error': 'var(--mantine-color-error)',
    '--altcha-color-error-content': 'var(--mantine-color-white)',
    // A checkbox border of at least 3:1 against the background (WCAG 1.4.11).
    '--altcha-checkbox-border-color': 'var(--mantine-color-gray-6)',
    '--altcha-checkbox-border-radius': 'var(--mantine-radius-sm)',
    '--altcha-checkbox-size': '22px',
    '--altcha-spinner-color': 'var(--mantine-primary-color-filled)',
  };
}

/** How long a payload stays valid, from the challenge it carries (`data.issuedAt/expiresAt`). */
function lifetimeMs(payload: string): number | null {
  try {
    const decoded = JSON.parse(atob(payload)) as {
      challenge?: { parameters?: { data?: { issuedAt?: unknown; expiresAt?: unknown } } };
    };
    const data = decoded.challenge?.parameters?.data;
    if (typeof data?.issuedAt !== 'number' || typeof data.expiresAt !== 'number') return null;
    return (data.expiresAt - data.issuedAt) * 1000;
  } catch {
    return null;
  }
}

export interface CaptchaFieldHandle {
  /** Back to an unchecked box (e.g. after a refused submit: a payload is accepted once only). */
  reset(): void;
  /** Moves the focus to the box (e.g. the first field in error). */
  focus(): void;
}

export interface CaptchaFieldProps {
  /** The widget's payload once verified, else null: send it as `captcha` to the API. */
  value: string | null;
  /** Called with the payload when verified, with null when it is unchecked, fails or expires. */
  onChange: (payload: string | null) => void;
  /** A message shown under the box (role="alert") and tied to the checkbox. */
  error?: string | undefined;
  ref?: Ref<CaptchaFieldHandle>;
}

/**
 * « Je ne suis pas un robot »: the self-hosted ALTCHA widget (a proof of work that the browser
 * solves in about a second), in French, with no third-party link.
 *
 * Reset: a payload is single-use, so after any refused submit the parent sets `value` back to
 * `null` (e.g. `form.setFieldValue('captcha', null)`), which unchecks the box; the `ref` handle's
 * `reset()` does the same. The widget also resets itself shortly before the challenge expires
 * (« Expiré. Recochez la case. ») and then calls `onChange(null)`.
 */
export function CaptchaField({ value, onChange, error, ref }: CaptchaFieldProps) {
  const widgetRef = useRef<AltchaWidgetElement>(null);
  const onChangeRef = useRef(onChange);
  const errorId = useId();
  const invalid = Boolean(error);

  useLayoutEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  const checkbox = () =>
    widgetRef.current?.querySelector<HTMLInputElement>('input[type="checkbox"]') ?? null;

  // The checkbox is rendered by the widget: tie it to the error message ourselves.
  const syncAria = () => {
    const box = checkbox();
    if (!box) return;
    if (invalid) {
      box.setAttribute('aria-invalid', 'true');
      box.setAttribute('aria-describedby', errorId);
    } else {
      box.removeAttribute('aria-invalid');
      box.removeAttribute('aria-describedby');
    }
  };
  const syncAriaRef = useRef(syncAria);
  useLayoutEffect(() => {
    syncAriaRef.current = syncAria;
    syncAria();
  });

  // Listeners before the widget mounts (it announces `load` a microtask after connection).
  useLayoutEffect(() => {
    const widget = widgetRef.current;
    if (!widget) return;
    let expiryTimer: ReturnType<typeof setTimeout> | undefined;
    let verifyingSince = performance.now();
    const onLoad = () => syncAriaRef.current();
    const onStateChange = (event: Event) => {
      const { state, payload } = (event as CustomEvent<{ state: State; payload: string | null }>)
        .detail;
      clearTimeout(expiryTimer);
      if (state === State.VERIFYING) verifyingSince = performance.now();
      if (state === State.VERIFIED && payload) {
        const lifetime = lifetimeMs(payload);
        if (lifetime !== null) {
          const remaining = lifetime - (performance.now() - verifyingSince) - EXPIRY_MARGIN_MS;
          expiryTimer = setTimeout(() => widget.reset(State.EXPIRED), Math.max(0, remaining));
        }
        onChangeRef.current(payload);
      } else {
        onChangeRef.current(null);
      }
    };
    widget.addEventListener('load', onLoad);
    widget.addEventListener('statechange', onStateChange);
    return () => {
      clearTimeout(expiryTimer);
      widget.removeEventListener('load', onLoad);
      widget.removeEventListener('statechange', onStateChange);
    };
  }, []);

  // The parent clears the value: uncheck the box.
  useEffect(() => {
    const widget = widgetRef.current;
    if (value === null && widget?.getState?.() === State.VERIFIED) widget.reset();
  }, [value]);

  useImperativeHandle(
    ref,
    () => ({
      reset: () => widgetRef.current?.reset?.(),
      focus: () => checkbox()?.focus(),
    }),
    [],
  );

  return (
    <Box>
      <altcha-widget
        ref={widgetRef}
        challenge={CHALLENGE_URL}
        language={LANGUAGE}
        configuration={CONFIGURATION}
        name="captcha"
        type="checkbox"
        style={widgetStyle(invalid)}
      />
      {error ? (
        <Input.Error id={errorId} role="alert" mt={5}>
          {error}
        </Input.Error>
      ) : null}
    </Box>
  );
}
