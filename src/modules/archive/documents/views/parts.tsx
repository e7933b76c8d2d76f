import { t } from '../../../../platform/i18n/index.ts';
import { StatusTag } from '../../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../../platform/ui/jsx-runtime.ts';
import { MARK_END, MARK_START } from '../repo.ts';
import type { AccessClass, ExtractionState } from '../schema.ts';

/**
 * Text with the words a search matched between markers (ts_headline's, control characters the
 * stored text never holds), drawn as <mark>: every piece is escaped like any text, so nothing in a
 * document's text ever becomes markup.
 */
export function Marked(props: { text: string }): SafeHtml {
  const [first, ...rest] = props.text.split(MARK_START);
  return (
    <>
      {first ?? ''}
      {rest.map((piece) => {
        const [marked, after] = piece.split(MARK_END);
        return (
          <>
            <mark>{marked ?? ''}</mark>
            {after ?? ''}
          </>
        );
      })}
    </>
  );
}

const ACCESS_TONE: Record<AccessClass, 'neutral' | 'info' | 'warn' | 'bad'> = {
  biasa: 'neutral',
  terbatas: 'info',
  rahasia: 'warn',
  sangat_rahasia: 'bad',
};

export function AccessTag(props: { accessClass: AccessClass }): SafeHtml {
  return (
    <StatusTag tone={ACCESS_TONE[props.accessClass]}>
      {t(`archiveDocuments.access.${props.accessClass}`)}
    </StatusTag>
  );
}

export function ExtractionTag(props: {
  state: ExtractionState;
  pagesDone: number;
  pagesTotal: number | null;
}): SafeHtml {
  const tone = props.state === 'selesai' ? 'good' : props.state === 'gagal' ? 'bad' : 'info';
  const pages =
    props.state === 'berjalan' && props.pagesTotal
      ? ` ${t('archiveDocuments.extraction.pages', { done: props.pagesDone, total: props.pagesTotal })}`
      : '';
  return (
    <StatusTag tone={tone}>
      {t(`archiveDocuments.extraction.${props.state}`)}
      {pages}
    </StatusTag>
  );
}

export function categoryLabel(code: string): string {
  return t(`archiveDocuments.category.${code}`);
}
