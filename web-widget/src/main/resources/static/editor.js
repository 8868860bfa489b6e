/*
 * Lotse knowledge-base editor: list, create, edit and delete articles, and try a question: what the
 * bot would reply to a new customer, and why. Server-provided strings are written with textContent /
 * value only; a bot answer's sanitised HTML is rebuilt from an allowlist (LotseConsole.articleContent).
 */
(() => {
  'use strict';

  const { $, el, enc, createApi, createNotice, articleContent } = window.LotseConsole;

  const FIELDS = ['id', 'locale', 'title', 'questions', 'tags', 'category', 'type', 'body'];

  const ui = {
    me: $('[data-testid=me]'),
    notice: $('[data-testid=notice]'),
    list: $('[data-testid=articles]'),
    count: $('[data-testid=article-count]'),
    empty: $('[data-testid=articles-empty]'),
    localeFilter: $('[data-testid=locale-filter]'),
    textFilter: $('[data-testid=text-filter]'),
    newArticle: $('[data-testid=new-article]'),
    heading: $('[data-testid=form-heading]'),
    formState: $('[data-testid=form-state]'),
    form: $('[data-testid=article-form]'),
    problems: $('[data-testid=problems]'),
    save: $('[data-testid=save]'),
    revert: $('[data-testid=revert]'),
    remove: $('[data-testid=delete]'),
    searchForm: $('[data-testid=search-form]'),
    searchQ: $('[data-testid=search-q]'),
    searchLocale: $('[data-testid=search-locale]'),
    tryResult: $('[data-testid=try-result]'),
    tryOutcome: $('[data-testid=try-outcome]'),
    tryCalibrating: $('[data-testid=try-calibrating]'),
    tryReply: $('[data-testid=try-reply]'),
    tryReason: $('[data-testid=try-reason]'),
    results: $('[data-testid=search-results]'),
    searchEmpty: $('[data-testid=search-empty]'),
    field: Object.fromEntries(FIELDS.map((name) => [name, document.getElementById(`f-${name}`)])),
  };

  // ---------------------------------------------------------------- HTTP

  /** Calls the API; resolves with {status, data}, rejects with an ApiError {status, code, message, problems}. */
  const api = createApi({ loginPath: '/editor', networkMessage: 'The server cannot be reached. Check your connection.' });

  // ---------------------------------------------------------------- notice

  const { showNotice, hideNotice, showError } = createNotice(ui.notice);

  // ---------------------------------------------------------------- article list

  let articles = [];
  let selectedId = null; // id of the stored article in the form; null: a new one
  let original = null; // the form's content when loaded, to tell unsaved changes

  async function loadArticles() {
    const locale = ui.localeFilter.value;
    try {
      const { data } = await api('GET', `/api/articles${locale ? `?locale=${enc(locale)}` : ''}`);
      articles = Array.isArray(data) ? data.filter((a) => a && a.id) : [];
      addLocaleOptions(articles.map((a) => a.locale));
      renderList();
    } catch (e) {
      showError(e);
    }
  }

  function renderList() {
    const needle = ui.textFilter.value.trim().toLowerCase();
    const shown = articles.filter((a) => !needle
      || String(a.id).toLowerCase().includes(needle) || String(a.title || '').toLowerCase().includes(needle));
    ui.list.replaceChildren(...shown.map((article) => el('li', { class: 'item', 'aria-current': String(article.id === selectedId) },
      el('button', {
        type: 'button',
        class: 'item-main article-item',
        'data-testid': 'article-item',
        'data-article-id': article.id,
        onclick: () => openArticle(article.id),
      },
      el('span', { class: 'title', text: article.title || article.id }),
      el('span', { class: 'sub', text: [article.id, article.locale, article.type].filter(Boolean).join(' · ') })))));
    ui.count.textContent = String(shown.length);
    ui.empty.hidden = shown.length > 0;
  }

  /** Offers every language the knowledge base has, not only de and en, in both language selects. */
  function addLocaleOptions(locales) {
    for (const select of [ui.localeFilter, ui.searchLocale]) {
      const known = new Set([...select.options].map((o) => o.value));
      for (const locale of new Set(locales.filter((l) => typeof l === 'string' && /^[a-z]{2}$/.test(l)))) {
        if (!known.has(locale)) {
          select.append(el('option', { value: locale, text: locale }));
        }
      }
    }
  }

  ui.localeFilter.addEventListener('change', () => {
    if (ui.localeFilter.value) {
      ui.searchLocale.value = ui.localeFilter.value;
    }
    loadArticles();
  });
  ui.textFilter.addEventListener('input', renderList);

  // ---------------------------------------------------------------- form

  function readForm() {
    const f = ui.field;
    const lines = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean);
    return {
      id: f.id.value.trim(),
      locale: f.locale.value.trim().toLowerCase(),
      title: f.title.value.trim(),
      questions: lines(f.questions.value),
      tags: f.tags.value.split(',').map((tag) => tag.trim()).filter(Boolean),
      category: f.category.value.trim() || null,
      type: f.type.value,
      body: f.body.value,
    };
  }

  function fillForm(article) {
    const f = ui.field;
    f.id.value = article.id || '';
    f.locale.value = article.locale || '';
    f.title.value = article.title || '';
    f.questions.value = (article.questions || []).join('\n');
    f.tags.value = (article.tags || []).join(', ');
    f.category.value = article.category || '';
    f.type.value = article.type === 'troubleshooting' ? 'troubleshooting' : 'faq';
    f.body.value = article.body || '';
    original = JSON.stringify(readForm());
    clearProblems();
    updateFormState();
  }

  const isDirty = () => original !== null && JSON.stringify(readForm()) !== original;

  function updateFormState() {
    const editing = selectedId !== null;
    ui.heading.textContent = editing ? `Edit article “${selectedId}”` : 'New article';
    ui.field.id.readOnly = editing; // the id is the key: a different id is a different article
    ui.save.textContent = editing ? 'Save' : 'Create';
    ui.remove.disabled = !editing;
    const dirty = isDirty();
    ui.revert.disabled = !dirty;
    ui.formState.textContent = dirty ? 'Unsaved changes' : '';
    for (const item of ui.list.children) {
      const button = item.querySelector('[data-article-id]');
      item.setAttribute('aria-current', String(Boolean(button && button.dataset.articleId === selectedId)));
    }
  }

  function confirmDiscard() {
    return !isDirty() || window.confirm('Discard your unsaved changes?');
  }

  function newArticle() {
    if (!confirmDiscard()) {
      return;
    }
    selectedId = null;
    fillForm({ locale: ui.localeFilter.value || 'de', type: 'faq', questions: [], tags: [] });
    ui.field.id.focus();
  }

  async function openArticle(id) {
    if (id !== selectedId && !confirmDiscard()) {
      return;
    }
    try {
      const { data } = await api('GET', `/api/articles/${enc(id)}`);
      selectedId = data.id;
      fillForm(data);
      hideNotice();
    } catch (e) {
      showError(e);
      if (e.code === 'article_not_found') {
        loadArticles();
      }
    }
  }

  // ---------------------------------------------------------------- validation problems

  function clearProblems() {
    ui.problems.replaceChildren();
    ui.problems.hidden = true;
    for (const name of FIELDS) {
      ui.field[name].removeAttribute('aria-invalid');
      const error = document.getElementById(`f-${name}-error`);
      error.textContent = '';
      error.hidden = true;
    }
  }

  /** Shows `problems: [{field, message}]` of a 400 invalid_article at the fields and in a summary. */
  function showProblems(problems) {
    clearProblems();
    for (const problem of problems) {
      const fieldName = String(problem.field || '').split(/[[.]/)[0]; // "questions[3]" -> "questions"
      const input = ui.field[fieldName];
      const message = String(problem.message || '');
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        const error = document.getElementById(`f-${fieldName}-error`);
        error.textContent = error.textContent ? `${error.textContent} ${message}` : message;
        error.hidden = false;
      }
      ui.problems.append(el('li', {},
        input ? el('button', { type: 'button', class: 'linkish', text: String(problem.field), onclick: () => input.focus() })
          : el('strong', { text: String(problem.field || 'article') }),
        `: ${message}`));
    }
    ui.problems.hidden = problems.length === 0;
  }

  // ---------------------------------------------------------------- save, delete, revert

  ui.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const article = readForm();
    const editing = selectedId !== null;
    ui.save.disabled = true;
    try {
      const { status, data } = editing
        ? await api('PUT', `/api/articles/${enc(selectedId)}`, article)
        : await api('POST', '/api/articles', article);
      selectedId = (data && data.id) || article.id;
      fillForm(data || article);
      showNotice(status === 201 ? `Article “${selectedId}” created.` : `Article “${selectedId}” saved.`, 'info');
      await loadArticles();
      updateFormState();
    } catch (e) {
      if (e.code === 'invalid_article' && e.problems.length) {
        showProblems(e.problems);
        showNotice(e.message);
        const first = ui.form.querySelector('[aria-invalid=true]');
        if (first) {
          first.focus();
        }
      } else if (e.code === 'article_exists') {
        showProblems([{ field: 'id', message: e.message }]);
        showNotice(e.message);
      } else {
        showError(e);
      }
    } finally {
      ui.save.disabled = false;
    }
  });

  ui.remove.addEventListener('click', async () => {
    if (selectedId === null || !window.confirm(`Delete the article “${selectedId}”? This cannot be undone.`)) {
      return;
    }
    const id = selectedId;
    try {
      await api('DELETE', `/api/articles/${enc(id)}`);
      original = null; // nothing left to protect
      selectedId = null;
      fillForm({ locale: ui.localeFilter.value || 'de', type: 'faq' });
      showNotice(`Article “${id}” deleted.`, 'info');
      await loadArticles();
    } catch (e) {
      showError(e);
    }
  });

  ui.revert.addEventListener('click', () => {
    if (original !== null) {
      fillForm(JSON.parse(original));
    }
  });

  ui.newArticle.addEventListener('click', newArticle);
  ui.form.addEventListener('input', updateFormState);
  ui.form.addEventListener('change', updateFormState);
  window.addEventListener('beforeunload', (event) => {
    if (isDirty()) {
      event.preventDefault();
      event.returnValue = '';
    }
  });

  // ---------------------------------------------------------------- try a question

  const LANGUAGES = { de: 'German', en: 'English' };
  const HANDOFF_REASONS = {
    customer_request: 'the customer asks for a person',
    low_confidence: 'the bot could not answer',
    frustration: 'the customer is frustrated',
    guide_exhausted: 'the guide did not help',
  };

  /** One sentence on what the customer would get, from the reply's first message and the decision. */
  function outcomeText(preview) {
    const first = (Array.isArray(preview.messages) ? preview.messages : [])[0] || {};
    const language = LANGUAGES[preview.locale] || String(preview.locale || '');
    const percent = (value) => (typeof value === 'number' ? ` (confidence ${Math.round(value * 100)} %)` : '');
    if (preview.handoff) {
      return `Hands over to a person, in ${language}: ${HANDOFF_REASONS[preview.handoff] || preview.handoff}.`;
    }
    switch (first.kind) {
      case 'answer': return `Answers in ${language} with “${first.articleTitle || first.articleId}”${percent(first.confidence)}.`;
      case 'step': return `Starts the guide “${first.articleTitle || first.articleId}” in ${language}${percent(first.confidence)}.`;
      case 'clarify': return `Asks which article was meant, in ${language}.`;
      case 'no_answer': return `Has no answer and says so, in ${language}; a person is offered.`;
      case 'smalltalk': return `Replies with small talk, in ${language}.`;
      default: return `Replies in ${language}.`;
    }
  }

  /** The bot's messages as the customer would see them: answers rendered, other text as text, quick replies as labels. */
  function replyElements(messages) {
    return (Array.isArray(messages) ? messages : []).map((message) => {
      const body = typeof message.html === 'string' && (message.kind === 'answer' || message.kind === 'step')
        ? el('div', { class: 'frame-article' }, articleContent(message.html))
        : el('p', { text: String(message.text || '') });
      const replies = (Array.isArray(message.quickReplies) ? message.quickReplies : [])
        .map((reply) => el('span', { class: 'tag', text: String(reply.label || '') }));
      return el('div', { class: 'try-message', 'data-testid': 'try-message' }, body,
        replies.length ? el('p', { class: 'try-quick' }, ...replies) : null);
    });
  }

  ui.searchForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const q = ui.searchQ.value.trim();
    if (!q) {
      ui.searchQ.focus();
      return;
    }
    try {
      const { data } = await api('GET', `/api/bot/preview?q=${enc(q)}&locale=${enc(ui.searchLocale.value)}`);
      const preview = data && typeof data === 'object' ? data : {};
      const decision = preview.decision && typeof preview.decision === 'object' ? preview.decision : {};
      const candidates = (Array.isArray(decision.candidates) ? decision.candidates : []).filter((c) => c && c.articleId);
      const number = (value, digits) => (typeof value === 'number' ? value.toFixed(digits) : '');
      ui.tryOutcome.textContent = outcomeText(preview);
      ui.tryCalibrating.hidden = preview.calibrated !== false;
      ui.tryReply.replaceChildren(...replyElements(preview.messages));
      ui.tryReason.textContent = decision.reason ? `Why: ${decision.reason}` : '';
      ui.results.tBodies[0].replaceChildren(...candidates.map((c) => el('tr', { 'data-testid': 'search-hit', 'data-article-id': c.articleId },
        el('td', {}, el('button', { type: 'button', class: 'linkish', text: String(c.articleId), onclick: () => openArticle(c.articleId) })),
        el('td', { text: String(c.title || '') }),
        el('td', { class: 'num', text: typeof c.confidence === 'number' ? `${Math.round(c.confidence * 100)} %` : '' }),
        el('td', { class: 'num', text: number(c.score, 3) }))));
      ui.results.hidden = candidates.length === 0;
      // Small talk and the wish for a person are recognised without a search: nothing to weigh then.
      ui.searchEmpty.hidden = candidates.length > 0 || decision.band === 'intent';
      ui.tryResult.hidden = false;
      ui.tryResult.scrollIntoView({ block: 'nearest' });
    } catch (e) {
      showError(e);
    }
  });

  // ---------------------------------------------------------------- start

  async function start() {
    try {
      const { data } = await api('GET', '/api/me');
      ui.me.textContent = `Signed in as ${data.displayName || data.name} (${data.name})`;
      if (Array.isArray(data.roles) && !data.roles.includes('EDITOR') && !data.roles.includes('ADMIN')) {
        showNotice('Your account does not have the EDITOR role.');
      }
    } catch (e) {
      showError(e);
    }
    const browserLang = String(navigator.language || '').slice(0, 2).toLowerCase();
    ui.searchLocale.value = browserLang === 'en' ? 'en' : 'de';
    selectedId = null;
    fillForm({ locale: 'de', type: 'faq' });
    await loadArticles();
  }

  start();
})();
