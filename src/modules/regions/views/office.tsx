import { t } from '../../../platform/i18n/index.ts';
import {
  Button,
  ErrorSummary,
  type FieldErrors,
  Form,
  fieldFor,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Page } from '../../../platform/ui/layout.tsx';
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
    <Page title={t('regions.officeTitle', { name: props.village.name })}>
      <p>{t('regions.officeIntro')}</p>
      <ErrorSummary errors={props.errors} labels={labels} />
      <Form action={`/kelola/desa/${props.village.code}`}>
        <TextArea
          {...fieldFor(props.values, props.errors, 'address')}
          label={labels.address}
          rows={2}
          required
        />
        <TextField
          {...fieldFor(props.values, props.errors, 'phone')}
          type="tel"
          label={labels.phone}
          inputmode="tel"
          width="medium"
        />
        <TextField {...fieldFor(props.values, props.errors, 'email')} type="email" label={labels.email} />
        <TextField
          {...fieldFor(props.values, props.errors, 'officeHours')}
          label={labels.officeHours}
          hint={t('regions.officeHoursHint')}
        />
        <Button>{t('ui.save')}</Button>
      </Form>
    </Page>
  );
}
