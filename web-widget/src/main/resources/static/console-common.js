/*
 * Helpers shared by the agent console (agent.js) and the knowledge-base editor (editor.js): building DOM
 * nodes, calling the JSON API with Spring Security's CSRF cookie, and the notice bar. Both pages load this
 * file (deferred) before their own script, which reads it from window.LotseConsole.
 *
 * el() writes text with textContent only — never innerHTML — so server-provided strings are shown, not run.
 */
(() => {
  'use strict';

  // ---------------------------------------------------------------- DOM helpers

  const $ = (selector) => document.querySelector(selector);
  const enc = encodeURIComponent;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value == null || value === false) {
        continue;
      }
      if (key === 'class') {
        node.className = value;
      } else if (key === 'text') {
        node.textContent = value;
      } else if (key.startsWith('on')) {
        node.addEventListener(key.slice(2), value);
      } else {
        node.setAttribute(key, value === true ? '' : String(value));
      }
    }
    for (const child of children) {
      if (child != null && child !== false) {
        node.append(child); // strings become text nodes
      }
    }
    return node;
  }

  // ---------------------------------------------------------------- HTTP

  class ApiError extends Error {
    constructor(status, code, message, problems) {
      super(message);
      this.status = status;
      this.code = code;
      this.problems = Array.isArray(problems) ? problems : [];
    }
  }

  function csrfToken() {
    const cookie = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('XSRF-TOKEN='));
    return cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : null;
  }

  /** Any GET makes Spring Security send the XSRF-TOKEN cookie. */
  async function ensureCsrfCookie(headers) {
    if (!csrfToken()) {
      await fetch('/api/me', { credentials: 'same-origin', headers }).catch(() => {});
    }
    return csrfToken();
  }

  /**
   * Makes a page's API function. `loginPath`: where the browser goes when the session has ended (401), to sign
   * in again and come back; `networkMessage`: the error's message when the server cannot be reached;
   * `cookieRequestHeaders`: headers of the GET that fetches a missing CSRF cookie (optional).
   *
   * The function `api(method, path, body)` resolves with {status, data, headers} (data: the JSON answer, or null) and
   * rejects with an ApiError {status, code, message, problems}. A 403 csrf answer is retried once with a
   * fresh cookie.
   */
  function createApi({ loginPath, networkMessage, cookieRequestHeaders }) {
    async function api(method, path, body, isRetry) {
      const headers = { Accept: 'application/json' };
      if (method !== 'GET') {
        const token = await ensureCsrfCookie(cookieRequestHeaders);
        if (token) {
          headers['X-XSRF-TOKEN'] = token;
        }
      }
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
      }
      let response;
      try {
        response = await fetch(path, {
          method,
          headers,
          credentials: 'same-origin',
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (e) {
        throw new ApiError(0, 'network', networkMessage);
      }
      const text = await response.text();
      let data = null;
      if (text) {
        try {
          data = JSON.parse(text);
        } catch (e) {
          data = null;
        }
      }
      if (response.ok) {
        return { status: response.status, data, headers: response.headers };
      }
      if (response.status === 401) {
        location.assign(loginPath); // the session ended: sign in again, then come back here
        throw new ApiError(401, 'unauthorized', (data && data.message) || 'Sign in again.');
      }
      if (response.status === 403 && data && data.code === 'csrf' && !isRetry) {
        await fetch('/api/me', { credentials: 'same-origin' }).catch(() => {}); // refreshes the cookie
        return api(method, path, body, true);
      }
      throw new ApiError(response.status, (data && data.code) || `http_${response.status}`,
        (data && data.message) || `${response.status} ${response.statusText}`, data && data.problems);
    }
    return api;
  }

  // ---------------------------------------------------------------- article content

  /**
   * A bot answer's HTML (rendered and sanitised by the server from the article's Markdown) as new
   * elements, sanitised once more by DOMPurify with the product's allow-list (article-html.js, loaded
   * before this file).
   */
  function articleContent(html) {
    return LotseArticleHtml.fragment(html);
  }

  // ---------------------------------------------------------------- language and time

  const LANG_KEY = 'lotse.console.lang';

  /**
   * The console's language, 'de' or 'en': `?lang=` on the address, else the one chosen with the switch
   * (kept in localStorage), else the browser's.
   */
  function consoleLang() {
    const wanted = new URLSearchParams(location.search).get('lang');
    let stored = null;
    try {
      stored = localStorage.getItem(LANG_KEY);
    } catch (e) {
      stored = null;
    }
    const lang = String(wanted || stored || navigator.language || 'en').toLowerCase();
    return lang.startsWith('de') ? 'de' : 'en';
  }

  /** Remembers the language chosen with the switch and shows the page in it. */
  function switchLang(lang) {
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch (e) {
      // private mode: the address parameter still works
    }
    const url = new URL(location.href);
    url.searchParams.set('lang', lang);
    location.assign(url.toString());
  }

  /** Seconds as m:ss or h:mm:ss. */
  function duration(seconds) {
    const total = Math.max(0, Math.floor(seconds));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, '0');
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
  }

  // ---------------------------------------------------------------- notice

  /**
   * Wires the page's notice bar (an element with a `.notice-text` and a `.notice-close`) and returns its
   * functions. An 'info' notice hides itself after five seconds; an error stays until dismissed.
   */
  function createNotice(notice) {
    let noticeTimer = null;
    function showNotice(message, kind) {
      notice.classList.toggle('info', kind === 'info');
      notice.querySelector('.notice-text').textContent = String(message);
      notice.hidden = false;
      clearTimeout(noticeTimer);
      if (kind === 'info') {
        noticeTimer = setTimeout(hideNotice, 5000);
      }
    }

    function hideNotice() {
      clearTimeout(noticeTimer);
      notice.hidden = true;
    }

    function showError(error) {
      if (error && error.status === 401) {
        return; // already on the way to the login page
      }
      showNotice(error && error.message ? error.message : String(error));
    }

    notice.querySelector('.notice-close').addEventListener('click', hideNotice);
    return { showNotice, hideNotice, showError };
  }

  /**
   * Puts the page into the language of a text table: every [data-i18n] element's text, and the
   * [data-i18n-placeholder] and [data-i18n-aria-label] attributes.
   */
  function translatePage(lang, t) {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((node) => {
      const text = t[node.dataset.i18n];
      if (typeof text === 'string') {
        node.textContent = text;
      }
    });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((node) => {
      node.placeholder = t[node.dataset.i18nPlaceholder] || node.placeholder;
    });
    document.querySelectorAll('[data-i18n-aria-label]').forEach((node) => {
      node.setAttribute('aria-label', t[node.dataset.i18nAriaLabel] || node.getAttribute('aria-label'));
    });
  }

  /**
   * The console's live updates, /api/agent/events: `live(on)` hears whether the stream is open,
   * `onOpen` runs on every (re)connect (reload what may have been missed), and `handlers` get the
   * named events. When the browser gives up on the stream (the session ended, the server refused),
   * it is tried again here, 2 s later, then twice as long each time up to 30 s. Returns connect().
   */
  function liveEvents({ api, live, onOpen, handlers }) {
    let source = null;
    let timer = null;
    let delay = 2000;
    function connect() {
      clearTimeout(timer);
      if (source) {
        source.close();
      }
      const current = new EventSource('/api/agent/events');
      source = current;
      current.addEventListener('open', () => {
        live(true);
        delay = 2000;
        onOpen();
      });
      Object.entries(handlers).forEach(([name, handler]) => current.addEventListener(name, handler));
      current.addEventListener('error', () => {
        live(false);
        if (current.readyState === EventSource.CLOSED && source === current) {
          timer = setTimeout(() => {
            if (source === current) {
              delay = Math.min(delay * 2, 30000);
              api('GET', '/api/me').then(connect, connect);
            }
          }, delay);
        }
      });
    }
    return connect;
  }

  /** Shows in the header whether the live updates are on. */
  function showLive(node, on, t) {
    node.classList.toggle('on', on);
    node.textContent = on ? t.live : t.offline;
  }

  window.LotseConsole = Object.freeze({ translatePage, liveEvents, showLive, $, el, enc, ApiError, csrfToken, createApi, createNotice, articleContent,
    consoleLang, switchLang, duration });
})();
