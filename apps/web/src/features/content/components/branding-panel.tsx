import { LoadError } from '../../../components/load-error';
import { useEffect, useId, useMemo, useState } from 'react';
import {
  Alert,
  Anchor,
  Box,
  Button,
  ColorInput,
  FileInput,
  Grid,
  Group,
  Image,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useAppForm } from '../../../lib/use-app-form';
import { notifications } from '@mantine/notifications';
import { IconPhotoUp, IconTrash } from '@tabler/icons-react';
import {
  BrandingUpdateSchema,
  LOGO_MAX_BYTES,
  LOGO_MIME_TYPES,
  MIN_BRAND_CONTRAST,
  contrastWithWhite,
  type BrandingSettings,
} from '@affilia/shared/schemas/content';
import {
  errorMessage,
  fieldErrors,
  focusFirstInvalid,
  showFieldErrors,
} from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import { BrandingLoading } from './branding-loading';
import { formatFileSize } from '../../../lib/file-size';
import { checkLogoFile } from '../logo-file';
import {
  useBrandingSettings,
  useDeleteLogo,
  useUpdateBranding,
  useUploadLogo,
} from '../api/use-content';
import { FormAlert } from '../../../components/form-parts';

const CLOSE = { 'aria-label': 'Fermer la notification' };

interface Values {
  brandName: string;
  primaryColor: string;
  supportPhone: string;
  supportHours: string;
  supportEmail: string;
  postalAddress: string;
}

function toValues(b: BrandingSettings): Values {
  return {
    brandName: b.brandName,
    primaryColor: b.primaryColor,
    supportPhone: b.supportPhone,
    supportHours: b.supportHours,
    supportEmail: b.supportEmail ?? '',
    postalAddress: b.postalAddress ?? '',
  };
}

const isHex = (v: string) => /^#[0-9a-fA-F]{6}$/.test(v.trim());

/** « 7,2:1 » */
const ratioLabel = (ratio: number) =>
  `${ratio.toLocaleString('fr-FR', { maximumFractionDigits: 1 })}:1`;

/** What the header and a button look like with these values (before saving). */
function BrandPreview({ values, logoUrl }: { values: Values; logoUrl: string | null }) {
  const color = isHex(values.primaryColor) ? values.primaryColor.trim() : '#868e96';
  const ratio = isHex(values.primaryColor) ? contrastWithWhite(values.primaryColor.trim()) : null;
  const readable = ratio !== null && ratio >= MIN_BRAND_CONTRAST;
  return (
    <Paper withBorder radius="md" p="md" aria-label="Aperçu" role="region">
      <Stack gap="sm">
        <Text size="sm" fw={700}>
          Aperçu
        </Text>
        <Box style={{ borderTop: `4px solid ${color}` }} pt="sm">
          <Group gap="sm" wrap="nowrap">
            {logoUrl ? (
              <Image src={logoUrl} alt={`Logo ${values.brandName}`} h={40} w="auto" fit="contain" />
            ) : null}
            <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
              {values.brandName || 'Nom de l’assureur'}
            </Text>
          </Group>
        </Box>
        <Group gap="sm">
          <Box
            component="span"
            px="md"
            py={6}
            style={{ background: color, color: '#fff', borderRadius: 6, fontWeight: 600 }}
          >
            Bouton
          </Box>
          <Text component="span" style={{ color, textDecoration: 'underline' }} fw={600}>
            Lien
          </Text>
        </Group>
        <Text size="sm" c={readable ? 'teal.8' : 'red.8'}>
          {ratio === null
            ? 'Saisissez une couleur au format #RRGGBB.'
            : readable
              ? `Contraste avec le blanc : ${ratioLabel(ratio)} (lisible).`
              : `Contraste avec le blanc : ${ratioLabel(ratio)} — ${MIN_BRAND_CONTRAST.toLocaleString('fr-FR')}:1 au moins est nécessaire.`}
        </Text>
        <Text size="xs" c="dimmed">
          Service client : {values.supportPhone || '—'}, {values.supportHours || '—'}
        </Text>
      </Stack>
    </Paper>
  );
}

