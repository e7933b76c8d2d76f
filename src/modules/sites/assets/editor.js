// A small toolbar over each Markdown text area: it only types Markdown into the field, so the form
// works the same without it (and the help text beside the field says what each button does).
const ACTIONS = [
  { label: 'B', title: 'Tebal', wrap: ['**', '**'], placeholder: 'teks tebal' },
  { label: 'I', title: 'Miring', wrap: ['*', '*'], placeholder: 'teks miring' },
  { label: 'H', title: 'Subjudul', line: '## ', placeholder: 'Subjudul' },
  { label: '•', title: 'Daftar', line: '- ', placeholder: 'butir' },
  { label: '🔗', title: 'Tautan', wrap: ['[', '](https://)'], placeholder: 'teks tautan' },
];

function apply(textarea, action) {
  const { selectionStart: start, selectionEnd: end, value } = textarea;
  const selected = value.slice(start, end) || action.placeholder;
  let insert;
  if (action.wrap) insert = action.wrap[0] + selected + action.wrap[1];
  else {
    const lineStart = value.lastIndexOf('\n', start - 1) + 1;
    const prefix = start === lineStart ? '' : '\n';
    insert =
      prefix +
      selected
        .split('\n')
        .map((line) => action.line + line)
        .join('\n');
  }
  textarea.setRangeText(insert, start, end, 'end');
  textarea.focus();
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
}

for (const box of document.querySelectorAll('[data-markdown-editor]')) {
  const textarea = box.querySelector('textarea');
  if (!textarea) continue;
  const bar = document.createElement('div');
  bar.className = 'markdown-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Format teks');
  for (const action of ACTIONS) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button-secondary';
    button.textContent = action.label;
    button.title = action.title;
    button.setAttribute('aria-label', action.title);
    button.addEventListener('click', () => apply(textarea, action));
    bar.append(button);
  }
  textarea.before(bar);
}
