import { htmlPage } from '../report/render-html.js';
import { APP_SCRIPT } from './app-script.js';

/**
 * The form of the web app, above the report. Static markup only: the article entries are built by
 * the script (so "add another" and the first two are the same code), and the report goes in
 * `#app`. Every control has a label; the status and error lines are live regions.
 */
export const APP_FORM = `<header class="app-header">
<h1>triangulate</h1>
<p>Paste, drop or link two or more reports of one event, then analyse them: who says what, on whose authority, which claims rest on independent origins, and how each outlet frames the story. The analysis runs on this server, which fetches only the URLs you enter.</p>
</header>
<noscript><p>This app needs JavaScript. The command line (<code>triangulate analyze</code>) does not.</p></noscript>
<form id="analyze-form" class="app-form" novalidate>
<div id="article-list"></div>
<p><button type="button" id="add-article">Add another article</button></p>
<div id="drop-zone" class="app-drop">
<label for="file-input">Files (.txt, .md, .html; drop them anywhere on the page, with their .meta.json sidecars if any)</label>
<input type="file" id="file-input" multiple accept=".txt,.text,.md,.html,.htm,.xhtml,.json">
</div>
<div class="app-field">
<label for="urls">URLs of pages or RSS/Atom/JSON feeds, one per line</label>
<textarea id="urls" name="urls" rows="3" spellcheck="false" placeholder="https://example.com/news/story"></textarea>
</div>
<p><button type="submit" id="analyze-submit">Analyse</button> <span class="app-hint">(Ctrl+Enter)</span></p>
<p id="analyze-status" role="status" aria-live="polite"></p>
<p id="analyze-error" class="app-error" role="alert" tabindex="-1" hidden></p>
</form>
<section id="app" tabindex="-1" aria-label="Report"></section>`;

/** The whole app page: the report shell (styles, renderer, CSP allowing requests to this server) with the form. */
export function appPage(): string {
  return htmlPage({
    title: 'triangulate',
    body: APP_FORM,
    extraScript: APP_SCRIPT,
    connectSelf: true,
  });
}
