/*
 * Lotse chat widget.
 *
 * Embed with one tag:
 *   <script src="https://support.example.com/widget.js" defer></script>
 * Optional attributes:
 *   data-lang="de|en"          language of the UI and the bot (default: <html lang>, else English)
 *   data-server="https://…"    origin of the Lotse server (default: the origin this script came from)
 *   data-identity="<JWT>"      the site's signed identity of the customer, passed on every connect
 *
 * Everything lives in an open Shadow DOM under <lotse-chat id="lotse-chat-host">: page CSS cannot
 * reach in and ours cannot leak out. The frames spoken over /ws/chat are described in docs/protocol.md.
 *
 * Exactly-once rendering, in short:
 *  - every stored frame has a `seq`; a frame whose seq was already rendered on this page is ignored;
 *  - a message the customer sends is shown at once as "pending", keyed by its client id, and kept in an
 *    outbox in localStorage; the `customer` frame carrying that id turns the pending bubble into the
 *    confirmed one (no second bubble) and removes it from the outbox;
 *  - after a dropped connection we reconnect with `after` = the highest seq rendered on this page and
 *    re-send unconfirmed outbox messages with the SAME id (the server ignores an id it already stored);
 *  - after a page reload nothing is rendered yet, so we resume without `after` and get the whole
 *    history once; pending bubbles restored from the outbox are confirmed by that replay as well;
 *  - a message left for the team (`contact`, while nobody can take the chat) is kept and re-sent the
 *    same way until its stored `contact` frame comes back; from then on the form is not offered again;
 *  - frames without a `seq` are live only (a `handoff` `queued` with the current place in the queue,
 *    the agent's `typing`): they change what is shown now and never touch the seq bookkeeping.
 *
 * Public API: window.LotseChat = { open(), close(), toggle(), newConversation(), state() }.
 */