function LogoSection({
  branding,
  canEdit,
  file,
  setFile,
}: {
  branding: BrandingSettings;
  canEdit: boolean;
  /** The image chosen and not sent yet (the preview shows it). */
  file: File | null;
  setFile: (file: File | null) => void;
}) {
  const uploadLogo = useUploadLogo();
  const deleteLogo = useDeleteLogo();
  const [error, setError] = useState<string | null>(null);

  const send = () => {
    if (!file) {
      setError('Choisissez une image PNG ou JPEG');
      return;
    }
    const problem = checkLogoFile(file);
    setError(problem);
    if (problem) return;
    uploadLogo.mutate(file, {
      onSuccess: () => {
        setFile(null);
        notifications.show({
          color: 'teal',
          title: 'Logo enregistré',
          message: 'Le nouveau logo est affiché sur le portail et dans les e-mails.',
          closeButtonProps: CLOSE,
        });
      },
      onError: (e) => setError(fieldErrors(e).file ?? errorMessage(e)),
    });
  };

  return (
    <Stack gap="sm">
      <Title order={3} fz="md">
        Logo
      </Title>
      {branding.logo ? (
        <Group gap="md">
          <Image
            src={branding.logo.url}
            alt="Logo actuel"
            h={56}
            w="auto"
            fit="contain"
            bg="gray.0"
            p={4}
          />
          <Text size="sm" c="dimmed">
            {branding.logo.fileName} — {formatFileSize(branding.logo.size)}
          </Text>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          Aucun logo : le nom de l’assureur est affiché à sa place.
        </Text>
      )}
      {canEdit ? (
        <Group align="flex-end" gap="sm">
          <FileInput
            label="Nouveau logo"
            description={`PNG ou JPEG, ${formatFileSize(LOGO_MAX_BYTES)} au plus`}
            accept={LOGO_MIME_TYPES.join(',')}
            value={file}
            onChange={(f) => {
              setFile(f);
              setError(f ? checkLogoFile(f) : null);
            }}
            error={error}
            clearable
            w={{ base: '100%', sm: 320 }}
          />
          <Button
            leftSection={<IconPhotoUp size={18} aria-hidden />}
            onClick={send}
            loading={uploadLogo.isPending}
          >
            Envoyer le logo
          </Button>
          {branding.logo ? (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={18} aria-hidden />}
              loading={deleteLogo.isPending}
              onClick={() =>
                deleteLogo.mutate(undefined, {
                  onError: (e) => setError(errorMessage(e)),
                })
              }
            >
              Retirer le logo
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Stack>
  );
}

/** « Marque »: the insurer’s name, colour, logo and support contacts, with a live preview. */
export function BrandingPanel({ canEdit }: { canEdit: boolean }) {
  const query = useBrandingSettings();
  if (query.isPending) return <BrandingLoading />;
  if (query.isError) {
    return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <BrandingForm branding={query.data} canEdit={canEdit} />;
}

/** The brand's name, colour and the customer service's contacts. */
function BrandingFields({ form }: { form: UseFormReturnType<Values> }) {
  return (
    <>
      <TextInput
        label="Nom de l’assureur"
        required
        maxLength={80}
        {...form.getInputProps('brandName')}
      />
      <ColorInput
        label="Couleur principale"
        description="Boutons, liens et bandeau ; assez foncée pour un texte blanc (contraste 4,5:1)"
        required
        format="hex"
        swatches={['#1d4f91', '#0b5a3c', '#7a1f3d', '#5b3f9c', '#a33a00', '#23395d']}
        {...form.getInputProps('primaryColor')}
      />
      <TextInput
        label="Téléphone du service client"
        required
        maxLength={40}
        {...form.getInputProps('supportPhone')}
      />
      <TextInput
        label="Horaires du service client"
        required
        maxLength={120}
        placeholder="du lundi au vendredi de 8h30 à 17h00"
        {...form.getInputProps('supportHours')}
      />
      <TextInput
        label="E-mail du service client"
        type="email"
        maxLength={254}
        {...form.getInputProps('supportEmail')}
      />
      <Textarea
        label="Adresse postale"
        description="Où les salariés envoient un bulletin papier"
        autosize
        minRows={3}
        maxLength={300}
        {...form.getInputProps('postalAddress')}
      />
    </>
  );
}

/** The chosen image's address for the preview, while it is chosen (freed afterwards). */
function usePreviewUrl(file: File | null): string | null {
  // The chosen image in the preview before it is sent (only a PNG or JPEG of the right size).
  const url = useMemo(
    () => (file && !checkLogoFile(file) ? URL.createObjectURL(file) : null),
    [file],
  );
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  return url;
}

function BrandingForm({ branding, canEdit }: { branding: BrandingSettings; canEdit: boolean }) {
  const formId = useId();
  const update = useUpdateBranding();
  const [problem, setProblem] = useState<string | null>(null);
  const [chosenLogo, setChosenLogo] = useState<File | null>(null);
  const chosenLogoUrl = usePreviewUrl(chosenLogo);
  const initial = useMemo(() => toValues(branding), [branding]);
  const form = useAppForm<Values>({
    initialValues: initial,
    validate: zodResolver(BrandingUpdateSchema),
  });
  useEffect(() => {
    // Saved elsewhere (another tab): start from the stored values when nothing was typed.
    if (!form.isDirty()) {
      form.setInitialValues(initial);
      form.setValues(initial);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the stored values change
  }, [initial]);

  const submit = form.onSubmit(
    (values) => {
      if (update.isPending) return;
      setProblem(null);
      update.mutate(values, {
        onSuccess: (saved) => {
          const stored = toValues(saved);
          form.setInitialValues(stored);
          form.setValues(stored);
          form.resetDirty(stored);
          notifications.show({
            color: 'teal',
            title: 'Marque enregistrée',
            message: 'Le portail et les e-mails utilisent désormais ces informations.',
            closeButtonProps: CLOSE,
          });
        },
        onError: (error) => {
          if (!showFieldErrors(form, formId, error)) setProblem(errorMessage(error));
        },
      });
    },
    () => focusFirstInvalid(formId),
  );

  return (
    <Grid gap="xl">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="lg">
          {!canEdit ? (
            <Alert variant="light" color="blue">
              Seuls les administrateurs du back-office peuvent modifier la marque.
            </Alert>
          ) : null}
          <form id={formId} onSubmit={submit} noValidate>
            <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
              <Stack gap="md">
                <FormAlert message={problem} />
                <BrandingFields form={form} />
                {canEdit ? (
                  <Group>
                    <Button type="submit" loading={update.isPending}>
                      Enregistrer
                    </Button>
                    {form.isDirty() ? (
                      <Anchor component="button" type="button" onClick={() => form.reset()}>
                        Annuler les modifications
                      </Anchor>
                    ) : null}
                  </Group>
                ) : null}
              </Stack>
            </fieldset>
          </form>
          <LogoSection
            branding={branding}
            canEdit={canEdit}
            file={chosenLogo}
            setFile={setChosenLogo}
          />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <BrandPreview values={form.values} logoUrl={chosenLogoUrl ?? branding.logo?.url ?? null} />
      </Grid.Col>
    </Grid>
  );
}
