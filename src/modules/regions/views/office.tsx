import { t } from '../../../platform/i18n/index.ts';
import {
  Button,
  ErrorSummary,
  type FieldErrors,
  Form,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { Village, VillageOffice } from '../service.ts';

export function VillageOfficePage(props: {
  village: Village;
  values: VillageOffice;
  errors?: FieldErrors;
}): SafeHtml {
  const labels = {
    address: t('regions.address'),
    phone: t('regions.phone'),
    email: t('regions.email'),
    officeHours: t('regions.officeHours'),
  };
  return (
    <Layout title={t('regions.officeTitle', { name: props.village.name })}>
      <h1>{t('regions.officeTitle', { name: props.village.name })}</h1>
      <p>{t('regions.officeIntro')}</p>
      <ErrorSummary errors={props.errors} labels={labels} />
      <Form action={`/kelola/desa/${props.village.code}`}>
        <TextArea
          name="address"
          label={labels.address}
          value={props.values.address}
          error={props.errors?.address}
          rows={2}
          required
        />
        <TextField
          name="phone"
          type="tel"
          label={labels.phone}
          value={props.values.phone}
          error={props.errors?.phone}
          inputmode="tel"
          width="medium"
        />
        <TextField
          name="email"
          type="email"
          label={labels.email}
          value={props.values.email}
          error={props.errors?.email}
        />
        <TextField
          name="officeHours"
          label={labels.officeHours}
          hint={t('regions.officeHoursHint')}
          value={props.values.officeHours}
          error={props.errors?.officeHours}
        />
        <Button>{t('ui.save')}</Button>
      </Form>
    </Layout>
  );
}
