import type { StaffActor } from '../../../platform/auth/roles.ts';
import { t } from '../../../platform/i18n/index.ts';
import {
  Button,
  type FieldErrors,
  FileField,
  Form,
  FormSection,
  fieldFor,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Page } from '../../../platform/ui/layout.tsx';
import type { LetterSettings } from '../service.ts';

/** The NIP of whoever signs: the kepala desa's, or the delegate's when one signs for them. */
function EmployeeNumberField(props: { name: string; value: string | undefined }): SafeHtml {
  return (
    <TextField
      name={props.name}
      label={t('letters.settings.employeeNumber')}
      value={props.value}
      width="medium"
    />
  );
}

export function VillageSettingsPage(props: {
  actor: StaffActor;
  villageName: string;
  settings: LetterSettings;
  /** what other modules add to the page (see settings-page.ts) */
  menu: SafeHtml[];
  sections: SafeHtml[];
  values?: Record<string, string>;
  errors?: FieldErrors;
}): SafeHtml {
  const v = props.values ?? {
    numberPattern: props.settings.numberPattern,
    signatoryName: props.settings.signatoryName ?? '',
    signatoryEmployeeNumber: props.settings.signatoryEmployeeNumber ?? '',
    delegateName: props.settings.delegateName ?? '',
    delegatePosition: props.settings.delegatePosition ?? '',
    delegateEmployeeNumber: props.settings.delegateEmployeeNumber ?? '',
  };
  return (
    <Page title={t('letters.settings.title')}>
      {props.menu}
      <p class="lead">{props.villageName}</p>
      <FormSection
        title={t('letters.settings.letterSettings')}
        action="/kelola/layanan/desa/surat"
        errors={props.errors}
      >
        <TextField
          {...fieldFor(v, props.errors, 'signatoryName')}
          label={t('letters.settings.signatoryName')}
          required
        />
        <EmployeeNumberField name="signatoryEmployeeNumber" value={v.signatoryEmployeeNumber} />
        <TextField
          name="delegateName"
          label={t('letters.settings.delegateName')}
          hint={t('letters.settings.delegateHint')}
          value={v.delegateName}
        />
        <TextField
          {...fieldFor(v, props.errors, 'delegatePosition')}
          label={t('letters.settings.delegatePosition')}
        />
        <EmployeeNumberField name="delegateEmployeeNumber" value={v.delegateEmployeeNumber} />
        <TextField
          {...fieldFor(v, props.errors, 'numberPattern')}
          label={t('letters.settings.numberPattern')}
          hint={t('letters.settings.numberHint')}
          required
        />
        <Button>{t('letters.settings.save')}</Button>
      </FormSection>
      <h2>{t('letters.settings.logo')}</h2>
      <Form action="/kelola/layanan/desa/logo" multipart>
        <FileField
          name="logo"
          label={t('letters.settings.logoFile')}
          hint={props.settings.logoFileId ? t('letters.settings.logoSet') : t('letters.settings.logoHint')}
          accept="image/png,image/jpeg"
          error={props.errors?.logo}
        />
        <Button variant="secondary">{t('letters.settings.saveLogo')}</Button>
      </Form>
      {props.sections}
    </Page>
  );
}
