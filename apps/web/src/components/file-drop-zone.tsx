import { useState, type DragEvent, type ReactNode } from 'react';
import { Box, FileInput, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';

interface FileDropZoneProps {
  id: string;
  label: string;
  description?: ReactNode;
  accept: string;
  value: File | null;
  onChange: (file: File | null) => void;
  error?: string | null;
  disabled?: boolean;
}

/**
 * A file input that also takes a file dropped on it (drag and drop), for the imports. The input
 * itself stays the way to choose a file with the keyboard or a screen reader.
 */
export function FileDropZone({
  id,
  label,
  description,
  accept,
  value,
  onChange,
  error,
  disabled,
}: FileDropZoneProps) {
  const [over, setOver] = useState(false);
  const onDrag = (event: DragEvent<HTMLDivElement>, entering: boolean) => {
    event.preventDefault();
    if (!disabled) setOver(entering);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (!disabled && file) onChange(file);
  };
  return (
    <Box
      onDragOver={(e) => onDrag(e, true)}
      onDragEnter={(e) => onDrag(e, true)}
      onDragLeave={(e) => onDrag(e, false)}
      onDrop={onDrop}
      data-testid="file-drop-zone"
      p="md"
      style={{
        border: `2px dashed var(--mantine-color-${over ? 'brand-6' : error ? 'red-6' : 'gray-5'})`,
        borderRadius: 'var(--mantine-radius-md)',
        background: over ? 'var(--mantine-color-brand-0)' : undefined,
      }}
    >
      <Stack gap="xs">
        <FileInput
          id={id}
          label={label}
          description={description}
          placeholder="Choisir un fichier…"
          accept={accept}
          clearable
          clearButtonProps={{ 'aria-label': 'Retirer le fichier choisi' }}
          value={value}
          onChange={onChange}
          error={error}
          disabled={disabled}
          leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
          // Mantine's placeholder grey is too pale for WCAG AA (3.3:1).
          styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
          maw={520}
        />
        <Text size="sm" c="dimmed" aria-hidden>
          … ou déposez le fichier ici.
        </Text>
      </Stack>
    </Box>
  );
}
