// A small toolbar over each Markdown text area: it only types Markdown into the field, so the form
// works the same without it (and the help text beside the field says what each button does).
// The buttons' words come in the page's language from the server's messages (GET /situs/teks-editor/{lang}).
const ACTIONS = [
  { name: 'bold', label: 'B', wrap: ['**', '**'] },
  { name: 'italic', label: 'I', wrap: ['*', '*'] },
  { name: 'heading', label: 'H', line: '## ' },
  { name: 'list', label: '•', line: '- ' },
  { name: 'link', label: '🔗', wrap: ['[', '](https://)'] },
];

function apply(textarea, action) {
  const { selectionStart: start, selectionEnd: end, value } = textarea;
  const selected = value.slice(start, end) || action.sample;
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

async function labels() {
  const lang = document.documentElement.lang === 'en' ? 'en' : 'id';
  try {
    const response = await fetch(`/situs/teks-editor/${lang}`);
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

const boxes = document.querySelectorAll('[data-markdown-editor]');
// without its words (offline, an old server) there is no toolbar: the text area works as it is
const words = boxes.length > 0 ? await labels() : null;
for (const box of words ? boxes : []) {
  const textarea = box.querySelector('textarea');
  if (!textarea) continue;
  const bar = document.createElement('div');
  bar.className = 'markdown-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', words.label);
  for (const action of ACTIONS) {
    const text = words[action.name];
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button-secondary';
    button.textContent = action.label;
    button.title = text.title;
    button.setAttribute('aria-label', text.title);
    button.addEventListener('click', () => apply(textarea, { ...action, sample: text.sample }));
    bar.append(button);
  }
  textarea.before(bar);
}