(() => {
  'use strict';

  if (window.LotseChat) {
    return; // included twice: the first copy wins
  }

  const script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  const SERVER = serverOrigin();
  const WS_URL = SERVER.replace(/^http/i, 'ws') + '/ws/chat';
  const STORAGE_KEY = 'lotse-chat:' + SERVER;
  const LANG = pickLang((script && script.getAttribute('data-lang')) || document.documentElement.lang);
  const IDENTITY = ((script && script.getAttribute('data-identity')) || '').trim() || null;
  // The longest message the server takes; its welcome frame says (maxLength), this is until then.
  let maxLength = 2000;
  const MAX_EMAIL = 254;
  // One @, something before it and a dot in the domain: the same check as the server's.
  const EMAIL_PATTERN = /^[^@\s<>"]{1,64}@[^@\s<>"]+\.[^@\s<>"]{2,}$/;
  const PING_MS = 25000;
  const TYPING_TIMEOUT_MS = 20000;
  const AGENT_TYPING_MS = 4000; // the agent's "is typing" shows this long after their last keystroke
  const TYPING_SIGNAL_MS = 2000; // the customer's typing is told to the agent at most this often
  const RETRY_LATER_MS = 5000;
  const MAX_BACKOFF_MS = 30000;

  function serverOrigin() {
    const attr = script && script.getAttribute('data-server');
    try {
      if (attr) {
        return new URL(attr, location.href).origin;
      }
      if (script && script.src) {
        return new URL(script.src, location.href).origin;
      }
    } catch (e) {
      // an unusable attribute: fall back to the page's origin
    }
    return location.origin;
  }

  function pickLang(value) {
    return String(value || '').trim().slice(0, 2).toLowerCase() === 'de' ? 'de' : 'en';
  }

  // ---------------------------------------------------------------- texts

  const TEXTS = {
    de: {
      openChat: 'Chat öffnen',
      closeChat: 'Chat schließen',
      unread: (n) => (n === 1 ? '1 neue Nachricht' : `${n} neue Nachrichten`),
      title: 'Kundenservice',
      subtitleBot: 'Digitaler Assistent – antwortet sofort',
      subtitleQueued: (position) => (position ? `Warten auf einen Mitarbeiter – Position ${position}` : 'Warten auf einen Mitarbeiter'),
      subtitlePending: 'Nachricht an unser Team',
      subtitleAgent: (name) => (name ? `${name} vom Kundenservice` : 'Ein Mitarbeiter vom Kundenservice'),
      subtitleClosed: 'Chat beendet',
      intro: 'Hallo! Stellen Sie Ihre Frage – ich antworte sofort. Sie können jederzeit mit einem Menschen sprechen.',
      log: 'Chatverlauf',
      inputLabel: 'Ihre Nachricht',
      placeholder: 'Nachricht schreiben …',
      pendingPlaceholder: 'Weitere Nachricht an unser Team …',
      closedPlaceholder: 'Dieses Gespräch ist beendet.',
      send: 'Senden',
      human: 'Mit einem Menschen sprechen',
      backToBotButton: 'Zurück zum Assistenten',
      humanText: 'Ich möchte mit einem Mitarbeiter sprechen.',
      you: 'Sie',
      bot: 'Assistent',
      agentFallback: 'Mitarbeiter',
      article: 'Artikel',
      quickReplies: 'Antwortvorschläge',
      sending: 'wird gesendet …',
      notSent: 'nicht gesendet',
      typing: 'Der Assistent schreibt …',
      agentTyping: (name) => `${name || 'Ein Mitarbeiter'} schreibt …`,
      queued: (position, wait) => 'Sie sind in der Warteschlange'
        + (position ? ` – Position ${position}` : '')
        + (wait != null ? `, geschätzte Wartezeit ${waitText(wait)}` : '') + '.',
      queuedNote: 'Sie warten auf einen Mitarbeiter.',
      transferred: 'Sie werden mit einem Kollegen aus dem passenden Team verbunden. Sie müssen nichts wiederholen.',
      waitUnderMinute: 'unter einer Minute',
      waitMinutes: (min) => (min === 1 ? 'etwa 1 Minute' : `etwa ${min} Minuten`),
      joined: (name) => (name ? `${name} ist dem Chat beigetreten.` : 'Ein Mitarbeiter ist dem Chat beigetreten.'),
      closed: 'Der Chat wurde beendet.',
      closedAbandoned: 'Dieser Chat ist beendet, weil Sie eine Weile nicht da waren.',
      offlineNoAgent: 'Gerade ist niemand aus unserem Team erreichbar.',
      offlineOutsideHours: 'Sie erreichen uns gerade außerhalb unserer Servicezeiten.',
      offlineLeaveMessage: 'Hinterlassen Sie uns eine Nachricht – wir antworten per E-Mail.',
      offlineHours: (hours, zone) => `Unsere Servicezeiten: ${hours}${zone ? ` (${zone})` : ''}.`,
      offlineNext: (when) => `Wieder für Sie da: ${when}.`,
      days: { MON: 'Mo', TUE: 'Di', WED: 'Mi', THU: 'Do', FRI: 'Fr', SAT: 'Sa', SUN: 'So' },
      contactForm: 'Nachricht an unser Team',
      contactEmail: 'Ihre E-Mail-Adresse',
      contactEmailPlaceholder: 'name@beispiel.de',
      contactText: 'Ihre Nachricht',
      contactSend: 'Nachricht senden',
      contactSending: 'Wird gesendet …',
      contactInvalidEmail: 'Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@beispiel.de.',
      contactEmptyText: 'Bitte schreiben Sie uns, wobei wir helfen können.',
      contactThanks: (email) => `Danke, wir haben Ihre Nachricht erhalten und antworten an ${email}.`,
      backToBot: 'Der Assistent ist wieder für Sie da.',
      unavailable: 'Unsere Mitarbeiter sind gerade nicht erreichbar. Der Assistent hilft Ihnen weiter.',
      connecting: 'Verbindung wird hergestellt …',
      reconnecting: 'Verbindung unterbrochen – neuer Versuch …',
      busy: 'Gerade sind sehr viele im Chat. Bitte einen Moment Geduld – wir versuchen es gleich erneut.',
      rateQuestion: 'Wie zufrieden waren Sie mit diesem Chat?',
      rateLabel: (n) => `${n} von 5 Sternen`,
      thanks: 'Vielen Dank für Ihre Bewertung!',
      newConversation: 'Neues Gespräch beginnen',
      dismiss: 'Hinweis schließen',
      errors: {
        get message_too_long() { return `Ihre Nachricht ist zu lang (höchstens ${maxLength} Zeichen).`; },
        rate_limited: 'Sie senden sehr schnell. Ihre Nachricht wird gleich erneut gesendet.',
        conversation_closed: 'Dieses Gespräch ist beendet. Beginnen Sie bitte ein neues Gespräch.',
        invalid_token: 'Ihr früheres Gespräch ist nicht mehr verfügbar. Wir haben ein neues begonnen.',
        unavailable: 'Der Dienst ist gerade nicht erreichbar. Ihre Nachricht wird gleich erneut gesendet.',
        busy: 'Gerade sind sehr viele im Chat. Bitte einen Moment Geduld – wir versuchen es gleich erneut.',
        invalid_rating: 'Die Bewertung konnte nicht gespeichert werden.',
        invalid_message: 'Diese Nachricht konnte nicht gesendet werden.',
        generic: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
      },
    },
    en: {
      openChat: 'Open chat',
      closeChat: 'Close chat',
      unread: (n) => (n === 1 ? '1 new message' : `${n} new messages`),
      title: 'Customer service',
      subtitleBot: 'Digital assistant – answers immediately',
      subtitleQueued: (position) => (position ? `Waiting for a person – position ${position}` : 'Waiting for a person'),
      subtitlePending: 'Message for our team',
      subtitleAgent: (name) => (name ? `${name} from customer service` : 'Someone from customer service'),
      subtitleClosed: 'Chat ended',
      intro: 'Hello! Ask your question and I will answer right away. You can talk to a person at any time.',
      log: 'Chat history',
      inputLabel: 'Your message',
      placeholder: 'Write a message …',
      pendingPlaceholder: 'Add something for our team …',
      closedPlaceholder: 'This conversation has ended.',
      send: 'Send',
      human: 'Talk to a person',
      backToBotButton: 'Back to the assistant',
      humanText: 'I would like to talk to a person.',
      you: 'You',
      bot: 'Assistant',
      agentFallback: 'Agent',
      article: 'Article',
      quickReplies: 'Suggested replies',
      sending: 'sending …',
      notSent: 'not sent',
      typing: 'The assistant is typing …',
      agentTyping: (name) => `${name || 'Someone from our team'} is typing …`,
      queued: (position, wait) => 'You are in the queue'
        + (position ? ` – position ${position}` : '')
        + (wait != null ? `, estimated wait ${waitText(wait)}` : '') + '.',
      queuedNote: 'You are waiting for a person from our team.',
      transferred: 'You are being connected to a colleague from the right team. You will not need to repeat anything.',
      waitUnderMinute: 'less than a minute',
      waitMinutes: (min) => (min === 1 ? 'about 1 minute' : `about ${min} minutes`),
      joined: (name) => (name ? `${name} joined the chat.` : 'Someone from our team joined the chat.'),
      closed: 'The chat has ended.',
      closedAbandoned: 'This chat has ended because you were away for a while.',
      offlineNoAgent: 'Right now nobody from our team is available.',
      offlineOutsideHours: 'You are reaching us outside our service hours.',
      offlineLeaveMessage: 'Leave us a message and we will answer by e-mail.',
      offlineHours: (hours, zone) => `Our service hours: ${hours}${zone ? ` (${zone})` : ''}.`,
      offlineNext: (when) => `Back for you: ${when}.`,
      days: { MON: 'Mon', TUE: 'Tue', WED: 'Wed', THU: 'Thu', FRI: 'Fri', SAT: 'Sat', SUN: 'Sun' },
      contactForm: 'Message for our team',
      contactEmail: 'Your e-mail address',
      contactEmailPlaceholder: 'name@example.com',
      contactText: 'Your message',
      contactSend: 'Send message',
      contactSending: 'Sending …',
      contactInvalidEmail: 'Please enter a valid e-mail address, for example name@example.com.',
      contactEmptyText: 'Please tell us what we can help with.',
      contactThanks: (email) => `Thanks, we got your message and will answer to ${email}.`,
      backToBot: 'The assistant is back for you.',
      unavailable: 'Our agents cannot be reached right now. The assistant keeps helping you.',
      connecting: 'Connecting …',
      reconnecting: 'Connection lost – trying again …',
      busy: 'We are very busy right now. Please bear with us – we will try again in a moment.',
      rateQuestion: 'How satisfied were you with this chat?',
      rateLabel: (n) => `${n} of 5 stars`,
      thanks: 'Thank you for your rating!',
      newConversation: 'Start a new conversation',
      dismiss: 'Dismiss notice',
      errors: {
        get message_too_long() { return `Your message is too long (at most ${maxLength} characters).`; },
        rate_limited: 'You are sending messages very fast. Your message will be sent again in a moment.',
        conversation_closed: 'This conversation has ended. Please start a new one.',
        invalid_token: 'Your earlier conversation is no longer available. We started a new one.',
        unavailable: 'The service cannot be reached right now. Your message will be sent again in a moment.',
        busy: 'We are very busy right now. Please bear with us – we will try again in a moment.',
        invalid_rating: 'The rating could not be saved.',
        invalid_message: 'This message could not be sent.',
        generic: 'Something went wrong. Please try again.',
      },
    },
  };
  const t = TEXTS[LANG];

  /** An estimate in words; "under a minute" only when the estimate really is below 60 seconds. */
  function waitText(seconds) {
    const value = Number(seconds);
    return value < 60 ? t.waitUnderMinute : t.waitMinutes(Math.max(1, Math.round(value / 60)));
  }

  const DAY_NAMES = { MONDAY: 'MON', TUESDAY: 'TUE', WEDNESDAY: 'WED', THURSDAY: 'THU', FRIDAY: 'FRI', SATURDAY: 'SAT', SUNDAY: 'SUN' };

  /** Business hours as configured ("MON-FRI 08:00-18:00; SAT 10:00-14:00") in the page's language. */
  function hoursText(spec) {
    return String(spec).replace(/[A-Za-z]+/g, (word) => {
      const upper = word.toUpperCase();
      const key = DAY_NAMES[upper] || upper;
      return t.days[key] || word;
    }).replace(/\s*-\s*/g, '–').replace(/\s*;\s*/g, ', ');
  }

  /** An instant as weekday, date and time in the team's time zone (the browser's when that is unknown). */
  function openingText(instant, timeZone) {
    const date = new Date(instant);
    if (Number.isNaN(date.getTime())) {
      return null;
    }
    const options = { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' };
    try {
      return new Intl.DateTimeFormat(LANG, { ...options, timeZone: timeZone || undefined }).format(date);
    } catch (e) {
      return new Intl.DateTimeFormat(LANG, options).format(date); // a zone this browser does not know
    }
  }

  // ---------------------------------------------------------------- persisted state

  const storage = {
    load() {
      try {
        const value = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || 'null');
        return value && typeof value === 'object' ? value : {};
      } catch (e) {
        return {}; // storage blocked or garbage: start clean
      }
    },
    save(value) {
      try {
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify(value));
      } catch (e) {
        // storage blocked or full: the chat still works, it just will not survive a reload
      }
    },
  };

  const saved = storage.load();
  const validItem = (i) => i && typeof i.id === 'string' && typeof i.text === 'string';
  const validContact = (c) => validItem(c) && typeof c.email === 'string';

  const s = {
    token: typeof saved.token === 'string' ? saved.token : null,
    conversationId: typeof saved.conversationId === 'string' ? saved.conversationId : null,
    status: typeof saved.status === 'string' ? saved.status : null,
    // Highest seq ever rendered for this conversation, persisted. Used only to tell new frames from
    // replayed ones (the unread badge); a reload replays the whole history, see `lastSeq`.
    seenSeq: Number(saved.lastSeq) || 0,
    // Messages sent but not yet confirmed by a `customer` frame: {id, text, payload, conn}.
    // `conn` (not persisted) is the connection serial the item was last sent on.
    outbox: Array.isArray(saved.outbox)
      ? saved.outbox.filter(validItem).map((i) => ({ id: i.id, text: i.text, payload: i.payload || null, conn: 0 }))
      : [],
    // The message left for the team while nobody could take the chat, until its `contact` frame
    // confirms it: {id, email, text, conn}, persisted so that a reload does not lose it.
    contactOut: validContact(saved.contactOut)
      ? { id: saved.contactOut.id, email: saved.contactOut.email, text: saved.contactOut.text, conn: 0 }
      : null,
    // A message for the team was stored in this conversation: the form is not offered again.
    contactLeft: saved.contactLeft === true,
    open: saved.open === true,
    lastSeq: 0, // highest seq rendered on this page: the `after` of a reconnect
    rendered: new Set(), // seqs rendered on this page
    connected: false, // a welcome arrived on the current socket
    agentName: null,
    queue: null, // {position, wait} of the last `queued` frame, stored or live
    offline: null, // {reason, businessHours, timeZone, nextOpening} of the last `offline` frame
    lastHandoff: null, // status of the last handoff frame rendered on this page
    cancelSent: false, // "back to the bot" was asked for; the answer is still due
    cancelRefused: false, // the server said we are not waiting (any more): no "back to the bot"
    handoffUnavailable: false,
    ratingRequested: false,
    rated: false,
    ratingSent: false,
    unread: 0,
  };

  function persist() {
    storage.save({
      token: s.token,
      conversationId: s.conversationId,
      status: s.status,
      lastSeq: s.seenSeq,
      outbox: s.outbox.map(({ id, text, payload }) => ({ id, text, payload })),
      contactOut: s.contactOut && { id: s.contactOut.id, email: s.contactOut.email, text: s.contactOut.text },
      contactLeft: s.contactLeft,
      open: s.open,
    });
  }

  // ---------------------------------------------------------------- DOM helpers

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value == null || value === false) {
        continue;
      }
      if (key === 'class') {
        el.className = value;
      } else if (key === 'text') {
        el.textContent = value;
      } else if (key.startsWith('on')) {
        el.addEventListener(key.slice(2), value);
      } else {
        el.setAttribute(key, value === true ? '' : String(value));
      }
    }
    for (const child of children) {
      if (child != null) {
        el.append(child); // strings become text nodes, never markup
      }
    }
    return el;
  }

  function esc(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }

  /**
   * The bot's `html` is rendered and sanitised by the server. As a second line of defence it goes through
   * DOMPurify with the product's allow-list (LotseArticleHtml, bundled into this script by the server):
   * images only from the page's or the Lotse server's origin, links only http(s), mailto or relative.
   */
  function safeFragment(html) {
    return LotseArticleHtml.fragment(html, [SERVER]);
  }

  // ---------------------------------------------------------------- shadow DOM

  const ICONS = {
    chat: '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" fill="currentColor"/></svg>',
    close: '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" fill="none"/></svg>',
    send: '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M3 20.5l18-8.5L3 3.5l2.5 7L15 12l-9.5 1.5z" fill="currentColor"/></svg>',
    person: '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="8" r="4" fill="currentColor"/><path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7z" fill="currentColor"/></svg>',
    bot: '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><rect x="4" y="7" width="16" height="12" rx="3" fill="currentColor"/><circle cx="9" cy="13" r="1.6" fill="#fff"/><circle cx="15" cy="13" r="1.6" fill="#fff"/><path d="M12 3v4" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>',
  };

  const CSS = `
    :host { all: initial !important; display: block !important; position: static !important; }
    *, *::before, *::after { box-sizing: border-box; }
    [hidden] { display: none !important; }
    .lotse {
      --accent: #0f766e; --accent-dark: #115e59; --accent-soft: #ccfbf1;
      --ink: #1f2933; --muted: #5b6776; --line: #e2e8f0; --bg: #ffffff; --bubble: #f1f5f9;
      --agent: #eef2ff; --agent-ink: #3730a3; --danger: #b42318; --focus: #f59e0b;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
      font-size: 15px; line-height: 1.45; color: var(--ink); font-weight: 400; letter-spacing: normal;
      text-align: left; -webkit-font-smoothing: antialiased;
    }
    button, textarea { font: inherit; color: inherit; letter-spacing: inherit; }
    button { cursor: pointer; }
    button:disabled { cursor: not-allowed; opacity: .55; }
    :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    svg { width: 1.25em; height: 1.25em; display: block; flex: none; }
    .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
      clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

    .launcher {
      position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; width: 60px; height: 60px;
      border: 0; border-radius: 50%; background: var(--accent); color: #fff; padding: 0; margin: 0;
      display: grid; place-items: center; box-shadow: 0 6px 20px rgba(15, 23, 42, .28);
      transition: transform .15s ease, background .15s ease;
    }
    .launcher:hover { background: var(--accent-dark); transform: translateY(-2px); }
    .launcher svg { width: 28px; height: 28px; }
    .launcher .icon-close { display: none; }
    .is-open .launcher .icon-close { display: block; }
    .is-open .launcher .icon-chat { display: none; }
    .badge {
      position: absolute; top: -2px; right: -2px; min-width: 22px; height: 22px; padding: 0 6px;
      border-radius: 11px; background: var(--danger); color: #fff; font-size: 12px; font-weight: 700;
      line-height: 22px; text-align: center; border: 2px solid #fff;
    }

    .window {
      position: fixed; right: 20px; bottom: 92px; z-index: 2147483000;
      width: 380px; max-width: calc(100vw - 40px); height: min(620px, calc(100vh - 112px));
      display: flex; flex-direction: column; overflow: hidden; background: var(--bg);
      border-radius: 16px; border: 1px solid var(--line); box-shadow: 0 18px 48px rgba(15, 23, 42, .25);
      /* no opening animation: a window that is transparent or moving while it opens is not yet
         "displayed" for WebDriver, and controls should never move under the pointer */
    }

    .head { display: flex; align-items: center; gap: 12px; padding: 14px 14px 14px 16px;
      background: var(--accent); color: #fff; }
    .avatar { width: 38px; height: 38px; border-radius: 50%; background: rgba(255,255,255,.18);
      display: grid; place-items: center; flex: none; }
    .avatar svg { width: 22px; height: 22px; }
    .titles { flex: 1; min-width: 0; }
    .titles h2 { margin: 0; font-size: 16px; font-weight: 650; line-height: 1.25; color: #fff; }
    .titles p { margin: 2px 0 0; font-size: 13px; opacity: .9; }
    .icon-btn { border: 0; background: transparent; color: #fff; width: 36px; height: 36px; padding: 0; margin: 0;
      border-radius: 8px; display: grid; place-items: center; }
    .icon-btn:hover { background: rgba(255,255,255,.16); }
    .icon-btn:focus-visible { outline-color: #fff; }

    .status { margin: 0; padding: 8px 16px; background: var(--accent-soft); color: #134e4a; font-size: 13.5px;
      border-bottom: 1px solid #99f6e4; }
    .conn { margin: 0; padding: 6px 16px; font-size: 12.5px; color: #7c2d12; background: #ffedd5; }

    .messages { flex: 1; overflow-y: auto; padding: 16px 14px 8px; display: flex; flex-direction: column; gap: 10px;
      background: #fbfcfd; overscroll-behavior: contain; }
    .messages:focus-visible { outline-offset: -3px; }
    .intro { margin: 0 0 4px; padding: 10px 12px; border-radius: 12px; background: var(--bubble); color: var(--muted);
      font-size: 14px; }
    .msg { display: flex; flex-direction: column; max-width: 86%; gap: 3px; }
    .msg .who { font-size: 12px; color: var(--muted); font-weight: 600; padding: 0 4px; }
    .bubble { padding: 9px 12px; border-radius: 14px; overflow-wrap: anywhere; }
    .customer { align-self: flex-end; align-items: flex-end; }
    .customer .bubble { background: var(--accent); color: #fff; border-bottom-right-radius: 4px; white-space: pre-wrap; }
    .customer.pending .bubble { opacity: .72; }
    .customer.failed .bubble { background: #fee4e2; color: var(--danger); }
    .customer .meta { font-size: 11.5px; color: var(--muted); padding: 0 4px; }
    .customer.failed .meta { color: var(--danger); }
    .bot, .agent { align-self: flex-start; }
    .bot .bubble { background: var(--bubble); border-bottom-left-radius: 4px; }
    .agent .bubble { background: var(--agent); border-bottom-left-radius: 4px; white-space: pre-wrap; }
    .agent .who { color: var(--agent-ink); }
    .article-title { font-weight: 650; margin-bottom: 4px; }
    .content > :first-child { margin-top: 0; }
    .content > :last-child { margin-bottom: 0; }
    .content p, .content ul, .content ol, .content pre, .content blockquote { margin: 0 0 8px; }
    .content ul, .content ol { padding-left: 20px; }
    .content li { margin: 2px 0; }
    .content a { color: var(--accent-dark); text-decoration: underline; }
    .content code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em;
      background: rgba(15,23,42,.07); padding: 1px 4px; border-radius: 4px; }
    .content pre { overflow-x: auto; padding: 8px; background: rgba(15,23,42,.07); border-radius: 6px; }
    .content img { max-width: 100%; height: auto; }
    .content h1, .content h2, .content h3, .content h4 { font-size: 1em; margin: 0 0 6px; }

    .quick { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; }
    .quick button, .end button.secondary {
      border: 1.5px solid var(--accent); background: #fff; color: var(--accent-dark); border-radius: 999px;
      padding: 6px 12px; font-size: 13.5px; margin: 0; line-height: 1.3;
    }
    .quick button:hover, .end button.secondary:hover { background: var(--accent-soft); }

    .sys { align-self: center; margin: 2px 0; padding: 4px 10px; border-radius: 999px; background: #f1f5f9;
      color: var(--muted); font-size: 12.5px; text-align: center; max-width: 92%; }

    .typing { align-self: flex-start; display: flex; align-items: center; gap: 4px; padding: 10px 12px;
      border-radius: 14px; background: var(--bubble); }
    .typing .typing-label { font-size: 13px; color: var(--muted); margin-right: 4px; }
    .typing span.dot { width: 7px; height: 7px; border-radius: 50%; background: #94a3b8; animation: blink 1.2s infinite; }
    .typing span.dot:nth-of-type(3) { animation-delay: .2s; }
    .typing span.dot:nth-of-type(4) { animation-delay: .4s; }

    .card { align-self: stretch; padding: 12px 14px; border-radius: 12px; border: 1px solid var(--line); background: #fff;
      font-size: 14px; }
    .card p { margin: 0 0 6px; }
    .card p:last-child { margin-bottom: 0; }
    .offline { border-color: #fcd9a8; background: #fffaf2; }
    .offline .lead { font-weight: 650; }
    .offline .hours { color: var(--muted); font-size: 13px; }
    .contact-done { border-color: #99f6e4; background: #f0fdfa; }
    .contact-done .quote { color: var(--muted); white-space: pre-wrap; overflow-wrap: anywhere;
      border-left: 3px solid #99f6e4; padding-left: 8px; }
    .contact { display: flex; flex-direction: column; gap: 8px; }
    .contact h3 { margin: 0; font-size: 14px; font-weight: 650; }
    .contact label { font-size: 13px; font-weight: 600; color: var(--ink); }
    .contact .field { display: flex; flex-direction: column; gap: 4px; }
    .contact input, .contact textarea {
      font: inherit; font-size: 15px; color: var(--ink); background: #fff; margin: 0; width: 100%;
      padding: 9px 11px; border: 1.5px solid #cbd5e1; border-radius: 10px; line-height: 1.4;
    }
    .contact textarea { resize: vertical; min-height: 84px; max-height: 220px; }
    .contact input:focus, .contact textarea:focus { border-color: var(--accent); outline: none;
      box-shadow: 0 0 0 3px rgba(15,118,110,.25); }
    .contact [aria-invalid=true] { border-color: var(--danger); }
    .contact .field-error { margin: 0; font-size: 12.5px; color: var(--danger); }
    .contact button.primary { align-self: flex-end; border: 0; border-radius: 999px; background: var(--accent); color: #fff;
      padding: 8px 16px; font-size: 14px; font-weight: 600; margin: 0; }
    .contact button.primary:hover:not(:disabled) { background: var(--accent-dark); }
    @keyframes blink { 0%, 80%, 100% { opacity: .3; } 40% { opacity: 1; } }

    .end { align-self: stretch; display: flex; flex-direction: column; align-items: center; gap: 10px;
      padding: 12px; border: 1px solid var(--line); border-radius: 12px; background: #fff; margin-top: 4px; }
    .end p { margin: 0; font-size: 14px; text-align: center; }
    .stars { display: flex; gap: 4px; }
    .stars button { border: 0; background: transparent; padding: 2px 4px; margin: 0; font-size: 28px; line-height: 1;
      color: #cbd5e1; border-radius: 6px; }
    .stars button.lit, .stars button.chosen { color: #f59e0b; }

    .notice { margin: 0; padding: 8px 12px 8px 16px; display: flex; gap: 8px; align-items: flex-start;
      background: #fef3f2; color: var(--danger); font-size: 13px; border-top: 1px solid #fecdca; }
    .notice span { flex: 1; }
    .notice button { border: 0; background: transparent; color: inherit; padding: 0 4px; margin: 0; font-size: 16px;
      line-height: 1; border-radius: 4px; }

    .bar { padding: 8px 12px 0; display: flex; justify-content: center; gap: 8px; border-top: 1px solid var(--line); }
    .bar.alone { padding-bottom: 10px; }
    .human { display: inline-flex; align-items: center; gap: 6px; border: 0; background: transparent;
      color: var(--accent-dark); font-size: 13.5px; font-weight: 600; padding: 4px 10px; margin: 0; border-radius: 999px; }
    .human:hover:not(:disabled) { background: var(--accent-soft); }
    .human svg { width: 16px; height: 16px; }

    .composer { display: flex; align-items: flex-end; gap: 8px; padding: 8px 12px 12px; margin: 0; }
    .composer textarea {
      flex: 1; resize: none; min-height: 42px; max-height: 132px; padding: 10px 12px; margin: 0;
      border: 1.5px solid #cbd5e1; border-radius: 12px; background: #fff; color: var(--ink); line-height: 1.4;
      font-size: 15px; overflow-y: auto;
    }
    .composer textarea:focus { border-color: var(--accent); outline: none; box-shadow: 0 0 0 3px rgba(15,118,110,.25); }
    .composer textarea:focus-visible { outline: none; }
    .composer textarea:disabled { background: #f1f5f9; }
    .send { width: 42px; height: 42px; border: 0; border-radius: 12px; background: var(--accent); color: #fff;
      display: grid; place-items: center; padding: 0; margin: 0; flex: none; }
    .send:hover:not(:disabled) { background: var(--accent-dark); }

    @media (max-width: 479.98px) {
      .window { inset: 0; width: 100%; max-width: none; height: 100%; height: 100dvh; border-radius: 0; border: 0; }
      .is-open .launcher { display: none; }
      .msg { max-width: 92%; }
    }
    @media (prefers-reduced-motion: reduce) {
      .typing span.dot, .launcher { animation: none; transition: none; }
    }
  `;

  const host = document.createElement('lotse-chat');
  host.id = 'lotse-chat-host';
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `
    <div class="lotse" lang="${LANG}">
      <button type="button" class="launcher" data-testid="launcher" aria-haspopup="dialog" aria-expanded="false"
          aria-controls="lotse-window" aria-label="${esc(t.openChat)}">
        <span class="icon-chat">${ICONS.chat}</span><span class="icon-close">${ICONS.close}</span>
        <span class="badge" data-testid="unread" aria-hidden="true" hidden></span>
      </button>
      <section id="lotse-window" class="window" role="dialog" aria-modal="false" aria-labelledby="lotse-title"
          aria-describedby="lotse-subtitle" data-testid="window" hidden>
        <header class="head">
          <span class="avatar" data-testid="avatar" aria-hidden="true">${ICONS.bot}</span>
          <div class="titles">
            <h2 id="lotse-title">${esc(t.title)}</h2>
            <p id="lotse-subtitle" data-testid="subtitle">${esc(t.subtitleBot)}</p>
          </div>
          <button type="button" class="icon-btn" data-testid="close" aria-label="${esc(t.closeChat)}">${ICONS.close}</button>
        </header>
        <p class="status" data-testid="status" role="status" hidden></p>
        <div class="messages" data-testid="messages" role="log" aria-live="polite" aria-relevant="additions text"
            aria-label="${esc(t.log)}" tabindex="0">
          <p class="intro" data-testid="intro">${esc(t.intro)}</p>
        </div>
        <p class="conn" data-testid="connection" role="status" hidden></p>
        <div class="notice" data-testid="notice" role="alert" hidden>
          <span></span><button type="button" aria-label="${esc(t.dismiss)}">&times;</button>
        </div>
        <div class="bar">
          <button type="button" class="human" data-testid="human">${ICONS.person}<span>${esc(t.human)}</span></button>
          <button type="button" class="human" data-testid="back-to-bot" hidden>${ICONS.bot}<span>${esc(t.backToBotButton)}</span></button>
        </div>
        <form class="composer" data-testid="composer" novalidate>
          <label class="sr-only" for="lotse-input">${esc(t.inputLabel)}</label>
          <textarea id="lotse-input" data-testid="input" rows="1" autocomplete="off" enterkeyhint="send"
              placeholder="${esc(t.placeholder)}"></textarea>
          <button type="submit" class="send" data-testid="send" aria-label="${esc(t.send)}">${ICONS.send}</button>
        </form>
      </section>
    </div>`;

  // A constructed stylesheet where supported (not blocked by a page's CSP for inline styles), else <style>.
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = CSS;
    root.prepend(style);
  }

  const $ = (selector) => root.querySelector(selector);
  const ui = {
    wrap: $('.lotse'),
    launcher: $('[data-testid=launcher]'),
    badge: $('[data-testid=unread]'),
    window: $('[data-testid=window]'),
    close: $('[data-testid=close]'),
    status: $('[data-testid=status]'),
    list: $('[data-testid=messages]'),
    conn: $('[data-testid=connection]'),
    notice: $('[data-testid=notice]'),
    avatar: $('[data-testid=avatar]'),
    subtitle: $('[data-testid=subtitle]'),
    bar: $('.bar'),
    human: $('[data-testid=human]'),
    back: $('[data-testid=back-to-bot]'),
    form: $('[data-testid=composer]'),
    input: $('[data-testid=input]'),
    send: $('[data-testid=send]'),
  };

  // ---------------------------------------------------------------- message list

  const pendingEls = new Map(); // client id -> pending customer element
  const typingLabel = h('span', { class: 'sr-only', text: t.typing });
  const typingEl = h('div', { class: 'typing tail', 'data-testid': 'typing' }, typingLabel,
    h('span', { class: 'dot', 'aria-hidden': 'true' }), h('span', { class: 'dot', 'aria-hidden': 'true' }),
    h('span', { class: 'dot', 'aria-hidden': 'true' }));
  let typingTimer = null;
  let endEl = null;
  let contactEl = null;

  function atBottom() {
    const list = ui.list;
    return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  }

  /** Runs a change to the list and keeps it scrolled to the bottom if it was there (or `force`). */
  function changeList(fn, force) {
    const wasAtBottom = atBottom();
    fn();
    if (force || wasAtBottom) {
      ui.list.scrollTop = ui.list.scrollHeight;
      stickToBottom = true;
    }
  }

  // The list gets shorter whenever something appears around it (the waiting banner, a notice, the
  // on-screen keyboard, a phone turned): a reader at the bottom stays at the bottom, so the last
  // message never ends up hidden behind the banner or the composer.
  let stickToBottom = true;
  ui.list.addEventListener('scroll', () => {
    stickToBottom = atBottom();
  }, { passive: true });
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(() => {
      if (stickToBottom) {
        ui.list.scrollTop = ui.list.scrollHeight;
      }
    }).observe(ui.list);
  }

  /**
   * Inserts a stored frame's element in seq order. Elements marked `tail` (pending messages, the typing
   * dots, the end-of-chat block) always stay below the stored frames.
   */
  function place(el, seq) {
    let before = null;
    for (const child of ui.list.children) {
      if (child !== el && (child.classList.contains('tail') || Number(child.dataset.seq) > seq)) {
        before = child;
        break;
      }
    }
    ui.list.insertBefore(el, before);
  }

  function addStored(el, seq) {
    el.setAttribute('data-seq', String(seq));
    changeList(() => place(el, seq));
  }

  function customerEl(text) {
    return h('div', { class: 'msg customer', 'data-testid': 'msg-customer' },
      h('span', { class: 'sr-only', text: t.you + ': ' }),
      h('div', { class: 'bubble', text }));
  }

  function renderPending(item) {
    const el = customerEl(item.text);
    el.classList.add('pending', 'tail');
    el.setAttribute('data-client-id', item.id);
    el.append(h('div', { class: 'meta', text: t.sending }));
    pendingEls.set(item.id, el);
    changeList(() => {
      // below confirmed frames and earlier pending messages, above the typing dots and the end block
      const firstOtherTail = [...ui.list.children].find((c) => c.classList.contains('tail') && !c.classList.contains('pending'));
      ui.list.insertBefore(el, firstOtherTail || null);
    }, true);
  }

  function markFailed(id) {
    const el = pendingEls.get(id);
    if (!el) {
      return;
    }
    pendingEls.delete(id);
    el.classList.remove('pending', 'tail'); // no longer "below everything": later frames go after it
    el.classList.add('failed');
    el.querySelector('.meta').textContent = t.notSent;
  }

  function dropQuickReplies() {
    ui.list.querySelectorAll('.quick').forEach((q) => q.remove());
  }

  /** The bot's dots (after the customer sent something), or with `who` the agent's "Anna is typing …". */
  function showTyping(who) {
    const agent = who !== undefined;
    typingLabel.textContent = agent ? t.agentTyping(who) : t.typing;
    typingLabel.className = agent ? 'typing-label' : 'sr-only';
    typingEl.setAttribute('data-from', agent ? 'agent' : 'bot');
    // The customer's own send scrolls down; an agent's typing does not pull a reader away from older messages.
    changeList(() => ui.list.append(typingEl), !agent);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, agent ? AGENT_TYPING_MS : TYPING_TIMEOUT_MS);
  }

  function hideTyping() {
    clearTimeout(typingTimer);
    typingEl.remove();
  }

  function addSystem(seq, text) {
    addStored(h('p', { class: 'sys', 'data-testid': 'msg-system', text }), seq);
  }

  // ---------------------------------------------------------------- frames

  function onFrame(frame) {
    switch (frame.type) {
      case 'welcome':
        onWelcome(frame);
        return;
      case 'error':
        onError(frame);
        return;
      case 'pong':
        return;
      case 'typing':
        onTyping(frame);
        return;
      default:
        break;
    }
    const seq = Number(frame.seq);
    if (frame.seq == null && frame.type === 'handoff') {
      onLiveHandoff(frame); // a live place in the queue: not stored, not part of the seq bookkeeping
      return;
    }
    if (!Number.isFinite(seq) || seq <= 0) {
      return; // not a stored frame: nothing we know how to show
    }
    if (s.rendered.has(seq)) {
      return; // exactly once: already on screen (replays after a reconnect may overlap)
    }
    s.rendered.add(seq);
    s.lastSeq = Math.max(s.lastSeq, seq);
    const isNew = seq > s.seenSeq;
    s.seenSeq = Math.max(s.seenSeq, seq);
    switch (frame.type) {
      case 'customer':
        onCustomer(frame, seq);
        break;
      case 'bot':
        onBot(frame, seq);
        break;
      case 'agent':
        onAgent(frame, seq);
        break;
      case 'handoff':
        onHandoff(frame, seq);
        break;
      case 'rating':
        onRating(frame, seq);
        break;
      case 'contact':
        onContact(frame, seq);
        break;
      default:
        break; // a frame type of a later protocol version: counted as seen, not shown
    }
    if (isNew && !s.open && ['bot', 'agent', 'handoff'].includes(frame.type)) {
      s.unread += 1;
    }
    refresh();
    persist();
  }

  function onWelcome(frame) {
    if (s.conversationId && frame.conversationId !== s.conversationId) {
      clearView(); // a different conversation than the one on screen: start the view over
      restorePending();
    }
    s.conversationId = frame.conversationId || null;
    s.token = frame.token || s.token;
    if (typeof frame.status === 'string') {
      s.status = frame.status;
    }
    if (Number.isInteger(frame.maxLength) && frame.maxLength > 0) {
      maxLength = frame.maxLength;
      ui.input.maxLength = maxLength;
    }
    s.connected = true;
    attempts = 0;
    nodeBusy = false;
    startPing();
    persist();
    refresh();
    flushOutbox();
  }

  function onCustomer(frame, seq) {
    const id = typeof frame.id === 'string' ? frame.id : null;
    let el = id ? pendingEls.get(id) : null;
    if (el) {
      // Our own pending message: confirm it in place of rendering a second bubble.
      pendingEls.delete(id);
      el.classList.remove('pending', 'failed', 'tail');
      const meta = el.querySelector('.meta');
      if (meta) {
        meta.remove();
      }
    } else {
      el = customerEl(String(frame.text == null ? '' : frame.text));
      if (id) {
        el.setAttribute('data-client-id', id);
      }
    }
    dropQuickReplies();
    addStored(el, seq);
    if (id) {
      s.outbox = s.outbox.filter((item) => item.id !== id);
    }
  }

  function onBot(frame, seq) {
    hideTyping();
    const bubble = h('div', { class: 'bubble' });
    if (frame.articleTitle) {
      bubble.append(h('div', { class: 'article-title' },
        h('span', { class: 'sr-only', text: t.article + ': ' }), String(frame.articleTitle)));
    }
    const content = h('div', { class: 'content' });
    if (typeof frame.html === 'string' && frame.html.trim()) {
      content.append(safeFragment(frame.html));
    } else {
      content.textContent = String(frame.text == null ? '' : frame.text);
      content.style.whiteSpace = 'pre-wrap';
    }
    bubble.append(content);
    const el = h('div', { class: 'msg bot', 'data-testid': 'msg-bot' }, h('div', { class: 'who', text: t.bot }), bubble);
    if (frame.articleId) {
      el.setAttribute('data-article-id', String(frame.articleId));
    }
    const replies = Array.isArray(frame.quickReplies) ? frame.quickReplies.filter((r) => r && r.label) : [];
    if (replies.length) {
      dropQuickReplies(); // only the latest bot message offers choices
      el.append(h('div', { class: 'quick', role: 'group', 'aria-label': t.quickReplies },
        ...replies.map((r) => h('button', {
          type: 'button',
          'data-testid': 'quick-reply',
          'data-payload': r.payload || '',
          text: String(r.label),
          onclick: () => {
            if (send(String(r.label), r.payload || null)) {
              ui.input.focus();
            }
          },
        }))));
    }
    addStored(el, seq);
  }

  function onAgent(frame, seq) {
    hideTyping();
    const name = frame.agent ? String(frame.agent) : (s.agentName || t.agentFallback);
    // Agent text is plain text, never HTML; only its http(s) addresses become links (an agent's
    // link to an article, say), built as elements.
    const el = h('div', { class: 'msg agent', 'data-testid': 'msg-agent' },
      h('div', { class: 'who', text: name }),
      h('div', { class: 'bubble' }, ...withLinks(String(frame.text == null ? '' : frame.text))));
    addStored(el, seq);
  }

  /** Text and link elements for a plain text: each http(s) address a link that opens in a new tab, the rest text. */
  function withLinks(text) {
    const parts = [];
    const pattern = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/gi;
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      if (match.index > last) {
        parts.push(text.slice(last, match.index));
      }
      parts.push(h('a', { href: match[0], target: '_blank', rel: 'noopener noreferrer', text: match[0] }));
      last = match.index + match[0].length;
    }
    if (last < text.length) {
      parts.push(text.slice(last));
    }
    return parts;
  }

  function onHandoff(frame, seq) {
    hideTyping();
    const previous = s.lastHandoff;
    s.lastHandoff = frame.status;
    s.cancelSent = false;
    s.cancelRefused = false;
    switch (frame.status) {
      case 'queued':
        s.status = 'queued';
        s.handoffUnavailable = false;
        s.offline = null;
        s.queue = queueOf(frame);
        dropQuickReplies();
        if (frame.transferred === true) {
          addSystem(seq, t.transferred);
        } else if (previous !== 'queued') {
          // Position updates only change the banner; the list notes the start of the wait once.
          addSystem(seq, t.queuedNote);
        }
        break;
      case 'offline':
        s.status = 'pending';
        s.handoffUnavailable = false;
        s.offline = {
          reason: frame.reason === 'outside_hours' ? 'outside_hours' : 'no_agent',
          businessHours: typeof frame.businessHours === 'string' ? frame.businessHours : 'always',
          timeZone: typeof frame.timeZone === 'string' ? frame.timeZone : null,
          nextOpening: typeof frame.nextOpening === 'string' ? frame.nextOpening : null,
        };
        dropQuickReplies();
        addStored(offlineEl(s.offline), seq);
        break;
      case 'assigned':
        s.status = 'assigned';
        s.handoffUnavailable = false;
        s.agentName = nameOf(frame.agent);
        dropQuickReplies();
        addSystem(seq, t.joined(s.agentName));
        break;
      case 'cancelled':
        s.status = 'bot';
        s.queue = null;
        s.offline = null;
        addSystem(seq, t.backToBot);
        break;
      case 'closed':
        s.status = 'closed';
        s.ratingRequested = frame.ratingRequested === true;
        dropQuickReplies();
        addSystem(seq, frame.reason === 'abandoned' ? t.closedAbandoned : t.closed);
        break;
      case 'unavailable':
        s.handoffUnavailable = true;
        addSystem(seq, t.unavailable);
        break;
      case 'bot':
        s.status = 'bot';
        addSystem(seq, t.backToBot);
        break;
      default:
        break;
    }
  }

  /** A live `handoff` frame (no seq): the current place in the queue. Only the banner changes. */
  function onLiveHandoff(frame) {
    if (frame.status !== 'queued' || s.status !== 'queued') {
      return;
    }
    s.queue = queueOf(frame);
    refresh();
  }

  function queueOf(frame) {
    const number = (value) => (value != null && Number.isFinite(Number(value)) ? Number(value) : null);
    const position = number(frame.position);
    return { position: position && position > 0 ? position : null, wait: number(frame.estimatedWaitSeconds) };
  }

  /** A display name from the server, or null when there is none to show. */
  function nameOf(value) {
    const name = typeof value === 'string' ? value.trim() : '';
    return name || null;
  }

  /** Nobody can take the chat now: why, when someone will be there, and that a message is welcome. */
  function offlineEl(info) {
    const el = h('div', { class: 'card offline', 'data-testid': 'msg-offline', 'data-reason': info.reason },
      h('p', { class: 'lead', text: info.reason === 'outside_hours' ? t.offlineOutsideHours : t.offlineNoAgent }),
      h('p', { text: t.offlineLeaveMessage }));
    if (info.businessHours && info.businessHours.toLowerCase() !== 'always') {
      el.append(h('p', { class: 'hours', text: t.offlineHours(hoursText(info.businessHours), info.timeZone) }));
    }
    const next = info.nextOpening && openingText(info.nextOpening, info.timeZone);
    if (next && info.reason === 'outside_hours') {
      el.append(h('p', { class: 'hours', text: t.offlineNext(next) }));
    }
    return el;
  }

  /** The message left for the team, as stored: a plain confirmation, never the form again. */
  function onContact(frame, seq) {
    const email = String(frame.email == null ? '' : frame.email);
    if (s.contactOut && s.contactOut.id === frame.id) {
      s.contactOut = null;
    }
    s.contactLeft = true;
    addStored(h('div', { class: 'card contact-done', 'data-testid': 'msg-contact' },
      h('p', { text: t.contactThanks(email) }),
      h('p', { class: 'quote', text: String(frame.text == null ? '' : frame.text) })), seq);
  }

  /** The agent is typing: "Anna is typing …" for a few seconds after the last signal. */
  function onTyping(frame) {
    if (frame.from === 'agent' && s.status === 'assigned') {
      showTyping(s.agentName);
    }
  }

  function onRating(frame, seq) {
    s.rated = true;
    addSystem(seq, t.thanks);
  }

  function onError(frame) {
    const code = String(frame.code || '');
    if (code === 'invalid_identity') {
      // The site's identity did not verify: the chat goes on anonymously. For the site's developers only.
      console.warn('Lotse chat: the data-identity token was not accepted (%s); chatting anonymously.', frame.message || code);
      return;
    }
    if (code === 'not_waiting' && !(frame.ref && s.contactOut && s.contactOut.id === frame.ref)) {
      // "Back to the bot" came too late (an agent has the chat, or it ended): just drop the button.
      s.cancelSent = false;
      s.cancelRefused = true;
      refresh();
      return;
    }
    hideTyping();
    if (frame.ref && s.contactOut && s.contactOut.id === frame.ref) {
      onContactError(code, frame);
      return;
    }
    if (code === 'invalid_token') {
      // The server closes this socket next. Forget the conversation and start a fresh one; messages
      // that were never stored are kept and go to the new conversation.
      startOver(s.open || s.outbox.length > 0, true);
      showNotice(t.errors.invalid_token);
      return;
    }
    if (code === 'busy' && !frame.ref) {
      // The server has no room for another chat and closes this socket next: it is tried again after
      // the usual growing pause, and the line above the input says why.
      nodeBusy = true;
    }
    const item = frame.ref ? s.outbox.find((i) => i.id === frame.ref) : null;
    if (item) {
      if (code === 'rate_limited' || code === 'unavailable' || code === 'busy') {
        item.conn = 0; // not stored: send it again (same id) a little later
        retryLater();
      } else {
        // never accepted (too long, invalid, conversation closed): stop trying
        s.outbox = s.outbox.filter((i) => i !== item);
        markFailed(item.id);
      }
    }
    if (code === 'conversation_closed') {
      s.status = 'closed';
    }
    if (code === 'invalid_rating') {
      s.ratingSent = false;
    }
    showNotice(t.errors[code] || frame.message || t.errors.generic);
    refresh();
    persist();
  }

  /** The message for the team was not stored: say why at the form, or send it again later. */
  function onContactError(code, frame) {
    const item = s.contactOut;
    if (code === 'rate_limited' || code === 'unavailable' || code === 'busy') {
      item.conn = 0;
      retryLater();
      return;
    }
    s.contactOut = null;
    if (code === 'not_waiting') {
      // Nobody waits for it any more (an agent took the chat meanwhile, say): what the customer wrote
      // goes into the chat as an ordinary message instead of being lost.
      persist();
      refresh();
      send(item.text);
      return;
    }
    persist();
    refresh(); // the form again, with what the customer typed
    if (code === 'message_too_long') {
      showFieldError('text', t.errors.message_too_long);
    } else if (code === 'invalid_contact') {
      // The server's message is in English: say it in the page's language, at the field it is about.
      const aboutEmail = !EMAIL_PATTERN.test(item.email) || /e-?mail|address/i.test(String(frame.message));
      showFieldError(aboutEmail ? 'email' : 'text', aboutEmail ? t.contactInvalidEmail : t.contactEmptyText);
    } else {
      showFieldError('text', t.errors[code] || frame.message || t.errors.generic);
    }
  }

  // ---------------------------------------------------------------- status, controls, end block

  function refresh() {
    renderHeader();
    renderBanner();
    renderControls();
    renderContactForm();
    renderEnd();
    renderConnection();
    renderBadge();
  }

  function isWaiting() {
    return s.status === 'queued' || s.status === 'pending';
  }

  /** The form for a message to the team: while nobody can take the chat and none was left yet. */
  function wantsContactForm() {
    return s.status === 'pending' && !s.contactLeft;
  }

  /** Who answers: the bot, nobody yet (waiting), the agent by name, or nobody any more. */
  function renderHeader() {
    let text;
    switch (s.status) {
      case 'queued':
        text = t.subtitleQueued(s.queue && s.queue.position);
        break;
      case 'pending':
        text = t.subtitlePending;
        break;
      case 'assigned':
        text = t.subtitleAgent(s.agentName);
        break;
      case 'closed':
        text = t.subtitleClosed;
        break;
      default:
        text = t.subtitleBot;
    }
    if (ui.subtitle.textContent !== text) {
      ui.subtitle.textContent = text;
    }
    const icon = s.status === 'assigned' || isWaiting() ? 'person' : 'bot';
    if (ui.avatar.dataset.icon !== icon) {
      ui.avatar.dataset.icon = icon;
      ui.avatar.innerHTML = ICONS[icon];
    }
  }

  /** The banner above the list: the place in the queue while waiting, or that the agents cannot be reached. */
  function renderBanner() {
    let text = '';
    if (s.status === 'queued') {
      text = t.queued(s.queue && s.queue.position, s.queue && s.queue.wait);
    } else if (s.handoffUnavailable && s.status === 'bot') {
      text = t.unavailable;
    }
    if (ui.status.textContent !== text) {
      ui.status.textContent = text;
    }
    ui.status.hidden = !text;
  }

  /** "Talk to a person" with the bot, "Back to the assistant" while waiting, and the composer. */
  function renderControls() {
    const closed = s.status === 'closed';
    const waiting = isWaiting();
    ui.human.hidden = waiting || s.status === 'assigned' || closed;
    ui.back.hidden = !waiting || s.contactLeft || s.cancelRefused;
    ui.back.disabled = s.cancelSent;
    ui.bar.hidden = ui.human.hidden && ui.back.hidden;
    // While the form for the team is there, it is the one place to write: no second text box.
    const composerHidden = wantsContactForm();
    if (composerHidden && ui.form.contains(root.activeElement) && contactEl) {
      contactEl.querySelector('input').focus({ preventScroll: true });
    }
    ui.form.hidden = composerHidden;
    ui.bar.classList.toggle('alone', composerHidden);
    ui.input.disabled = closed;
    ui.send.disabled = closed;
    let placeholder = t.placeholder;
    if (closed) {
      placeholder = t.closedPlaceholder;
    } else if (s.status === 'pending') {
      placeholder = t.pendingPlaceholder;
    }
    ui.input.placeholder = placeholder;
  }

  /** Builds the form for a message to the team once, and removes it when it is no longer wanted. */
  function renderContactForm() {
    if (!wantsContactForm()) {
      if (contactEl) {
        contactEl.remove();
        contactEl = null;
      }
      return;
    }
    if (!contactEl) {
      contactEl = contactFormEl();
      changeList(() => ui.list.append(contactEl), true);
    }
    const sending = Boolean(s.contactOut);
    const button = contactEl.querySelector('button[type=submit]');
    button.disabled = sending;
    button.textContent = sending ? t.contactSending : t.contactSend;
  }

  function contactFormEl() {
    const field = (name, label, control) => h('div', { class: 'field' },
      h('label', { for: `lotse-contact-${name}`, text: label }), control,
      h('p', { class: 'field-error', id: `lotse-contact-${name}-error`, 'data-testid': `contact-${name}-error`, hidden: true }));
    const email = h('input', {
      id: 'lotse-contact-email', 'data-testid': 'contact-email', type: 'email', name: 'email', autocomplete: 'email',
      inputmode: 'email', maxlength: MAX_EMAIL, required: true, placeholder: t.contactEmailPlaceholder,
      'aria-describedby': 'lotse-contact-email-error',
    });
    const text = h('textarea', {
      id: 'lotse-contact-text', 'data-testid': 'contact-text', name: 'text', rows: 3, maxlength: maxLength, required: true,
      'aria-describedby': 'lotse-contact-text-error',
    });
    if (s.contactOut) {
      email.value = s.contactOut.email; // sent before a reload and not yet confirmed
      text.value = s.contactOut.text;
    }
    const form = h('form', {
      class: 'card contact tail', 'data-testid': 'contact-form', novalidate: true, 'aria-labelledby': 'lotse-contact-title',
      onsubmit: submitContact,
    },
    h('h3', { id: 'lotse-contact-title', text: t.contactForm }),
    field('email', t.contactEmail, email),
    field('text', t.contactText, text),
    h('button', { type: 'submit', class: 'primary', 'data-testid': 'contact-send', text: t.contactSend }));
    for (const control of [email, text]) {
      control.addEventListener('input', () => clearFieldError(control.name));
    }
    return form;
  }

  function showFieldError(name, message) {
    if (!contactEl) {
      showNotice(message);
      return;
    }
    const control = contactEl.querySelector(`[name=${name}]`);
    const error = contactEl.querySelector(`#lotse-contact-${name}-error`);
    error.textContent = message;
    error.hidden = false;
    control.setAttribute('aria-invalid', 'true');
    control.focus();
  }

  function clearFieldError(name) {
    if (!contactEl) {
      return;
    }
    contactEl.querySelector(`[name=${name}]`).removeAttribute('aria-invalid');
    contactEl.querySelector(`#lotse-contact-${name}-error`).hidden = true;
  }

  /** Checks the form and sends `contact`; the stored `contact` frame confirms it. */
  function submitContact(event) {
    event.preventDefault();
    if (s.contactOut) {
      return; // already on its way
    }
    const email = contactEl.querySelector('[name=email]').value.trim();
    const text = contactEl.querySelector('[name=text]').value.trim();
    clearFieldError('email');
    clearFieldError('text');
    if (email.length > MAX_EMAIL || !EMAIL_PATTERN.test(email)) {
      showFieldError('email', t.contactInvalidEmail);
      return;
    }
    if (!text) {
      showFieldError('text', t.contactEmptyText);
      return;
    }
    if (text.length > maxLength) {
      showFieldError('text', t.errors.message_too_long);
      return;
    }
    hideNotice();
    s.contactOut = { id: newId(), email, text, conn: 0 };
    persist();
    refresh();
    if (s.connected) {
      flushOutbox();
    } else {
      connect();
    }
  }

  /** "Back to the assistant": leave the queue (or the pending list); `handoff` `cancelled` confirms it. */
  function cancelHandoff() {
    if (!s.connected || !isOpenSocket()) {
      showNotice(t.reconnecting);
      return;
    }
    s.cancelSent = true;
    ws.send('{"type":"cancel_handoff"}');
    refresh();
  }

  /** The block under a closed conversation: the rating (when asked for) and "new conversation". */
  function renderEnd() {
    if (s.status !== 'closed') {
      if (endEl) {
        endEl.remove();
        endEl = null;
      }
      return;
    }
    const wantRating = s.ratingRequested && !s.rated;
    const key = wantRating ? 'rate' : 'plain';
    if (endEl && endEl.dataset.key === key) {
      return;
    }
    const hadFocus = endEl && endEl.contains(root.activeElement);
    if (endEl) {
      endEl.remove();
    }
    endEl = h('div', { class: 'end tail', 'data-testid': 'end', 'data-key': key });
    if (wantRating) {
      const questionId = 'lotse-rate-q';
      const stars = h('div', { class: 'stars', role: 'group', 'aria-labelledby': questionId });
      const buttons = [1, 2, 3, 4, 5].map((n) => h('button', {
        type: 'button',
        'data-testid': `rating-${n}`,
        'aria-label': t.rateLabel(n),
        title: t.rateLabel(n),
        text: '★',
        onclick: () => rate(n, buttons),
        onmouseenter: () => light(buttons, n),
        onfocus: () => light(buttons, n),
        onmouseleave: () => light(buttons, 0),
        onblur: () => light(buttons, 0),
      }));
      stars.append(...buttons);
      endEl.append(h('p', { id: questionId, text: t.rateQuestion }), stars);
    }
    endEl.append(h('button', {
      type: 'button',
      class: 'secondary',
      'data-testid': 'new-conversation',
      text: t.newConversation,
      onclick: () => {
        startOver(true);
        ui.input.focus();
      },
    }));
    changeList(() => ui.list.append(endEl), true);
    if (hadFocus) {
      endEl.querySelector('button').focus();
    }
  }

  function light(buttons, upTo) {
    buttons.forEach((b, i) => b.classList.toggle('lit', i < upTo));
  }

  function rate(score, buttons) {
    if (s.ratingSent) {
      return;
    }
    if (!s.connected || !isOpenSocket()) {
      showNotice(t.reconnecting);
      return;
    }
    s.ratingSent = true;
    buttons.forEach((b, i) => {
      b.classList.toggle('chosen', i < score);
      b.setAttribute('aria-pressed', String(i === score - 1));
    });
    ws.send(JSON.stringify({ type: 'rating', score }));
  }

  function connectionText() {
    if (nodeBusy) {
      return t.busy;
    }
    return attempts > 0 ? t.reconnecting : t.connecting;
  }

  let connHintTimer = null;
  function renderConnection() {
    const show = !s.connected && wantConnection();
    if (!show) {
      clearTimeout(connHintTimer);
      connHintTimer = null;
      ui.conn.hidden = true;
      return;
    }
    if (!ui.conn.hidden || connHintTimer) {
      ui.conn.textContent = connectionText();
      return;
    }
    // Shown only if (re)connecting takes a moment, so a normal connect does not flicker.
    connHintTimer = setTimeout(() => {
      connHintTimer = null;
      if (!s.connected && wantConnection()) {
        ui.conn.textContent = connectionText();
        ui.conn.hidden = false;
      }
    }, 1500);
  }

  function renderBadge() {
    const n = s.open ? 0 : s.unread;
    ui.badge.hidden = n === 0;
    ui.badge.textContent = n > 9 ? '9+' : String(n);
    ui.launcher.setAttribute('aria-label', s.open ? t.closeChat : (n ? `${t.openChat} – ${t.unread(n)}` : t.openChat));
  }

  let noticeTimer = null;
  function showNotice(text) {
    ui.notice.querySelector('span').textContent = text;
    ui.notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(hideNotice, 10000);
  }

  function hideNotice() {
    clearTimeout(noticeTimer);
    ui.notice.hidden = true;
  }

  // ---------------------------------------------------------------- sending

  function newId() {
    const random = window.crypto && window.crypto.getRandomValues
      ? Array.from(window.crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(36)).join('')
      : Math.random().toString(36).slice(2);
    return `c-${Date.now().toString(36)}-${random}`;
  }

  /** Shows a customer message at once and sends it when a connection is there. */
  function send(rawText, payload) {
    const text = String(rawText || '').trim();
    if (!text) {
      return false;
    }
    if (text.length > maxLength) {
      showNotice(t.errors.message_too_long);
      return false;
    }
    if (s.status === 'closed') {
      showNotice(t.errors.conversation_closed);
      return false;
    }
    hideNotice();
    const item = { id: newId(), text, payload: payload || null, conn: 0 };
    s.outbox.push(item);
    persist();
    dropQuickReplies();
    renderPending(item);
    if (s.status === 'bot' || s.status == null) {
      showTyping();
    }
    if (s.connected) {
      flushOutbox();
    } else {
      connect();
    }
    return true;
  }

  let retryTimer = null;
  function retryLater() {
    if (!retryTimer) {
      retryTimer = setTimeout(() => {
        retryTimer = null;
        flushOutbox();
      }, RETRY_LATER_MS);
    }
  }

  /** Sends every outbox message not yet sent on the current connection, with its original id. */
  function flushOutbox() {
    if (!s.connected || !isOpenSocket()) {
      return;
    }
    for (const item of s.outbox) {
      if (item.conn === connSerial) {
        continue;
      }
      ws.send(JSON.stringify({ type: 'message', id: item.id, text: item.text, payload: item.payload || null }));
      item.conn = connSerial;
    }
    const contact = s.contactOut;
    if (contact && contact.conn !== connSerial) {
      ws.send(JSON.stringify({ type: 'contact', id: contact.id, email: contact.email, text: contact.text }));
      contact.conn = connSerial;
    }
  }

  /** While an agent has the chat, tells them the customer is typing: at most once every two seconds. */
  let typingSignalAt = 0;
  function signalTyping() {
    if (s.status !== 'assigned' || !s.connected || !isOpenSocket() || !ui.input.value.trim()) {
      return;
    }
    const now = Date.now();
    if (now - typingSignalAt >= TYPING_SIGNAL_MS) {
      typingSignalAt = now;
      ws.send('{"type":"typing"}');
    }
  }

  // ---------------------------------------------------------------- connection

  let ws = null;
  let connSerial = 0;
  let attempts = 0;
  let nodeBusy = false; // the server said it had no room for this chat: reconnecting waits longer each time
  let reconnectTimer = null;
  let pingTimer = null;

  function isOpenSocket() {
    return ws !== null && ws.readyState === WebSocket.OPEN;
  }

  /** A connection is worth keeping while there is a conversation, something to send, or the window is open. */
  function wantConnection() {
    return Boolean(s.token) || s.outbox.length > 0 || Boolean(s.contactOut) || s.open;
  }

  function connect() {
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    if (ws && (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN)) {
      return;
    }
    const params = new URLSearchParams({ lang: LANG });
    if (IDENTITY) {
      params.set('identity', IDENTITY); // on every connect: the server checks it each time
    }
    if (s.token) {
      params.set('token', s.token);
      // Only what this page has not rendered yet; a fresh page (lastSeq 0) asks for the whole history.
      if (s.lastSeq > 0) {
        params.set('after', String(s.lastSeq));
      }
    }
    let socket;
    try {
      socket = new WebSocket(`${WS_URL}?${params}`);
    } catch (e) {
      scheduleReconnect();
      return;
    }
    ws = socket;
    connSerial += 1;
    s.connected = false;
    socket.onmessage = (event) => {
      if (ws !== socket) {
        return; // a socket we already gave up on
      }
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (frame && typeof frame === 'object') {
        onFrame(frame);
      }
    };
    socket.onclose = () => {
      if (ws !== socket) {
        return;
      }
      ws = null;
      s.connected = false;
      stopPing();
      scheduleReconnect();
      refresh();
    };
    socket.onerror = () => {
      // onclose follows and reconnects
    };
    refresh();
  }

  function scheduleReconnect() {
    if (reconnectTimer || !wantConnection()) {
      return;
    }
    const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 5));
    const delay = base * (0.75 + Math.random() * 0.5); // jitter, so many widgets do not return in step
    attempts += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  }

  /** Gives up the current socket on purpose (no reconnect from its close). */
  function dropSocket() {
    const socket = ws;
    ws = null;
    s.connected = false;
    stopPing();
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    if (socket && socket.readyState <= WebSocket.OPEN) {
      socket.close(1000, 'new conversation');
    }
  }

  function startPing() {
    stopPing();
    pingTimer = setInterval(() => {
      if (isOpenSocket()) {
        ws.send('{"type":"ping"}');
      }
    }, PING_MS);
  }

  function stopPing() {
    clearInterval(pingTimer);
    pingTimer = null;
  }

  function clearView() {
    for (const child of [...ui.list.children]) {
      if (!child.classList.contains('intro')) {
        child.remove();
      }
    }
    pendingEls.clear();
    endEl = null;
    contactEl = null;
    hideTyping();
    s.rendered.clear();
    s.lastSeq = 0;
    s.seenSeq = 0;
    s.agentName = null;
    s.queue = null;
    s.offline = null;
    s.contactLeft = false;
    s.lastHandoff = null;
    s.cancelSent = false;
    s.cancelRefused = false;
    s.handoffUnavailable = false;
    s.ratingRequested = false;
    s.rated = false;
    s.ratingSent = false;
    s.unread = 0;
  }

  /** Shows the outbox (messages not yet confirmed) as pending bubbles. */
  function restorePending() {
    for (const item of s.outbox) {
      if (!pendingEls.has(item.id)) {
        renderPending(item);
      }
    }
  }

  /** Forgets the conversation (token, view, and unless kept the outbox); if asked, connects for a new one. */
  function startOver(connectNow, keepOutbox) {
    dropSocket();
    clearView();
    s.token = null;
    s.conversationId = null;
    s.status = null;
    s.contactLeft = false;
    if (keepOutbox) {
      if (s.contactOut) {
        // A message for the team of a conversation that is gone: it goes to the new one as a message.
        s.outbox.push({ id: s.contactOut.id, text: s.contactOut.text, payload: null, conn: 0 });
      }
      s.outbox.forEach((item) => { item.conn = 0; });
      restorePending();
    } else {
      s.outbox = [];
    }
    s.contactOut = null;
    attempts = 0;
    hideNotice();
    persist();
    refresh();
    if (connectNow) {
      connect();
    }
  }

  // ---------------------------------------------------------------- open / close, keyboard

  function openWindow(focus) {
    s.open = true;
    s.unread = 0;
    ui.window.hidden = false;
    ui.wrap.classList.add('is-open');
    ui.launcher.setAttribute('aria-expanded', 'true');
    persist();
    refresh();
    ui.list.scrollTop = ui.list.scrollHeight;
    if (focus) {
      const target = (contactEl && contactEl.querySelector('input'))
        || (!ui.input.disabled && !ui.form.hidden ? ui.input : null)
        || root.querySelector('[data-testid=new-conversation]') || ui.close;
      target.focus({ preventScroll: true });
    }
    if (!ws) {
      connect();
    }
  }

  function closeWindow() {
    const focusInside = ui.window.contains(root.activeElement);
    s.open = false;
    ui.window.hidden = true;
    ui.wrap.classList.remove('is-open');
    ui.launcher.setAttribute('aria-expanded', 'false');
    persist();
    refresh();
    if (focusInside) {
      ui.launcher.focus();
    }
  }

  ui.launcher.addEventListener('click', () => (s.open ? closeWindow() : openWindow(true)));
  ui.close.addEventListener('click', closeWindow);
  ui.notice.querySelector('button').addEventListener('click', hideNotice);
  ui.window.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      closeWindow();
    }
  });
  ui.human.addEventListener('click', () => {
    if (send(t.humanText, 'human')) {
      ui.input.focus();
    }
  });
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (send(ui.input.value)) {
      ui.input.value = '';
      autoGrow();
    }
    ui.input.focus();
  });
  ui.input.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter makes a new line; never while an IME is composing.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      ui.form.requestSubmit ? ui.form.requestSubmit() : ui.form.dispatchEvent(new Event('submit', { cancelable: true }));
    }
  });
  function autoGrow() {
    ui.input.style.height = 'auto';
    ui.input.style.height = `${Math.min(ui.input.scrollHeight + 3, 132)}px`;
  }
  ui.input.addEventListener('input', () => {
    autoGrow();
    signalTyping();
  });
  ui.back.addEventListener('click', cancelHandoff);

  window.addEventListener('online', () => {
    if (!ws && wantConnection()) {
      connect();
    }
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && !ws && wantConnection()) {
      connect(); // do not wait out a long backoff when the customer comes back
    }
  });

  // ---------------------------------------------------------------- start

  function start() {
    document.body.appendChild(host);
    // Messages that were never confirmed before the reload: show them as pending; the replay of the
    // history confirms those the server already has, and the rest are re-sent with the same id.
    restorePending();
    refresh();
    if (s.open) {
      openWindow(false);
    } else if (wantConnection()) {
      connect(); // resume at once, so an agent's answer shows even before the window is opened
    }
  }

  window.LotseChat = Object.freeze({
    open() {
      if (!s.open) {
        openWindow(true);
      }
    },
    close() {
      if (s.open) {
        closeWindow();
      }
    },
    toggle() {
      if (s.open) {
        closeWindow();
      } else {
        openWindow(true);
      }
    },
    newConversation() {
      startOver(true);
    },
    state() {
      return {
        conversationId: s.conversationId,
        status: s.status,
        connected: s.connected,
        lastSeq: s.lastSeq,
        open: s.open,
        lang: LANG,
        server: SERVER,
        pending: s.outbox.length,
        unread: s.unread,
      };
    },
  });

  if (document.body) {
    start();
  } else {
    document.addEventListener('DOMContentLoaded', start, { once: true });
  }
})();
