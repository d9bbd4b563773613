/**
 * The app page's own script (plain browser JavaScript, run under the page's hash-based CSP, so no
 * inline handlers): builds the article entries, reads dropped or chosen files, sends everything to
 * `POST /api/analyze` and hands the report to `window.triangulateRender`. Text from people and
 * from reports only ever goes in through `textContent` and form values, never as markup.
 */
export const APP_SCRIPT = String.raw`
(function () {
  'use strict';
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();

  function start() {
  /** Files larger than this are refused in the browser (the server's body limit is 5 MB). */
  var MAX_FILE_BYTES = 5 * 1024 * 1024;
  var READABLE = /\.(txt|text|md|html?|xhtml)$/i;
  var HTML_FILE = /\.(html?|xhtml)$/i;

  var form = document.getElementById('analyze-form');
  var list = document.getElementById('article-list');
  var addButton = document.getElementById('add-article');
  var fileInput = document.getElementById('file-input');
  var dropZone = document.getElementById('drop-zone');
  var urlField = document.getElementById('urls');
  var submitButton = document.getElementById('analyze-submit');
  var statusLine = document.getElementById('analyze-status');
  var errorLine = document.getElementById('analyze-error');
  var app = document.getElementById('app');
  var entryCount = 0;
  addStyles();

  /**
   * The form's layout. The page's CSP allows only the report stylesheet (by hash), and a
   * constructed stylesheet is not inline markup, so it is how the app adds its own rules.
   */
  function addStyles() {
    if (typeof CSSStyleSheet !== 'function' || !('adoptedStyleSheets' in document)) return;
    var sheet = new CSSStyleSheet();
    sheet.replaceSync([
      '.app-header, .app-form { max-width: 120rem; margin: 0 auto; padding: 0 1.25rem; }',
      '.app-header { padding-top: 1.25rem; }',
      '.app-header p { max-width: 60rem; color: var(--muted, #4a4f57); }',
      '#article-list { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }',
      '.app-article { border: 1px solid var(--line, #c6ccd4); border-radius: 4px; margin: 0; padding: 0.5rem 0.75rem 0.75rem; min-width: 0; }',
      '.app-article legend { font-weight: 600; padding: 0 0.25rem; }',
      '.app-field { margin: 0 0 0.5rem; }',
      '.app-field label { display: block; font-weight: 600; font-size: 0.9rem; margin: 0.25rem 0; }',
      '.app-field textarea, .app-field input { width: 100%; font: inherit; padding: 0.25rem 0.375rem; }',
      '.app-meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 0 0.75rem; }',
      '.app-drop { border: 2px dashed var(--line, #c6ccd4); border-radius: 4px; padding: 0.75rem; margin: 0 0 1rem; }',
      '.app-drop label { display: block; font-weight: 600; font-size: 0.9rem; margin: 0 0 0.25rem; }',
      '.app-drop.app-dragging { border-color: var(--accent, #1747a6); background: var(--panel, #f5f6f8); }',
      '.app-form button { font: inherit; padding: 0.3rem 0.9rem; }',
      '.app-hint { color: var(--muted, #4a4f57); font-size: 0.875rem; }',
      '.app-error { color: #a61b1b; font-weight: 600; }',
      '#analyze-status:empty, .app-error[hidden] { display: none; }',
    ].join('\n'));
    document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
  }

  function element(tag, properties, children) {
    var node = document.createElement(tag);
    Object.keys(properties || {}).forEach(function (key) {
      if (key === 'text') node.textContent = properties[key];
      else if (key === 'for') node.htmlFor = properties[key];
      else if (key.indexOf('data-') === 0 || key.indexOf('aria-') === 0) node.setAttribute(key, properties[key]);
      else node[key] = properties[key];
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function field(label, input) {
    return element('div', { className: 'app-field' }, [element('label', { for: input.id, text: label }), input]);
  }

  function renumber() {
    Array.prototype.forEach.call(list.querySelectorAll('.app-article'), function (entry, index) {
      entry.querySelector('legend').textContent = 'Article ' + (index + 1) + (entry.dataset.file ? ' (' + entry.dataset.file + ')' : '');
    });
  }

  /** One article to paste (or filled from a file): its text or HTML, then optional metadata. */
  function addEntry(values) {
    values = values || {};
    var n = ++entryCount;
    var id = function (name) { return 'article-' + n + '-' + name; };
    var text = element('textarea', { id: id('text'), name: 'text', rows: 8, value: values.text || '', spellcheck: false });
    var outlet = element('input', { id: id('outlet'), name: 'outlet', type: 'text', value: values.outlet || '', autocomplete: 'off' });
    var title = element('input', { id: id('title'), name: 'title', type: 'text', value: values.title || '', autocomplete: 'off' });
    var published = element('input', { id: id('published'), name: 'published', type: 'date', value: values.published || '' });
    var remove = element('button', { type: 'button', className: 'app-remove', text: 'Remove' });
    var entry = element('fieldset', { className: 'app-article' }, [
      element('legend', { text: 'Article' }),
      field('Text or HTML', text),
      element('div', { className: 'app-meta' }, [field('Outlet (optional)', outlet), field('Title (optional)', title), field('Published (optional)', published)]),
      remove,
    ]);
    if (values.kind) entry.dataset.kind = values.kind;
    if (values.id) entry.dataset.id = values.id;
    if (values.file) entry.dataset.file = values.file;
    remove.setAttribute('aria-label', 'Remove this article');
    remove.addEventListener('click', function () {
      var next = entry.nextElementSibling || entry.previousElementSibling;
      entry.remove();
      renumber();
      (next ? next.querySelector('textarea') : addButton).focus();
    });
    list.appendChild(entry);
    renumber();
    return entry;
  }

  /** An empty entry is reused for the next file, so dropping files into a fresh page fills it in order. */
  function emptyEntry() {
    var entries = list.querySelectorAll('.app-article');
    for (var i = 0; i < entries.length; i++) {
      var entry = entries[i];
      if (!entry.querySelector('textarea').value.trim() && !entry.dataset.file) return entry;
    }
    return null;
  }

  function fillEntry(entry, values) {
    entry.querySelector('textarea').value = values.text;
    if (values.kind) entry.dataset.kind = values.kind;
    if (values.id) entry.dataset.id = values.id;
    if (values.file) entry.dataset.file = values.file;
    renumber();
  }

  function applyMeta(entry, meta) {
    [['outlet', meta.outlet], ['title', meta.title], ['published', meta.published]].forEach(function (pair) {
      var input = entry.querySelector('[name="' + pair[0] + '"]');
      if (typeof pair[1] === 'string' && !input.value) input.value = pair[0] === 'published' ? pair[1].slice(0, 10) : pair[1];
    });
  }

  /** Files become articles: .html as HTML, the rest as text; "x.txt.meta.json" sets x.txt's outlet, title and date. */
  function readFiles(files) {
    clearError();
    var all = Array.prototype.slice.call(files);
    var metas = all.filter(function (file) { return /\.meta\.json$/i.test(file.name); });
    var articles = all.filter(function (file) { return !/\.meta\.json$/i.test(file.name); });
    var problems = [];
    var readArticles = articles.map(function (file) {
      if (!READABLE.test(file.name)) {
        problems.push(file.name + ': not a text or HTML file (for a feed, enter its URL below)');
        return null;
      }
      if (file.size > MAX_FILE_BYTES) {
        problems.push(file.name + ': over the 5 MB limit');
        return null;
      }
      return file.text().then(function (text) { return { file: file, text: text }; });
    });
    var readMetas = metas.map(function (file) {
      return file.text().then(function (text) {
        try { return { name: file.name.replace(/\.meta\.json$/i, ''), meta: JSON.parse(text) }; }
        catch (error) { problems.push(file.name + ': not valid JSON'); return null; }
      });
    });
    return Promise.all([Promise.all(readArticles), Promise.all(readMetas)]).then(function (results) {
      var metaByName = {};
      results[1].forEach(function (item) { if (item && item.meta && typeof item.meta === 'object') metaByName[item.name] = item.meta; });
      var first = null;
      results[0].forEach(function (item) {
        if (!item) return;
        var values = {
          text: item.text,
          kind: HTML_FILE.test(item.file.name) ? 'html' : 'text',
          id: item.file.name.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 100),
          file: item.file.name,
        };
        var entry = emptyEntry();
        if (entry) fillEntry(entry, values);
        else entry = addEntry(values);
        var meta = metaByName[item.file.name];
        if (meta) applyMeta(entry, meta);
        first = first || entry;
      });
      if (problems.length) showError(problems.join('; '));
      if (first) first.querySelector('textarea').focus();
    });
  }

  function clearError() {
    errorLine.hidden = true;
    errorLine.textContent = '';
  }

  function showError(message) {
    errorLine.textContent = message;
    errorLine.hidden = false;
  }

  function looksLikeHtml(text) {
    return /^\s*<(!doctype|html|head|body|article|main|div|p|section)[\s>]/i.test(text);
  }

  /** The request body: every non-empty entry, then every URL line. */
  function collectArticles() {
    var articles = [];
    Array.prototype.forEach.call(list.querySelectorAll('.app-article'), function (entry) {
      var text = entry.querySelector('textarea').value;
      if (!text.trim()) return;
      var kind = entry.dataset.kind || (looksLikeHtml(text) ? 'html' : 'text');
      var article = {};
      article[kind === 'html' ? 'html' : 'text'] = text;
      if (entry.dataset.id) article.id = entry.dataset.id;
      ['outlet', 'title', 'published'].forEach(function (name) {
        var value = entry.querySelector('[name="' + name + '"]').value.trim();
        if (value) article[name] = value;
      });
      articles.push(article);
    });
    var bad = [];
    urlField.value.split(/\r?\n/).forEach(function (line) {
      var url = line.trim();
      if (!url) return;
      if (!/^https?:\/\/\S+$/i.test(url)) bad.push(url);
      else articles.push({ url: url });
    });
    if (bad.length) throw new Error('Not an http(s) URL: ' + bad.join(', '));
    return articles;
  }

  function setBusy(busy, message) {
    submitButton.disabled = busy;
    form.setAttribute('aria-busy', busy ? 'true' : 'false');
    statusLine.textContent = message;
  }

  function analyze(event) {
    event.preventDefault();
    if (submitButton.disabled) return;
    clearError();
    var articles;
    try { articles = collectArticles(); }
    catch (error) { showError(error.message); return; }
    if (!articles.length) {
      showError('Paste, drop or link at least one article.');
      return;
    }
    var started = Date.now();
    setBusy(true, 'Analysing ' + articles.length + (articles.length === 1 ? ' article…' : ' articles…'));
    fetch('/api/analyze', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ articles: articles }),
    })
      .then(function (response) {
        return response.json().catch(function () { return null; }).then(function (body) {
          if (!response.ok) {
            var message = body && typeof body.error === 'string' ? body.error : 'the server answered ' + response.status;
            throw new Error(message);
          }
          if (!body || !Array.isArray(body.articles)) throw new Error('the server sent no report');
          return body;
        });
      })
      .then(function (report) {
        if (typeof window.triangulateRender !== 'function') throw new Error('the report viewer is missing from this page');
        app.replaceChildren();
        window.triangulateRender(report, app);
        var problems = (report.diagnostics || []).filter(function (d) { return d.severity === 'error'; }).length;
        setBusy(false, 'Analysed ' + report.articles.length + (report.articles.length === 1 ? ' article' : ' articles') +
          ' in ' + ((Date.now() - started) / 1000).toFixed(1) + ' s' +
          (problems ? '; ' + problems + (problems === 1 ? ' input' : ' inputs') + ' could not be read (see the report)' : '') + '.');
        app.focus();
      })
      .catch(function (error) {
        setBusy(false, '');
        showError('Could not analyse: ' + (error && error.message ? error.message : String(error)));
        errorLine.focus();
      });
  }

  addButton.addEventListener('click', function () {
    addEntry().querySelector('textarea').focus();
  });
  fileInput.addEventListener('change', function () {
    readFiles(fileInput.files).then(function () { fileInput.value = ''; });
  });
  ['dragenter', 'dragover'].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (!event.dataTransfer || Array.prototype.indexOf.call(event.dataTransfer.types, 'Files') < 0) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      dropZone.classList.add('app-dragging');
    });
  });
  ['dragleave', 'dragend'].forEach(function (type) {
    document.addEventListener(type, function () { dropZone.classList.remove('app-dragging'); });
  });
  document.addEventListener('drop', function (event) {
    dropZone.classList.remove('app-dragging');
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    event.preventDefault();
    readFiles(event.dataTransfer.files);
  });
  form.addEventListener('submit', analyze);
  // Ctrl+Enter (or Cmd+Enter) in any field sends the form.
  form.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) analyze(event);
  });

  addEntry();
  addEntry();
  }
})();
`;
