import { formatDate, formatDateTime, t } from '../../../platform/i18n/index.ts';
import { StatusTag, Table } from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import type { ApplicationStatus } from '../schema.ts';
import type { ApplicationEvent, Holder } from '../service.ts';

export const BASE = '/kelola/bansos';
export const RESIDENT_BASE = '/akun/bansos';

export const applicationUrl = (id: string) => `${BASE}/usulan/${id}`;
export const beneficiaryUrl = (id: string) => `${BASE}/penerima/${id}`;
export const familyUrl = (kk: string) => `${BASE}/keluarga/${kk}`;

const TONE: Record<ApplicationStatus, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  diajukan: 'info',
  dikembalikan: 'warn',
  diverifikasi_desa: 'info',
  diteruskan: 'info',
  disetujui: 'good',
  ditolak: 'bad',
  disalurkan: 'good',
};

export function StatusOf(props: { status: ApplicationStatus }): SafeHtml {
  return <StatusTag tone={TONE[props.status]}>{t(`aid.status.${props.status}`)}</StatusTag>;
}

/** What the application waits for, and who holds it, in the resident's words. */
export function awaitedText(status: ApplicationStatus, holder: Holder): string {
  if (holder === null) return t(`aid.awaited.${status}`);
  return `${t(`aid.awaited.${status}`)} (${t(`aid.holder.${holder}`)})`;
}

export function History(props: { events: ApplicationEvent[] }): SafeHtml {
  return (
    <Table
      caption={t('aid.history.title')}
      rows={props.events}
      columns={[
        { header: t('aid.col.date'), cell: (e) => formatDateTime(e.at) },
        { header: t('aid.col.status'), cell: (e) => <StatusOf status={e.status} /> },
        {
          header: t('aid.col.by'),
          cell: (e) => (e.actorName ? e.actorName : t(`aid.actor.${e.actorKind}`)),
        },
        { header: t('aid.col.note'), cell: (e) => e.note },
      ]}
    />
  );
}

export function dateOrDash(value: Date | string | null): string {
  return value ? formatDate(value) : '–';
}

export function rupiah(amount: number | null): string {
  return amount === null ? '' : `Rp${Number(amount).toLocaleString('id-ID')}`;
}
