// Mantine's Select alone, for DeferredSelect's dynamic import (a dynamic import of
// '@mantine/core' itself would bring the whole library).
export { Select } from '@mantine/core';
