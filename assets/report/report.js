/*
 * triangulate's report client: draws a report (the JSON of `triangulate analyze --format json`)
 * into a page with DOM APIs only. Every piece of report text goes in through text nodes
 * (`textContent`, `createTextNode`), never as markup, so an article that contains a script tag
 * or an `onerror=` attribute shows those characters and nothing runs.
 *
 * Plain browser ES2020 in one IIFE, no imports: it is inlined into a self-contained page under a
 * Content-Security-Policy that allows this script by its hash and nothing else.
 *
 *   window.triangulateRender(report, container)  draws `report` into `container` (replacing it)
 *
 * On load it draws the JSON of the `#report-data` element (a script element of type
 * application/json) into `#app` when both exist. The ordering rules mirror src/report/claim-summary.ts and framing-summary.ts.
 */
(function () {
  'use strict';

  /** Framing categories in the order every format shows them (framing-summary.ts). */
  var FRAMING_COLUMNS = [
    { category: 'actor-label', name: 'actor labels' },
    { category: 'loaded', name: 'loaded' },
    { category: 'intensifier', name: 'intensifiers' },
    { category: 'hedge', name: 'hedges' },
    { category: 'vague-attribution', name: 'vague sources' },
    { category: 'certainty', name: 'certainty' },
  ];
  var STATUS_ORDER = ['corroborated', 'denied', 'contested', 'single-origin'];
  var DAY_MS = 86400000;
  /**
   * When one gap between timeline dates takes more than this share of the whole span (a 2011
   * prisoner exchange in a 2026 story), a linear axis squeezes every recent event into a corner:
   * the axis then shortens each gap to log(1 + days) instead, keeping the order.
   */
  var LONG_GAP_SHARE = 0.4;
  /**
   * Axis date labels closer than this (per cent of the axis) to the previous one are left out: a
   * "2026-01-20" label is about a fifth of the axis column at its narrowest comfortable width.
   */
  var AXIS_LABEL_SPACING = 20;

  /** Where a marked passage lands in its article's scrolling column (share of the column height). */
  var MARK_POSITION = 0.25;

  var renderCount = 0;

  // ---------------------------------------------------------------------------------------------
  // DOM helpers: text only ever goes in as text nodes.

  /**
   * Makes an element. `props`: attributes by name (null/undefined/false skipped, true → ""),
   * except `class` and `text` (textContent). `children`: nodes or strings (as text nodes).
   */
  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (name) {
        var value = props[name];
        if (value === null || value === undefined || value === false) return;
        if (name === 'text') node.textContent = String(value);
        else if (name === 'class') node.className = String(value);
        else node.setAttribute(name, value === true ? '' : String(value));
      });
    }
    append(node, children);
    return node;
  }

  /** A table in a keyboard-scrollable region: the scaffolding every table of the page shares. */
  function scrollTable(label, tableClass, headCells, rows) {
    return el(
      'div',
      { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': label },
      el('table', { class: tableClass }, [
        el('thead', null, el('tr', null, headCells)),
        el('tbody', null, rows),
      ]),
    );
  }

  /** Column headers from their names. */
  function columnHeads(names) {
    return names.map(function (name) {
      return el('th', { scope: 'col', text: name });
    });
  }

  function append(node, children) {
    if (children === null || children === undefined || children === false) return node;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (child) {
      if (child === null || child === undefined || child === false || child === '') return;
      if (Array.isArray(child)) append(node, child);
      else if (typeof child === 'string' || typeof child === 'number')
        node.appendChild(document.createTextNode(String(child)));
      else node.appendChild(child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /** An arrow between the hops of a chain: seen, but read as "via". */
  function arrow() {
    return [
      el('span', { class: 'arrow', 'aria-hidden': 'true', text: ' → ' }),
      el('span', { class: 'visually-hidden', text: ' via ' }),
    ];
  }

  function plural(count, word, many) {
    return count + ' ' + (count === 1 ? word : many || word + 's');
  }

  function squash(text) {
    return String(text || '')
      .replace(/\s+/g, ' ')
      .trim();
  }

  /** "The White House" and "White House" name the same thing. */
  function nameKey(text) {
    return squash(text)
      .toLowerCase()
      .replace(/^the\s+/, '');
  }

  function truncate(text, length) {
    text = squash(text);
    return text.length <= length ? text : text.slice(0, Math.max(1, length - 1)) + '…';
  }

  /** "coastal-herald.example/…": the host says where it is from; the full address is the link. */
  function shortUrl(value) {
    try {
      var url = new URL(value);
      return url.host + (url.pathname.length > 1 || url.search ? '/…' : '');
    } catch {
      return truncate(value, 60);
    }
  }

  function isWebUrl(value) {
    return typeof value === 'string' && /^https?:\/\/[^\s]+$/i.test(value);
  }

  /** Ids used in fragment links are made of the report's ids: keep them to safe characters. */
  function idPart(value) {
    return String(value).replace(/[^A-Za-z0-9_-]/g, '_');
  }

  // ---------------------------------------------------------------------------------------------
  // Summaries ported from src/report/claim-summary.ts and framing-summary.ts.

  function claimsInOrder(report) {
    var number = function (claim) {
      return Number(String(claim.id).slice(1)) || 0;
    };
    var shared = report.claims
      .filter(function (claim) {
        return claim.articles.length > 1 || claim.conflicts.length > 0;
      })
      .sort(function (a, b) {
        return (
          b.articles.length - a.articles.length ||
          b.conflicts.length - a.conflicts.length ||
          number(a) - number(b)
        );
      });
    var single = report.claims.filter(function (claim) {
      return shared.indexOf(claim) < 0;
    });
    return { shared: shared, single: single };
  }

  function statusCounts(report) {
    var counts = new Map();
    report.claims.forEach(function (claim) {
      counts.set(claim.status, (counts.get(claim.status) || 0) + 1);
    });
    return STATUS_ORDER.filter(function (status) {
      return counts.has(status);
    }).map(function (status) {
      return counts.get(status) + ' ' + status;
    });
  }

  function sameEventGroups(report) {
    var parent = new Map();
    report.articles.forEach(function (article) {
      parent.set(article.id, article.id);
    });
    var find = function (id) {
      while (parent.get(id) !== undefined && parent.get(id) !== id) id = parent.get(id);
      return id;
    };
    report.relations.forEach(function (relation) {
      if (relation.relation === 'same-event' && parent.has(relation.a) && parent.has(relation.b))
        parent.set(find(relation.b), find(relation.a));
    });
    var groups = new Map();
    report.articles.forEach(function (article) {
      var root = find(article.id);
      if (!groups.has(root)) groups.set(root, []);
      groups.get(root).push(article.id);
    });
    return Array.from(groups.values());
  }

  function framingByArticle(report) {
    return report.framing.map(function (framing) {
      var article = report.articles.find(function (candidate) {
        return candidate.id === framing.article;
      });
      var wordCount = article ? (article.text.match(/\S+/g) || []).length : 0;
      var counts = new Map();
      var quoted = new Map();
      var words = new Map();
      framing.terms.forEach(function (term) {
        counts.set(term.category, (counts.get(term.category) || 0) + term.count);
        quoted.set(term.category, (quoted.get(term.category) || 0) + (term.quoted || 0));
        if (!words.has(term.category)) words.set(term.category, new Map());
        var byWord = words.get(term.category);
        (term.spans || []).forEach(function (span) {
          // The trained scorer's words are marked: a hint to check, not a lexicon entry.
          var word =
            squash(span.text).toLowerCase() + (term.ruleId === 'loaded-language-model' ? '*' : '');
          byWord.set(word, (byWord.get(word) || 0) + 1);
        });
      });
      var sortedWords = new Map();
      words.forEach(function (byWord, category) {
        sortedWords.set(
          category,
          Array.from(byWord.entries())
            .map(function (entry) {
              return { word: entry[0], count: entry[1] };
            })
            .sort(function (a, b) {
              return b.count - a.count || a.word.localeCompare(b.word);
            }),
        );
      });
      var perThousandWords = new Map();
      counts.forEach(function (count, category) {
        perThousandWords.set(
          category,
          wordCount ? Math.round((count / wordCount) * 10000) / 10 : 0,
        );
      });
      return {
        article: framing.article,
        outlet: (article && article.outlet) || framing.article,
        counts: counts,
        quoted: quoted,
        words: sortedWords,
        perThousandWords: perThousandWords,
      };
    });
  }

  function wordList(words) {
    return (words || [])
      .map(function (item) {
        return item.count > 1 ? item.word + ' ×' + item.count : item.word;
      })
      .join(', ');
  }

  function quotedNote(row, category) {
    var quoted = row.quoted.get(category) || 0;
    return quoted ? ' (' + quoted + ' of ' + (row.counts.get(category) || 0) + ' in quotes)' : '';
  }

  function labelsByEntity(report) {
    var rows = [];
    report.entities.forEach(function (entity) {
      var labels = report.labels.filter(function (label) {
        return label.entity === entity.id;
      });
      if (labels.length === 0) return;
      var hasActorLabel = labels.some(function (label) {
        return label.how !== 'title';
      });
      var titleSets = new Map();
      labels.forEach(function (label) {
        if (label.how !== 'title') return;
        if (!titleSets.has(label.article)) titleSets.set(label.article, new Set());
        titleSets.get(label.article).add(label.label);
      });
      var distinct = new Set(
        Array.from(titleSets.values()).map(function (set) {
          return Array.from(set).sort().join('|');
        }),
      );
      if (!hasActorLabel && !(titleSets.size > 1 && distinct.size > 1)) return;
      var byArticle = report.articles.map(function (article) {
        var counts = new Map();
        labels.forEach(function (label) {
          if (label.article !== article.id) return;
          var shown = label.removed ? label.label + ' (caption)' : label.label;
          counts.set(shown, (counts.get(shown) || 0) + 1);
        });
        return {
          article: article.id,
          labels: wordList(
            Array.from(counts.entries()).map(function (entry) {
              return { word: entry[0], count: entry[1] };
            }),
          ),
        };
      });
      rows.push({ entity: entity.id, name: entity.name, byArticle: byArticle });
    });
    return rows;
  }

  function timelineDate(entry) {
    if (!entry.date) return 'unresolved';
    return entry.dateEnd && entry.dateEnd !== entry.date
      ? entry.date + ' – ' + entry.dateEnd
      : entry.date;
  }

  // ---------------------------------------------------------------------------------------------
  // Dates on the timeline axis.

  /** [start, end) in ms for "2011", "2024-10", "2025-06-09", "2025-06-09T10:00…"; null if not a date. */
  function dateBounds(value) {
    var match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(T.*)?$/.exec(String(value || ''));
    if (!match) return null;
    var year = Number(match[1]);
    if (match[4]) {
      var time = Date.parse(value);
      return Number.isNaN(time) ? null : [time, time + 3600000];
    }
    if (match[3]) {
      var day = Date.UTC(year, Number(match[2]) - 1, Number(match[3]));
      return [day, day + DAY_MS];
    }
    if (match[2])
      return [Date.UTC(year, Number(match[2]) - 1, 1), Date.UTC(year, Number(match[2]), 1)];
    return [Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)];
  }

  function entryBounds(entry) {
    var start = dateBounds(entry.date);
    if (!start) return null;
    var end = entry.dateEnd ? dateBounds(entry.dateEnd) : null;
    return [start[0], Math.max(start[1], end ? end[1] : start[1])];
  }

  /** Maps a time to a per-cent position; linear, or with long gaps shortened (see LONG_GAP_SHARE). */
  function timeScale(bounds) {
    var points = [];
    bounds.forEach(function (pair) {
      points.push(pair[0], pair[1]);
    });
    points = Array.from(new Set(points)).sort(function (a, b) {
      return a - b;
    });
    var first = points[0];
    var last = points[points.length - 1];
    var span = Math.max(1, last - first);
    var longestGap = 0;
    for (var index = 1; index < points.length; index++)
      longestGap = Math.max(longestGap, points[index] - points[index - 1]);
    var compressed = points.length > 2 && longestGap / span > LONG_GAP_SHARE;
    if (!compressed) {
      return {
        compressed: false,
        position: function (time) {
          return ((time - first) / span) * 100;
        },
      };
    }
    var offsets = [0];
    for (var at = 1; at < points.length; at++)
      offsets.push(offsets[at - 1] + Math.log1p((points[at] - points[at - 1]) / DAY_MS));
    var total = offsets[offsets.length - 1] || 1;
    return {
      compressed: true,
      position: function (time) {
        for (var at = 1; at < points.length; at++) {
          if (time <= points[at]) {
            var share = (time - points[at - 1]) / Math.max(1, points[at] - points[at - 1]);
            return ((offsets[at - 1] + share * (offsets[at] - offsets[at - 1])) / total) * 100;
          }
        }
        return 100;
      },
    };
  }

  /**
   * Where to label the axis: on a linear axis, round dates (years, or months, or days, whichever
   * gives a handful); on a shortened one, the entries' own dates.
   */
  function axisTicks(scale, dated) {
    var first = Infinity;
    var last = -Infinity;
    dated.forEach(function (item) {
      first = Math.min(first, item.bounds[0]);
      last = Math.max(last, item.bounds[1]);
    });
    if (scale.compressed) {
      var seen = new Set();
      return dated
        .map(function (item) {
          return { time: item.bounds[0], text: String(item.entry.date).slice(0, 10) };
        })
        .filter(function (tick) {
          if (seen.has(tick.text)) return false;
          seen.add(tick.text);
          return true;
        });
    }
    var ticks = [];
    var start = new Date(first);
    var days = (last - first) / DAY_MS;
    if (days > 3 * 365) {
      var yearStep = Math.max(1, Math.ceil(days / 365 / 6));
      for (var year = start.getUTCFullYear(); Date.UTC(year, 0, 1) <= last; year += yearStep) {
        var time = Date.UTC(year, 0, 1);
        if (time >= first) ticks.push({ time: time, text: String(year) });
      }
    } else if (days > 45) {
      var monthStep = Math.max(1, Math.ceil(days / 30 / 6));
      for (var month = 0; ; month += monthStep) {
        var at = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + month, 1);
        if (at > last) break;
        if (at >= first) ticks.push({ time: at, text: new Date(at).toISOString().slice(0, 7) });
      }
    } else {
      var dayStep = Math.max(1, Math.ceil(days / 6));
      for (var day = first; day <= last; day += dayStep * DAY_MS)
        ticks.push({ time: day, text: new Date(day).toISOString().slice(0, 10) });
    }
    return ticks;
  }

  // ---------------------------------------------------------------------------------------------
  // The renderer.

  function normalize(report) {
    var listed = [
      'diagnostics',
      'articles',
      'entities',
      'attributions',
      'claims',
      'conflicts',
      'framing',
      'labels',
      'timeline',
      'relations',
    ];
    var copy = Object.assign({}, report);
    listed.forEach(function (key) {
      if (!Array.isArray(copy[key])) copy[key] = [];
    });
    return copy;
  }

  function render(input, container) {
    if (!input || typeof input !== 'object') throw new TypeError('triangulateRender: no report');
    if (!container || typeof container.appendChild !== 'function')
      throw new TypeError('triangulateRender: no container element');
    var report = normalize(input);
    renderCount += 1;
    var prefix = 'tr' + renderCount + '-';
    var ctx = {
      report: report,
      prefix: prefix,
      articles: new Map(),
      articleIndex: new Map(),
      attributions: new Map(),
      entities: new Map(),
      claims: new Map(),
      conflicts: new Map(),
      bodies: new Map(),
      framingSpans: new Map(),
      selectable: [],
      selection: null,
      framingCategory: '',
    };
    report.articles.forEach(function (article, index) {
      ctx.articles.set(article.id, article);
      ctx.articleIndex.set(article.id, index);
    });
    report.attributions.forEach(function (item) {
      ctx.attributions.set(item.id, item);
    });
    report.entities.forEach(function (item) {
      ctx.entities.set(item.id, item);
    });
    report.claims.forEach(function (item) {
      ctx.claims.set(item.id, item);
    });
    report.conflicts.forEach(function (item) {
      ctx.conflicts.set(item.id, item);
    });
    report.framing.forEach(function (framing) {
      framing.terms.forEach(function (term) {
        (term.spans || []).forEach(function (span) {
          var key = span.article || framing.article;
          if (!ctx.framingSpans.has(key)) ctx.framingSpans.set(key, []);
          ctx.framingSpans.get(key).push({
            start: span.start,
            end: span.end,
            category: term.category,
            term: term.term,
          });
        });
      });
    });

    clear(container);
    container.classList.add('triangulate-report');
    var sections = [
      { id: 'articles', name: 'Articles' },
      { id: 'claims', name: 'Claims', when: report.claims.length > 0 },
      { id: 'conflicts', name: 'Conflicts', when: report.conflicts.length > 0 },
      { id: 'framing', name: 'Framing', when: report.framing.length > 0 },
      { id: 'timeline', name: 'Timeline', when: report.timeline.length > 0 },
      { id: 'relations', name: 'Same event or not', when: report.relations.length > 0 },
      { id: 'entities', name: 'Entities', when: report.entities.length > 0 },
    ].filter(function (section) {
      return section.when !== false;
    });

    append(container, [
      headerView(ctx),
      el(
        'nav',
        { class: 'sections', 'aria-label': 'Sections' },
        el(
          'ul',
          null,
          sections.map(function (section) {
            return el('li', null, el('a', { href: '#' + prefix + section.id, text: section.name }));
          }),
        ),
      ),
      // A page of its own gets the main landmark; inside a host page's section (the serve app's
      // form above the report) a plain div, since main must not sit in a section.
      el(hostHasMain(container) ? 'div' : 'main', { class: 'report-main' }, [
        el('div', { class: 'workspace' }, [
          el('div', { class: 'side-panel' }, [claimsView(ctx), conflictsView(ctx)]),
          articlesView(ctx),
        ]),
        framingView(ctx),
        timelineView(ctx),
        relationsView(ctx),
        entitiesView(ctx),
      ]),
      el('footer', { class: 'report-footer' }, [
        el('p', {
          text:
            'Made by ' +
            ((report.generator && report.generator.name) || 'triangulate') +
            ' ' +
            ((report.generator && report.generator.version) || '') +
            ', report schema ' +
            (report.schemaVersion || '?') +
            '. Highlights are computed from the report; every finding points at the sentences it rests on.',
        }),
      ]),
    ]);
    renderBodies(ctx);
    container.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && ctx.selection) {
        select(ctx, null);
      }
    });
    return { select: (key) => selectByKey(ctx, key), clear: () => select(ctx, null) };
  }

  function hostHasMain(container) {
    if (document.querySelector('main') && !container.querySelector('main')) return true;
    return Boolean(container.closest && container.closest('section, article, aside, main, nav'));
  }

  function outletOf(ctx, articleId) {
    var article = ctx.articles.get(articleId);
    return (article && article.outlet) || articleId;
  }

  function givenTitle(article) {
    if (article.title) return article.title;
    var headline = (article.headings || []).find(function (heading) {
      return heading.kind === 'headline';
    });
    return headline ? headline.text : '';
  }

  function titleOf(article) {
    return givenTitle(article) || article.id;
  }

  /** The page's heading: the first article's title (or headline) that there is. */
  function storyTitle(report) {
    for (var index = 0; index < report.articles.length; index++) {
      var title = givenTitle(report.articles[index]);
      if (title) return truncate(title, 160);
    }
    return report.articles.length ? 'Untitled articles' : 'No articles';
  }

  /** A small coloured tag naming an article's outlet, matching its column's colour. */
  function outletTag(ctx, articleId) {
    var index = ctx.articleIndex.has(articleId) ? ctx.articleIndex.get(articleId) : 0;
    return el('span', {
      class: 'outlet-tag tone-' + (index % 6),
      text: outletOf(ctx, articleId),
    });
  }

  function section(ctx, id, title, content, extraClass) {
    var headingId = ctx.prefix + id + '-heading';
    return el(
      'section',
      {
        id: ctx.prefix + id,
        class: 'report-section ' + (extraClass || ''),
        'aria-labelledby': headingId,
      },
      [el('h2', { id: headingId, text: title }), content],
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Header: what the report covers.

  function headerView(ctx) {
    var report = ctx.report;
    var named = new Set();
    var unnamed = 0;
    report.articles.forEach(function (article) {
      if (article.outlet) named.add(article.outlet);
      else unnamed += 1;
    });
    // Counted as the text report counts them: every article without one as one unknown outlet.
    var outletCount = named.size + (unnamed ? 1 : 0);
    var outletText = named.size
      ? named.size +
        ': ' +
        Array.from(named).join(', ') +
        (unnamed ? ' (' + unnamed + ' articles without one)' : '')
      : 'not given';
    var dates = report.articles
      .map(function (article) {
        return article.published ? String(article.published).slice(0, 10) : '';
      })
      .filter(Boolean)
      .sort();
    var undated = report.articles.length - dates.length;
    var dateText = dates.length
      ? dates[0] === dates[dates.length - 1]
        ? dates[0]
        : dates[0] + ' – ' + dates[dates.length - 1]
      : 'none given';
    if (dates.length && undated) dateText += ' (' + undated + ' undated)';
    var groups = sameEventGroups(report);
    var conflictKinds = new Map();
    report.conflicts.forEach(function (conflict) {
      conflictKinds.set(conflict.kind, (conflictKinds.get(conflict.kind) || 0) + 1);
    });
    var rows = [
      ['Articles', String(report.articles.length)],
      ['Outlets', outletText],
      ['Published', dateText],
    ];
    if (report.relations.length)
      rows.push([
        'Events',
        plural(groups.length, 'event') +
          ': ' +
          groups
            .map(function (group) {
              return group
                .map(function (id) {
                  return outletOf(ctx, id);
                })
                .join(' + ');
            })
            .join(' | '),
      ]);
    if (report.claims.length)
      rows.push(['Claims', report.claims.length + ' (' + statusCounts(report).join(', ') + ')']);
    rows.push([
      'Conflicts',
      report.conflicts.length
        ? report.conflicts.length +
          ' (' +
          Array.from(conflictKinds.entries())
            .map(function (entry) {
              return entry[1] + ' ' + entry[0];
            })
            .join(', ') +
          ')'
        : 'none found',
    ]);
    var problems = report.diagnostics.filter(function (item) {
      return item.severity !== 'info';
    });
    return el('header', { class: 'report-header' }, [
      el('p', {
        class: 'eyebrow',
        text:
          'triangulate report · ' +
          plural(report.articles.length, 'article') +
          ' from ' +
          plural(outletCount, 'outlet'),
      }),
      el('h1', { text: storyTitle(report) }),
      el(
        'dl',
        { class: 'summary' },
        rows.map(function (row) {
          return el('div', { class: 'summary-item' }, [
            el('dt', { text: row[0] }),
            el('dd', { text: row[1] }),
          ]);
        }),
      ),
      problems.length
        ? el('section', { class: 'problems', 'aria-label': 'Problems with the input' }, [
            el('h2', { text: 'Problems (' + problems.length + ')' }),
            el(
              'ul',
              null,
              problems.map(function (item) {
                return el('li', null, [
                  el('strong', { text: item.severity }),
                  ' ' + item.input + ': ' + item.message,
                ]);
              }),
            ),
          ])
        : null,
    ]);
  }

  // ---------------------------------------------------------------------------------------------
  // Selection: what is highlighted in the articles.

  /** Registers a toggle button that highlights `spans` (from `make()`) when pressed. */
  function selectable(ctx, key, label, make, props, children) {
    var button = el(
      'button',
      Object.assign({ type: 'button', 'aria-pressed': 'false', 'data-select': key }, props || {}),
      children,
    );
    var entry = { key: key, label: label, make: make, button: button, onSelect: null };
    ctx.selectable.push(entry);
    button.addEventListener('click', function () {
      select(ctx, ctx.selection && ctx.selection.key === key ? null : entry);
    });
    return { button: button, entry: entry };
  }

  function selectByKey(ctx, key) {
    var entry = ctx.selectable.find(function (candidate) {
      return candidate.key === key;
    });
    select(ctx, entry || null);
  }

  function select(ctx, entry) {
    var previous = ctx.selection;
    ctx.selection = entry ? { key: entry.key, label: entry.label, spans: entry.make() } : null;
    ctx.selectable.forEach(function (candidate) {
      var pressed = entry !== null && candidate.key === entry.key;
      candidate.button.setAttribute('aria-pressed', pressed ? 'true' : 'false');
    });
    if (previous && previous.onClear) previous.onClear();
    if (entry && entry.onSelect) {
      var cleanup = entry.onSelect();
      if (typeof cleanup === 'function') ctx.selection.onClear = cleanup;
    }
    renderBodies(ctx);
    updateStatus(ctx);
    if (ctx.selection) scrollToMarks(ctx);
  }

  function updateStatus(ctx) {
    var status = ctx.statusLine;
    if (!status) return;
    clear(status.text);
    status.clearButton.hidden = !ctx.selection;
    if (!ctx.selection) {
      status.text.textContent =
        'Select a claim, a conflict side, a date or an entity to mark it in the articles.';
      return;
    }
    var spans = ctx.selection.spans;
    var articles = new Set(
      spans.map(function (span) {
        return span.article;
      }),
    );
    append(status.text, [
      el('strong', { text: 'Marked: ' }),
      ctx.selection.label,
      ' — ' +
        plural(spans.length, 'passage') +
        ' in ' +
        plural(articles.size, 'article') +
        '. Press Escape to clear.',
    ]);
  }

  function scrollToMarks(ctx) {
    var firstArticle = null;
    var marks = [];
    ctx.bodies.forEach(function (body) {
      var mark = body.element.querySelector('mark.hl');
      if (!mark) return;
      // Each article scrolls in its own column, so every mention can be in view at once.
      var top = mark.offsetTop - body.element.clientHeight * MARK_POSITION;
      body.element.scrollTop = Math.max(0, top);
      marks.push(mark);
      if (!firstArticle) firstArticle = body.element.closest('article') || body.element;
    });
    if (!firstArticle || typeof firstArticle.scrollIntoView !== 'function') return;
    // Move the page only when a marked passage is out of sight: then the articles come up top.
    var outOfSight = marks.some(function (mark) {
      var box = mark.getBoundingClientRect();
      return box.top < 0 || box.bottom > window.innerHeight;
    });
    if (outOfSight) firstArticle.scrollIntoView({ block: 'start' });
  }

  // ---------------------------------------------------------------------------------------------
  // Articles side by side, with highlighted spans.

  function articlesView(ctx) {
    var report = ctx.report;
    var statusText = el('span', { class: 'status-text' });
    var clearButton = el('button', { type: 'button', class: 'clear-button', text: 'Clear' });
    clearButton.addEventListener('click', function () {
      select(ctx, null);
    });
    ctx.statusLine = { text: statusText, clearButton: clearButton };

    var categories = FRAMING_COLUMNS.filter(function (column) {
      return report.framing.some(function (framing) {
        return framing.terms.some(function (term) {
          return term.category === column.category && term.count > 0;
        });
      });
    });
    var controls = [];
    if (categories.length) {
      var selectId = ctx.prefix + 'framing-select';
      var chooser = el('select', { id: selectId }, [
        el('option', { value: '', text: 'none' }),
        el('option', { value: '*', text: 'all categories' }),
        categories.map(function (column) {
          return el('option', { value: column.category, text: column.name });
        }),
      ]);
      // Which colour underlines which category, for the categories shown.
      var legend = el('ul', { class: 'framing-legend', 'aria-label': 'Underline colours' });
      chooser.addEventListener('change', function () {
        ctx.framingCategory = chooser.value;
        clear(legend);
        categories.forEach(function (column) {
          if (chooser.value !== '*' && chooser.value !== column.category) return;
          legend.appendChild(
            el('li', null, el('span', { class: 'fr fr-' + column.category, text: column.name })),
          );
        });
        renderBodies(ctx);
      });
      controls.push(
        el('div', { class: 'framing-control' }, [
          el('label', { for: selectId, text: 'Underline framing terms: ' }),
          chooser,
          legend,
        ]),
      );
    }

    var grid = el(
      'div',
      { class: 'article-grid' },
      report.articles.map(function (article, index) {
        return articleView(ctx, article, index);
      }),
    );
    updateStatus(ctx);
    return section(
      ctx,
      'articles',
      'Articles side by side',
      [
        el('div', { class: 'toolbar' }, [
          el('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, [
            statusText,
            ' ',
            clearButton,
          ]),
          controls,
        ]),
        grid,
      ],
      'articles-section',
    );
  }

  function articleView(ctx, article, index) {
    var headingId = ctx.prefix + 'article-' + idPart(article.id);
    var facts = [];
    if (article.published)
      facts.push(
        String(article.published)
          .replace('T', ' ')
          .replace(/\.000Z$/, 'Z'),
      );
    if (article.byline) facts.push(article.byline);
    if (article.language) facts.push('language: ' + article.language);
    var where = null;
    if (isWebUrl(article.url))
      where = el('a', {
        href: article.url,
        rel: 'noopener noreferrer',
        class: 'source-link',
        title: article.url,
        text: shortUrl(article.url),
      });
    else if (article.url || article.path)
      where = el('span', { class: 'source-path', text: article.url || article.path });
    var body = el('div', {
      class: 'article-body',
      tabindex: '0',
      role: 'region',
      'aria-label': 'Text of ' + truncate(titleOf(article), 80),
    });
    ctx.bodies.set(article.id, { element: body, article: article });
    var removed = article.removed || [];
    var sources = ctx.report.attributions.filter(function (item) {
      return item.article === article.id;
    });
    return el(
      'article',
      {
        class: 'report-article tone-' + (index % 6),
        'aria-labelledby': headingId,
        'data-article': article.id,
      },
      [
        el('header', { class: 'article-header' }, [
          el('p', { class: 'article-outlet', text: article.outlet || 'outlet not given' }),
          // When the text starts with the same headline, the heading is for screen readers only.
          el('h3', {
            id: headingId,
            class: headlineRepeatsTitle(article) ? 'visually-hidden' : null,
            text: titleOf(article),
          }),
          el('p', { class: 'article-meta' }, [
            facts.join(' · '),
            where ? [facts.length ? ' · ' : '', where] : null,
          ]),
          el('p', { class: 'article-id' }, ['id ', el('code', { text: article.id })]),
        ]),
        body,
        sources.length ? sourcesView(ctx, sources) : null,
        removed.length
          ? el('details', { class: 'removed' }, [
              el('summary', { text: 'Removed as boilerplate (' + removed.length + ')' }),
              el(
                'ul',
                null,
                removed.map(function (item) {
                  return el('li', null, [
                    el('span', { class: 'reason', text: item.reason + ': ' }),
                    truncate(item.text, 300),
                  ]);
                }),
              ),
            ])
          : null,
      ],
    );
  }

  function headlineRepeatsTitle(article) {
    var headline = (article.headings || []).find(function (heading) {
      return heading.kind === 'headline';
    });
    return (
      Boolean(headline) &&
      squash(headline.text).toLowerCase() === squash(titleOf(article)).toLowerCase()
    );
  }

  function sourcesView(ctx, sources) {
    return el('details', { class: 'sources' }, [
      el('summary', { text: 'Who says what (' + sources.length + ' attributions)' }),
      el(
        'ul',
        null,
        sources.map(function (attribution) {
          var chain = sourceChain(ctx, [attribution.id], attribution.article);
          return el('li', { class: attribution.polarity === 'deny' ? 'deny' : null }, [
            el('span', { class: 'chain' }, chain),
            el('span', { class: 'kind', text: ' (' + sourceKind(attribution) + ') ' }),
            el('span', {
              class: 'cue',
              text:
                (attribution.polarity === 'deny' ? 'denies · ' : '') + attribution.cue.text + ': ',
            }),
            el('q', { text: truncate(attribution.content.text, 220) }),
          ]);
        }),
      ),
    ]);
  }

  function sourceKind(attribution) {
    if (!attribution.source) return 'no source';
    var kind = attribution.source.kind;
    if (attribution.source.count) kind += ', ' + attribution.source.count;
    if (attribution.source.affiliation) kind += ', ' + attribution.source.affiliation;
    return kind;
  }

  /** Paragraph ranges of a text: one per line, blank lines dropped. */
  function paragraphsOf(text) {
    var paragraphs = [];
    var pattern = /[^\n]+/g;
    var match;
    while ((match = pattern.exec(text))) {
      if (match[0].trim())
        paragraphs.push({ start: match.index, end: match.index + match[0].length });
    }
    return paragraphs;
  }

  function renderBodies(ctx) {
    ctx.bodies.forEach(function (body, articleId) {
      var ranges = [];
      if (ctx.selection) {
        ctx.selection.spans.forEach(function (span) {
          if (span.article === articleId && span.end > span.start) ranges.push(span);
        });
      }
      var framing = [];
      if (ctx.framingCategory) {
        (ctx.framingSpans.get(articleId) || []).forEach(function (span) {
          if (ctx.framingCategory === '*' || span.category === ctx.framingCategory)
            framing.push(span);
        });
      }
      var scroll = body.element.scrollTop;
      renderBody(body.element, body.article, ranges, framing);
      body.element.scrollTop = scroll;
    });
  }

  /**
   * The article's text as paragraphs, split into text nodes at every range boundary; a piece
   * covered by selected ranges goes in one `<mark class="hl">` (the first range's data, and
   * `hl-overlap` when more than one covers it), with framing terms as inner `<mark class="fr">`.
   */
  function renderBody(element, article, ranges, framing) {
    clear(element);
    var text = String(article.text || '');
    var headings = new Map();
    (article.headings || []).forEach(function (heading) {
      headings.set(heading.start, heading.kind);
    });
    paragraphsOf(text).forEach(function (paragraph) {
      var kind = headings.get(paragraph.start);
      var node = el('p', { class: kind ? 'text-' + kind : null });
      var cuts = new Set([paragraph.start, paragraph.end]);
      ranges.concat(framing).forEach(function (range) {
        if (range.end <= paragraph.start || range.start >= paragraph.end) return;
        cuts.add(Math.max(paragraph.start, range.start));
        cuts.add(Math.min(paragraph.end, range.end));
      });
      var points = Array.from(cuts).sort(function (a, b) {
        return a - b;
      });
      for (var index = 1; index < points.length; index++) {
        var from = points[index - 1];
        var to = points[index];
        if (to <= from) continue;
        var piece = document.createTextNode(text.slice(from, to));
        var covering = framing.filter(function (range) {
          return range.start <= from && range.end >= to;
        });
        if (covering.length) {
          var term = el('mark', {
            class: 'fr fr-' + covering[0].category,
            'data-framing': covering[0].category,
            title: covering[0].term + ' (' + covering[0].category + ')',
          });
          term.appendChild(piece);
          piece = term;
        }
        var selected = ranges.filter(function (range) {
          return range.start <= from && range.end >= to;
        });
        if (selected.length) {
          var first = selected[0];
          var mark = el(
            'mark',
            Object.assign(
              {
                class:
                  'hl' +
                  (first.tone ? ' hl-' + first.tone : '') +
                  (selected.filter(function (range) {
                    return range.tone === first.tone;
                  }).length > 1
                    ? ' hl-overlap'
                    : ''),
              },
              first.data || {},
            ),
          );
          mark.appendChild(piece);
          piece = mark;
        }
        node.appendChild(piece);
      }
      element.appendChild(node);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Claims and their origins.

  function claimsView(ctx) {
    var report = ctx.report;
    if (!report.claims.length)
      return section(ctx, 'claims', 'Claims', el('p', { text: 'No claims in this report.' }));
    var order = claimsInOrder(report);
    var list = function (claims) {
      return el(
        'ol',
        { class: 'claim-list' },
        claims.map(function (claim) {
          return claimItem(ctx, claim);
        }),
      );
    };
    return section(ctx, 'claims', 'Claims (' + report.claims.length + ')', [
      el('p', {
        class: 'hint',
        text:
          statusCounts(report).join(', ') +
          '. Select a claim to mark it in every article and to see where it comes from.',
      }),
      order.shared.length
        ? [
            el('h3', {
              class: 'list-heading',
              text: 'In more than one article, or in conflict (' + order.shared.length + ')',
            }),
            list(order.shared),
          ]
        : null,
      order.single.length
        ? el('details', { class: 'single-claims', open: order.shared.length === 0 }, [
            el('summary', {
              text: 'In one article only (' + order.single.length + ')',
            }),
            list(order.single),
          ])
        : null,
    ]);
  }

  function claimItem(ctx, claim) {
    var detail = el('div', { class: 'claim-detail', hidden: true });
    var outlets = claim.articles.map(function (id) {
      return outletTag(ctx, id);
    });
    var made = selectable(
      ctx,
      'claim:' + claim.id,
      'claim ' + claim.id + ' “' + truncate(claim.text, 90) + '”',
      function () {
        return claim.mentions.map(function (mention) {
          return {
            article: mention.article,
            start: mention.start,
            end: mention.end,
            tone: mention.polarity === 'deny' ? 'deny' : '',
            data: { 'data-claim': claim.id, 'data-mention': mention.id },
          };
        });
      },
      { class: 'claim-button', 'data-claim-button': claim.id },
      [
        el('span', { class: 'claim-head' }, [
          el('span', { class: 'badge status-' + claim.status, text: claim.status }),
          el('span', { class: 'claim-id', text: claim.id }),
        ]),
        el('span', { class: 'claim-text', text: squash(claim.text) }),
        el('span', { class: 'claim-meta' }, [
          outlets,
          el('span', {
            class: 'origin-count',
            text:
              plural(claim.independentOrigins, 'independent origin') +
              (claim.conflicts.length ? ' · ' + plural(claim.conflicts.length, 'conflict') : ''),
          }),
        ]),
      ],
    );
    made.entry.onSelect = function () {
      clear(detail);
      append(detail, claimDetail(ctx, claim));
      detail.hidden = false;
      return function () {
        detail.hidden = true;
        clear(detail);
      };
    };
    return el('li', { class: 'claim' }, [made.button, detail]);
  }

  function claimDetail(ctx, claim) {
    var parts = [];
    parts.push(
      el('p', { class: 'detail-status' }, [
        el('span', { class: 'badge status-' + claim.status, text: claim.status }),
        ' ' +
          plural(claim.independentOrigins, 'independent origin') +
          '; stated ' +
          plural(claim.mentions.length, 'time') +
          ' in ' +
          plural(claim.articles.length, 'article') +
          '.',
      ]),
    );
    parts.push(el('h4', { text: 'Origins, as chains (source → outlet → outlet)' }));
    parts.push(
      el(
        'ul',
        { class: 'origins' },
        claim.origins.map(function (origin) {
          var mentions = claim.mentions.filter(function (mention) {
            return mention.origin === origin.id;
          });
          return el('li', { class: 'origin' }, [
            el('p', { class: 'origin-label' }, [
              el('strong', { text: origin.label }),
              el('span', { class: 'kind', text: ' (' + origin.kind + ')' }),
            ]),
            el(
              'ol',
              { class: 'chains' },
              mentions.map(function (mention) {
                return el('li', { class: 'chain-item' }, [
                  el(
                    'span',
                    { class: 'chain' },
                    sourceChain(ctx, mention.chain || [], mention.article),
                  ),
                  mention.polarity === 'deny'
                    ? el('span', { class: 'deny-tag', text: ' denies' })
                    : null,
                  mention.background ? el('span', { class: 'kind', text: ' (background)' }) : null,
                  el('q', { class: 'mention-quote', text: truncate(mention.text, 200) }),
                ]);
              }),
            ),
          ]);
        }),
      ),
    );
    if (claim.conflicts.length) {
      parts.push(el('h4', { text: 'Conflicts' }));
      parts.push(
        el(
          'ul',
          { class: 'claim-conflicts' },
          claim.conflicts.map(function (id) {
            var conflict = ctx.conflicts.get(id);
            return el('li', null, [
              el('span', { class: 'badge kind-conflict', text: conflict ? conflict.kind : '?' }),
              ' ' + id + ': ' + (conflict ? truncate(conflict.summary, 220) : ''),
              ' ',
              conflict ? jumpButton(ctx, 'conflict:' + id, 'show both sides') : null,
            ]);
          }),
        ),
      );
    }
    return parts;
  }

  /** A plain button that presses another selectable (a claim, a conflict) by key. */
  function jumpButton(ctx, key, text) {
    var button = el('button', { type: 'button', class: 'link-button', text: text });
    button.addEventListener('click', function () {
      var entry = ctx.selectable.find(function (candidate) {
        return candidate.key === key;
      });
      if (!entry) return;
      select(ctx, entry);
      entry.button.focus();
    });
    return button;
  }

  /**
   * "three Hamas sources → Asharq al-Awsat → ynet": the innermost attribution's source, the
   * outlets it passed through, the outer attributions' sources and theirs, then the outlet of the
   * article it is read in.
   */
  function sourceChain(ctx, chain, articleId) {
    var hops = [];
    var seen = [];
    var add = function (text, className) {
      var name = squash(text);
      if (!name) return;
      var key = nameKey(name);
      if (seen.length && seen[seen.length - 1] === key) return;
      seen.push(key);
      hops.push({ text: name, className: className });
    };
    if (!chain.length) add('own reporting', 'hop-own');
    chain.forEach(function (id, position) {
      var attribution = ctx.attributions.get(id);
      if (!attribution) return;
      var source = attribution.source;
      if (source) {
        var name = source.text;
        var entity = source.entity ? ctx.entities.get(source.entity) : null;
        if (position > 0 && entity) name = entity.name;
        else if (entity && nameKey(entity.name) !== nameKey(source.text))
          name = source.text + ' (' + entity.name + ')';
        else if (source.antecedent) {
          var antecedent = ctx.attributions.get(source.antecedent);
          if (antecedent && antecedent.source)
            name = source.text + ' (= ' + truncate(antecedent.source.text, 60) + ')';
        }
        add(name, position === 0 ? 'hop-source' : 'hop-outlet');
      } else if (position === 0) {
        add('unnamed source', 'hop-source');
      }
      (attribution.via || []).forEach(function (outlet) {
        add(outlet, 'hop-outlet');
      });
    });
    add(outletOf(ctx, articleId), 'hop-article');
    var nodes = [];
    hops.forEach(function (hop, index) {
      if (index) nodes.push(arrow());
      nodes.push(el('span', { class: 'hop ' + hop.className, text: hop.text }));
    });
    return nodes;
  }

  // ---------------------------------------------------------------------------------------------
  // Conflicts, both sides.

  function conflictsView(ctx) {
    var report = ctx.report;
    if (!report.conflicts.length) return null;
    return section(ctx, 'conflicts', 'Conflicts (' + report.conflicts.length + ')', [
      el('p', {
        class: 'hint',
        text: 'Each side is a button: it marks that passage in its article.',
      }),
      el(
        'ol',
        { class: 'conflict-list' },
        report.conflicts.map(function (conflict) {
          return conflictItem(ctx, conflict);
        }),
      ),
    ]);
  }

  function conflictItem(ctx, conflict) {
    var spansOf = function (indexes) {
      return indexes.map(function (index) {
        var span = conflict.evidence[index];
        return {
          article: span.article,
          start: span.start,
          end: span.end,
          tone: index === 0 ? 'a' : 'b',
          data: { 'data-conflict': conflict.id, 'data-side': String(index) },
        };
      });
    };
    var all = conflict.evidence.map(function (_span, index) {
      return index;
    });
    var both = selectable(
      ctx,
      'conflict:' + conflict.id,
      'conflict ' + conflict.id + ' (' + conflict.kind + '), all sides',
      function () {
        return spansOf(all);
      },
      { class: 'link-button both-button' },
      conflict.evidence.length > 1 ? 'mark both sides' : 'mark it',
    );
    var sides = conflict.evidence.map(function (span, index) {
      var made = selectable(
        ctx,
        'conflict:' + conflict.id + ':' + index,
        'conflict ' +
          conflict.id +
          ', side ' +
          (index + 1) +
          ' (' +
          outletOf(ctx, span.article) +
          ')',
        function () {
          return spansOf([index]);
        },
        { class: 'side-button side-' + (index === 0 ? 'a' : 'b') },
        [
          el('span', { class: 'side-head' }, [
            el('span', { class: 'side-label', text: 'Side ' + (index + 1) }),
            outletTag(ctx, span.article),
          ]),
          el('q', { class: 'side-quote', text: truncate(span.text, 260) }),
        ],
      );
      return made.button;
    });
    var claims = (conflict.claims || []).filter(function (id) {
      return ctx.claims.has(id);
    });
    return el('li', { class: 'conflict' }, [
      el('p', { class: 'conflict-head' }, [
        el('span', { class: 'badge kind-conflict', text: conflict.kind }),
        el('span', { class: 'claim-id', text: conflict.id }),
        ' ',
        both.button,
      ]),
      el('p', { class: 'conflict-summary', text: conflict.summary }),
      el('div', { class: 'sides' }, sides),
      conflict.reason ? el('p', { class: 'reason', text: 'Why: ' + conflict.reason }) : null,
      claims.length
        ? el('p', { class: 'conflict-claims' }, [
            'Claim' + (claims.length > 1 ? 's' : '') + ': ',
            claims.map(function (id, index) {
              return [index ? ', ' : '', jumpButton(ctx, 'claim:' + id, id)];
            }),
          ])
        : null,
    ]);
  }

  // ---------------------------------------------------------------------------------------------
  // Framing per outlet.

  function framingView(ctx) {
    var report = ctx.report;
    if (!report.framing.length) return null;
    var rows = framingByArticle(report);
    var max = 1;
    rows.forEach(function (row) {
      row.counts.forEach(function (count) {
        max = Math.max(max, count);
      });
    });
    var cards = rows.map(function (row) {
      var index = ctx.articleIndex.has(row.article) ? ctx.articleIndex.get(row.article) : 0;
      var captionId = ctx.prefix + 'framing-' + idPart(row.article);
      return el(
        'figure',
        { class: 'framing-card tone-' + (index % 6), 'aria-labelledby': captionId },
        [
          el('figcaption', { id: captionId }, [
            el('strong', { text: row.outlet }),
            row.outlet !== row.article
              ? el('span', { class: 'kind', text: ' ' + row.article })
              : null,
          ]),
          el('table', { class: 'framing-table' }, [
            el('caption', {
              class: 'visually-hidden',
              text: 'Framing terms used by ' + row.outlet,
            }),
            el(
              'thead',
              null,
              el('tr', null, [
                el('th', { scope: 'col', text: 'category' }),
                el('th', { scope: 'col', text: 'occurrences (per 1,000 words)' }),
                el('th', { scope: 'col', text: 'words' }),
              ]),
            ),
            el(
              'tbody',
              null,
              FRAMING_COLUMNS.map(function (column) {
                var count = row.counts.get(column.category) || 0;
                var bar = el('span', { class: 'bar fr-bar-' + column.category });
                bar.style.width = (count / max) * 100 + '%';
                return el('tr', null, [
                  el('th', { scope: 'row', text: column.name }),
                  el('td', { class: 'bar-cell' }, [
                    el('span', { class: 'bar-track', 'aria-hidden': 'true' }, bar),
                    el('span', {
                      class: 'bar-number',
                      text: count
                        ? count + ' (' + row.perThousandWords.get(column.category) + ')'
                        : '0',
                    }),
                  ]),
                  el('td', {
                    class: 'words',
                    text:
                      wordList(row.words.get(column.category)) + quotedNote(row, column.category),
                  }),
                ]);
              }),
            ),
          ]),
        ],
      );
    });
    var labels = labelsByEntity(report);
    var labelTable = labels.length
      ? [
          el('h3', { text: 'What each outlet calls them' }),
          scrollTable(
            'Labels per outlet',
            'labels-table',
            columnHeads(
              ['actor'].concat(
                report.articles.map(function (article) {
                  return article.outlet || article.id;
                }),
              ),
            ),
            labels.map(function (row) {
              return el('tr', null, [
                el('th', { scope: 'row', text: row.name }),
                row.byArticle.map(function (item) {
                  return el('td', { text: item.labels || '—' });
                }),
              ]);
            }),
          ),
        ]
      : null;
    return section(ctx, 'framing', 'Framing', [
      el('p', {
        class: 'hint',
        text: 'Framing terms per outlet. Bars are occurrences, on one scale for all outlets; the number in brackets is per 1,000 words. Use “Underline framing terms” above the articles to see them in place. Words marked * were found by the trained loaded-language model, not the lexicon: a hint to check (about 15% precision on BASIL).',
      }),
      el('div', { class: 'framing-grid' }, cards),
      labelTable,
    ]);
  }

  // ---------------------------------------------------------------------------------------------
  // Timeline as a chart.

  function timelineView(ctx) {
    var report = ctx.report;
    if (!report.timeline.length) return null;
    var dated = [];
    var unresolved = [];
    report.timeline.forEach(function (entry, index) {
      var bounds = entry.date ? entryBounds(entry) : null;
      if (bounds) dated.push({ entry: entry, bounds: bounds, index: index });
      else unresolved.push({ entry: entry, index: index });
    });
    var entryButton = function (item) {
      var entry = item.entry;
      var made = selectable(
        ctx,
        'time:' + item.index,
        'date “' + entry.text + '” (' + timelineDate(entry) + ')',
        function () {
          // The expression first: where it lies inside its sentence, its own colour wins.
          var spans = [
            {
              article: entry.article,
              start: entry.start,
              end: entry.end,
              tone: 'time',
              data: { 'data-time': String(item.index) },
            },
          ];
          if (entry.event && entry.event.end > entry.event.start)
            spans.push({
              article: entry.event.article || entry.article,
              start: entry.event.start,
              end: entry.event.end,
              tone: 'event',
              data: { 'data-time': String(item.index) },
            });
          return spans;
        },
        { class: 'time-button' },
        [el('span', { class: 'time-expression', text: '“' + entry.text + '”' })],
      );
      return made.button;
    };
    var parts = [];
    if (dated.length) {
      var scale = timeScale(
        dated.map(function (item) {
          return item.bounds;
        }),
      );
      var axis = el('div', { class: 'axis', 'aria-hidden': 'true' });
      var lastEnd = -Infinity;
      axisTicks(scale, dated).forEach(function (tick) {
        var at = scale.position(tick.time);
        // Labels near the right end are drawn leftwards from their tick.
        var toLeft = at > 100 - AXIS_LABEL_SPACING;
        var from = toLeft ? at - AXIS_LABEL_SPACING : at;
        if (from < lastEnd) return;
        lastEnd = from + AXIS_LABEL_SPACING;
        var label = el('span', { class: 'tick' + (toLeft ? ' tick-end' : ''), text: tick.text });
        label.style.left = at + '%';
        axis.appendChild(label);
      });
      var rows = dated.map(function (item) {
        var entry = item.entry;
        var start = scale.position(item.bounds[0]);
        var end = scale.position(item.bounds[1]);
        var isRange = entry.precision !== 'day' || (entry.dateEnd && entry.dateEnd !== entry.date);
        var mark = el('span', {
          class: 'when-mark ' + (isRange ? 'when-range' : 'when-point'),
          title: timelineDate(entry),
        });
        mark.style.left = Math.min(start, 99) + '%';
        if (isRange) mark.style.width = Math.max(0.8, end - start) + '%';
        return el('tr', null, [
          el('th', { scope: 'row', class: 'when-date', text: timelineDate(entry) }),
          el(
            'td',
            { class: 'when-cell' },
            el('span', { class: 'when-track', 'aria-hidden': 'true' }, mark),
          ),
          el('td', { class: 'when-outlet' }, outletTag(ctx, entry.article)),
          el('td', { class: 'when-text' }, [
            entryButton(item),
            ' ',
            el('span', {
              class: 'event-text',
              text: truncate(entry.event ? entry.event.text : '', 200),
            }),
          ]),
        ]);
      });
      parts.push(
        el(
          'div',
          { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Dated events' },
          el('table', { class: 'timeline-table' }, [
            el('caption', {
              text:
                plural(dated.length, 'dated expression') +
                ', oldest first. Bars show the whole period a date names (a year, a month, a range).' +
                (scale.compressed
                  ? ' The axis keeps the order but shortens long gaps between dates.'
                  : ''),
            }),
            el(
              'thead',
              null,
              el('tr', null, [
                el('th', { scope: 'col', text: 'date' }),
                el('th', { scope: 'col', class: 'when-cell' }, [
                  el('span', { class: 'visually-hidden', text: 'position in time' }),
                  axis,
                ]),
                el('th', { scope: 'col', text: 'outlet' }),
                el('th', { scope: 'col', text: 'expression and the sentence it dates' }),
              ]),
            ),
            el('tbody', null, rows),
          ]),
        ),
      );
    }
    if (unresolved.length) {
      parts.push(el('h3', { text: 'Not resolved to a date (' + unresolved.length + ')' }));
      parts.push(
        el(
          'ul',
          { class: 'unresolved' },
          unresolved.map(function (item) {
            return el('li', null, [
              outletTag(ctx, item.entry.article),
              ' ',
              entryButton(item),
              ' ',
              el('span', {
                class: 'event-text',
                text: truncate(item.entry.event ? item.entry.event.text : '', 200),
              }),
            ]);
          }),
        ),
      );
    }
    return section(ctx, 'timeline', 'Timeline', parts);
  }

  // ---------------------------------------------------------------------------------------------
  // Relations and entities.

  function relationsView(ctx) {
    var report = ctx.report;
    if (!report.relations.length) return null;
    return section(ctx, 'relations', 'Same event or not', [
      scrollTable(
        'Article pairs',
        'relations-table',
        columnHeads(['article', 'article', 'relation', 'score', 'evidence']),
        report.relations.map(function (relation) {
          var kinds = new Map();
          (relation.evidence || []).forEach(function (item) {
            kinds.set(item.kind, (kinds.get(item.kind) || 0) + 1);
          });
          return el('tr', null, [
            el('td', null, outletTag(ctx, relation.a)),
            el('td', null, outletTag(ctx, relation.b)),
            el('th', {
              scope: 'row',
              class: 'relation-' + relation.relation,
              text: relation.relation,
            }),
            el('td', { text: String(relation.score) }),
            el('td', {
              text: Array.from(kinds.entries())
                .map(function (entry) {
                  return entry[1] + ' ' + entry[0];
                })
                .join(', '),
            }),
          ]);
        }),
      ),
    ]);
  }

  function entitiesView(ctx) {
    var report = ctx.report;
    if (!report.entities.length) return null;
    var entities = report.entities.slice().sort(function (a, b) {
      return b.mentions.length - a.mentions.length || a.name.localeCompare(b.name);
    });
    return section(ctx, 'entities', 'Entities (' + entities.length + ')', [
      el('p', {
        class: 'hint',
        text: 'Names merged across outlets, with the other forms they appear in. Select a name to mark its mentions.',
      }),
      scrollTable(
        'Entities',
        'entities-table',
        columnHeads(['name', 'type', 'also called', 'roles', 'mentions']),
        entities.map(function (entity) {
          var made = selectable(
            ctx,
            'entity:' + entity.id,
            'entity ' + entity.name,
            function () {
              return entity.mentions.map(function (mention) {
                return {
                  article: mention.article,
                  start: mention.start,
                  end: mention.end,
                  tone: 'entity',
                  data: { 'data-entity': entity.id },
                };
              });
            },
            { class: 'entity-button' },
            entity.name,
          );
          var perArticle = new Map();
          entity.mentions.forEach(function (mention) {
            perArticle.set(mention.article, (perArticle.get(mention.article) || 0) + 1);
          });
          return el('tr', null, [
            el('th', { scope: 'row' }, made.button),
            el('td', { text: entity.type + (entity.outlet ? ', outlet' : '') }),
            el('td', { text: entity.aliases.join(', ') || '—' }),
            el('td', { text: entity.roles.join('; ') || '—' }),
            el('td', {
              text:
                entity.mentions.length +
                (perArticle.size
                  ? ' (' +
                    Array.from(perArticle.entries())
                      .map(function (entry) {
                        return outletOf(ctx, entry[0]) + ' ' + entry[1];
                      })
                      .join(', ') +
                    ')'
                  : ''),
            }),
          ]);
        }),
      ),
    ]);
  }

  // ---------------------------------------------------------------------------------------------

  window.triangulateRender = render;

  // Printing shows what is folded away (removed text, sources, single-article claims).
  var reopen = [];
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('.triangulate-report details:not([open])').forEach(function (node) {
      node.open = true;
      reopen.push(node);
    });
  });
  window.addEventListener('afterprint', function () {
    reopen.forEach(function (node) {
      node.open = false;
    });
    reopen = [];
  });

  function renderEmbedded() {
    var data = document.getElementById('report-data');
    var app = document.getElementById('app');
    if (!data || !app) return;
    var report;
    try {
      report = JSON.parse(data.textContent || '');
    } catch (error) {
      app.textContent = 'This report’s data could not be read: ' + error.message;
      return;
    }
    render(report, app);
  }

  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', renderEmbedded);
  else renderEmbedded();
})();
