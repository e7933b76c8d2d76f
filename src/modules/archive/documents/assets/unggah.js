// Progress of an archive upload, file by file. Without this script the form posts as usual and
// the page that answers lists each file's result; with it, the same post is sent by
// XMLHttpRequest so each file's bar fills as its bytes go, and the answer replaces the page.
(() => {
  const form = document.querySelector('form.archive-upload');
  const list = document.getElementById('upload-progress');
  if (!form || !list || !window.FormData || !window.XMLHttpRequest) return;
  const input = form.querySelector('input[type=file]');

  form.addEventListener('submit', (event) => {
    const files = input ? Array.from(input.files || []) : [];
    if (files.length === 0) return;
    event.preventDefault();
    list.textContent = '';
    const bars = files.map((file) => {
      const item = document.createElement('li');
      const label = document.createElement('span');
      label.textContent = `${file.name} `;
      const bar = document.createElement('progress');
      bar.max = file.size || 1;
      bar.value = 0;
      item.append(label, bar);
      list.append(item);
      return bar;
    });
    const button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', (e) => {
      // bytes sent so far, laid over the files in order (the text fields before them are small)
      let left = e.loaded;
      files.forEach((file, i) => {
        const sent = Math.max(0, Math.min(file.size, left));
        bars[i].value = sent;
        left -= file.size;
      });
    });
    request.addEventListener('load', () => {
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener('error', () => {
      if (button) button.disabled = false;
      form.submit();
    });
    request.send(new FormData(form));
  });
})();
