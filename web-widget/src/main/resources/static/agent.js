/*
 * Lotse agent console: the queue, my conversations, one transcript, reply / claim / close.
 *
 * Every string that comes from the server (customer, bot and agent text, names, ids) is written with
 * textContent only — never innerHTML — so a customer's "<script>" is shown, not run. A bot answer's
 * Markdown, which the server renders to sanitised HTML, is rebuilt element by element from an
 * allowlist (LotseConsole.articleContent), never inserted as HTML.
 *
 * Live updates come from Server-Sent Events (/api/agent/events): `queue` reloads the queue, `frame`
 * ({conversationId, seq}) fetches the open transcript again and appends the frames whose seq is not on
 * screen yet, so each frame is shown exactly once however often it is announced.
 */
(() => {
  'use strict';

  // ---------------------------------------------------------------- texts (English, German)

  const TEXTS = {
    en: {
      skip: 'Skip to the conversation',
      product: 'Agent console',
      signOut: 'Sign out',
      live: 'Live',
      offline: 'Offline – reconnecting …',
      dismiss: 'Dismiss',
      conversations: 'Conversations',
      queue: 'Queue',
      queueEmpty: 'Nobody is waiting.',
      mine: 'My conversations',
      mineEmpty: 'You have no open conversations.',
      noSelection: 'No conversation selected',
      claim: 'Claim',
      close: 'Close conversation',
      transcript: 'Transcript',
      replyLabel: 'Reply to the customer',
      replyPlaceholder: 'Write a reply …',
      replyNotMine: 'Claim the conversation to reply.',
      replyClosed: 'This conversation has ended.',
      replyHint: 'Enter sends, Shift+Enter starts a new line.',
      send: 'Send',
      signedInAs: (display, name) => `Signed in as ${display} (${name})`,
      noAgentRole: 'Your account does not have the AGENT role.',
      conversation: 'Conversation',
      loading: 'Loading …',
      waiting: 'waiting',
      position: (n) => `#${n}`,
      customer: 'Customer',
      bot: 'Bot',
      agent: 'Agent',
      system: 'System',
      rating: 'Rating',
      reasons: {
        customer_request: 'Asked for a person',
        low_confidence: 'Bot not confident',
        guide_exhausted: 'Guide did not help',
        frustration: 'Customer frustrated',
      },
      statuses: { bot: 'with the bot', queued: 'waiting', assigned: 'assigned', closed: 'closed' },
      assignedTo: (name) => `assigned to ${name}`,
      since: (time) => `since ${time}`,
      handoff: {
        queued: (pos, wait) => 'Queued' + (pos ? ` at position ${pos}` : '') + (wait != null ? `, estimated wait ${Math.round(wait / 60)} min` : ''),
        assigned: (name) => `${name || 'An agent'} took over`,
        closed: (rating) => 'Conversation closed' + (rating ? ' – the customer was asked for a rating' : ''),
        unavailable: 'Handoff unavailable – the bot kept answering',
        other: (status) => `Handoff: ${status}`,
      },
      rated: (n) => `The customer rated the chat ${'★'.repeat(n)}${'☆'.repeat(Math.max(0, 5 - n))} (${n}/5)`,
      kind: { answer: 'answer', clarify: 'clarify', step: 'step', smalltalk: 'small talk', no_answer: 'no answer', handoff: 'handoff' },
      article: 'article',
      confidence: 'confidence',
      offered: 'offered',
      why: 'Why',
      bands: { answer: 'answered', clarify: 'asked back', escalate: 'not confident', intent: 'recognised intent', guide: 'guide step' },
      considered: 'Articles considered, most confident first',
      unknownFrame: (type) => `(${type})`,
      network: 'The server cannot be reached. Check your connection.',
      claimed: 'You have the conversation now.',
      newMessage: 'new message',
    },
    de: {
      skip: 'Zum Gespräch springen',
      product: 'Agenten-Konsole',
      signOut: 'Abmelden',
      live: 'Live',
      offline: 'Offline – neuer Versuch …',
      dismiss: 'Schließen',
      conversations: 'Gespräche',
      queue: 'Warteschlange',
      queueEmpty: 'Niemand wartet.',
      mine: 'Meine Gespräche',
      mineEmpty: 'Sie haben keine offenen Gespräche.',
      noSelection: 'Kein Gespräch ausgewählt',
      claim: 'Übernehmen',
      close: 'Gespräch beenden',
      transcript: 'Verlauf',
      replyLabel: 'Antwort an den Kunden',
      replyPlaceholder: 'Antwort schreiben …',
      replyNotMine: 'Übernehmen Sie das Gespräch, um zu antworten.',
      replyClosed: 'Dieses Gespräch ist beendet.',
      replyHint: 'Enter sendet, Umschalt+Enter beginnt eine neue Zeile.',
      send: 'Senden',
      signedInAs: (display, name) => `Angemeldet als ${display} (${name})`,
      noAgentRole: 'Ihr Konto hat die Rolle AGENT nicht.',
      conversation: 'Gespräch',
      loading: 'Wird geladen …',
      waiting: 'wartet',
      position: (n) => `#${n}`,
      customer: 'Kunde',
      bot: 'Bot',
      agent: 'Mitarbeiter',
      system: 'System',
      rating: 'Bewertung',
      reasons: {
        customer_request: 'Wunsch nach einem Menschen',
        low_confidence: 'Bot unsicher',
        guide_exhausted: 'Anleitung half nicht',
        frustration: 'Kunde verärgert',
      },
      statuses: { bot: 'beim Bot', queued: 'wartet', assigned: 'zugewiesen', closed: 'beendet' },
      assignedTo: (name) => `zugewiesen an ${name}`,
      since: (time) => `seit ${time}`,
      handoff: {
        queued: (pos, wait) => 'In der Warteschlange' + (pos ? ` auf Position ${pos}` : '') + (wait != null ? `, geschätzte Wartezeit ${Math.round(wait / 60)} Min.` : ''),
        assigned: (name) => `${name || 'Ein Mitarbeiter'} hat übernommen`,
        closed: (rating) => 'Gespräch beendet' + (rating ? ' – der Kunde wurde um eine Bewertung gebeten' : ''),
        unavailable: 'Übergabe nicht erreichbar – der Bot hat weiter geantwortet',
        other: (status) => `Übergabe: ${status}`,
      },
      rated: (n) => `Der Kunde hat den Chat bewertet: ${'★'.repeat(n)}${'☆'.repeat(Math.max(0, 5 - n))} (${n}/5)`,
      kind: { answer: 'Antwort', clarify: 'Rückfrage', step: 'Schritt', smalltalk: 'Smalltalk', no_answer: 'keine Antwort', handoff: 'Übergabe' },
      article: 'Artikel',
      confidence: 'Sicherheit',
      offered: 'angeboten',
      why: 'Warum',
      bands: { answer: 'beantwortet', clarify: 'nachgefragt', escalate: 'nicht sicher genug', intent: 'Absicht erkannt', guide: 'Schritt einer Anleitung' },
      considered: 'Betrachtete Artikel, sicherster zuerst',
      unknownFrame: (type) => `(${type})`,
      network: 'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung.',
      claimed: 'Das Gespräch gehört jetzt Ihnen.',
      newMessage: 'neue Nachricht',
    },
  };
  const LANG = String(navigator.language || 'en').toLowerCase().startsWith('de') ? 'de' : 'en';
  const t = TEXTS[LANG];

  // ---------------------------------------------------------------- DOM helpers

  const { $, el, enc, createApi, createNotice, articleContent } = window.LotseConsole;

  function translatePage() {
    document.documentElement.lang = LANG;
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
    document.title = `Lotse – ${t.product}`;
  }

  const ui = {
    me: $('[data-testid=me]'),
    live: $('[data-testid=live]'),
    notice: $('[data-testid=notice]'),
    queue: $('[data-testid=queue]'),
    queueCount: $('[data-testid=queue-count]'),
    queueEmpty: $('[data-testid=queue-empty]'),
    mine: $('[data-testid=mine]'),
    mineCount: $('[data-testid=mine-count]'),
    mineEmpty: $('[data-testid=mine-empty]'),
    title: $('[data-testid=conversation-title]'),
    meta: $('[data-testid=conversation-meta]'),
    claimSelected: $('[data-testid=claim-selected]'),
    close: $('[data-testid=close]'),
    transcript: $('[data-testid=transcript]'),
    form: $('[data-testid=reply-form]'),
    reply: $('[data-testid=reply]'),
    send: $('[data-testid=send]'),
  };

  // ---------------------------------------------------------------- HTTP

  /** Calls the API; resolves with {status, data} (the JSON answer, or null), rejects with an ApiError {status, code, message}. */
  const api = createApi({ loginPath: '/agent', networkMessage: t.network, cookieRequestHeaders: { Accept: 'application/json' } });

  // ---------------------------------------------------------------- notice

  const { showNotice, hideNotice, showError } = createNotice(ui.notice);

  // ---------------------------------------------------------------- formatting

  function clock(iso) {
    const date = iso ? new Date(iso) : null;
    return date && !Number.isNaN(date.getTime())
      ? date.toLocaleTimeString(LANG, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
  }

  function duration(seconds) {
    const total = Math.max(0, Math.floor(seconds));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, '0');
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
  }

  const shortId = (id) => String(id || '').slice(0, 8);
  const reasonText = (reason) => t.reasons[reason] || String(reason || '');
  const statusText = (status) => t.statuses[status] || String(status || '');

  // ---------------------------------------------------------------- state

  let me = null; // {name, displayName, roles}
  let queueEntries = [];
  let queueFetchedAt = 0; // performance.now() of the last queue answer: waiting time ticks from there
  let mineEntries = [];
  const unread = new Set(); // conversation ids with frames the agent has not looked at
  let current = null; // {id, status, agent}
  const shownSeqs = new Set(); // seqs of `current` on screen

  // ---------------------------------------------------------------- queue

  /**
   * Updates a list in place by key, so elements (and a button the agent is about to click) survive a
   * reload of the data instead of being replaced.
   */
  function reconcile(list, entries, keyOf, create, update) {
    const existing = new Map([...list.children].map((node) => [node.dataset.conversationId, node]));
    const wanted = new Set(entries.map(keyOf));
    for (const [key, node] of existing) {
      if (!wanted.has(key)) {
        node.remove();
      }
    }
    let previous = null;
    for (const entry of entries) {
      const key = keyOf(entry);
      let node = existing.get(key);
      if (!node) {
        node = create(entry);
      }
      update(node, entry);
      const expectedPosition = previous ? previous.nextSibling : list.firstChild;
      if (node !== expectedPosition) {
        list.insertBefore(node, expectedPosition);
      }
      previous = node;
    }
  }

  function createQueueItem(entry) {
    const id = entry.conversationId;
    const item = el('li', { class: 'item queue-item', 'data-testid': 'queue-item', 'data-conversation-id': id });
    const main = el('button', { type: 'button', class: 'item-main', 'data-testid': 'queue-open', onclick: () => select(id) },
      el('span', { class: 'row' }, el('span', { class: 'tag reason' }), el('span', { class: 'wait', 'data-testid': 'waiting' })),
      el('span', { class: 'last' }),
      el('span', { class: 'sub' }));
    const claim = el('button', { type: 'button', class: 'btn small claim', 'data-testid': 'claim', text: t.claim,
      onclick: () => claimConversation(id, claim) });
    item.append(main, claim);
    return item;
  }

  function updateQueueItem(item, entry) {
    item.entry = entry;
    item.setAttribute('aria-current', String(Boolean(current && current.id === entry.conversationId)));
    item.querySelector('.reason').textContent = reasonText(entry.reason);
    const last = item.querySelector('.last');
    last.textContent = entry.lastCustomerText ? `“${entry.lastCustomerText}”` : '';
    last.title = entry.lastCustomerText || '';
    item.querySelector('.sub').textContent = [
      entry.position != null ? t.position(entry.position) : null,
      entry.locale,
      shortId(entry.conversationId),
    ].filter(Boolean).join(' · ');
    item.querySelector('.claim').setAttribute('aria-label', `${t.claim} ${shortId(entry.conversationId)}`);
    tickItem(item);
  }

  function tickItem(item) {
    const entry = item.entry;
    const seconds = Number(entry.waitingSeconds || 0) + (performance.now() - queueFetchedAt) / 1000;
    const wait = item.querySelector('.wait');
    const text = `${t.waiting} ${duration(seconds)}`;
    if (wait.textContent !== text) {
      wait.textContent = text;
    }
    if (entry.waitingSince) {
      wait.title = t.since(new Date(entry.waitingSince).toLocaleString(LANG));
    }
  }

  function renderQueue() {
    reconcile(ui.queue, queueEntries, (e) => e.conversationId, createQueueItem, updateQueueItem);
    ui.queueCount.textContent = String(queueEntries.length);
    ui.queueEmpty.hidden = queueEntries.length > 0;
  }

  let queueLoading = null;
  let queueAgain = false;
  /** Loads the queue; calls that arrive while one is running are folded into one more load. */
  function loadQueue() {
    if (queueLoading) {
      queueAgain = true;
      return queueLoading;
    }
    queueLoading = (async () => {
      try {
        do {
          queueAgain = false;
          const { data: entries } = await api('GET', '/api/agent/queue');
          queueEntries = Array.isArray(entries) ? entries.filter((e) => e && e.conversationId) : [];
          queueFetchedAt = performance.now();
          renderQueue();
        } while (queueAgain);
      } catch (e) {
        showError(e);
      } finally {
        queueLoading = null;
      }
    })();
    return queueLoading;
  }

  async function claimConversation(id, button) {
    if (button) {
      button.disabled = true;
    }
    try {
      await api('POST', `/api/agent/conversations/${enc(id)}/claim`);
      hideNotice();
      loadQueue();
      loadMine();
      await select(id, true);
      showNotice(t.claimed, 'info');
      ui.reply.focus();
    } catch (e) {
      showError(e); // e.g. 409 already_claimed: "Another agent has taken this conversation."
      loadQueue();
    } finally {
      if (button && button.isConnected) {
        button.disabled = false;
      }
    }
  }

  // ---------------------------------------------------------------- my conversations

  function createMineItem(entry) {
    const id = entry.conversationId;
    return el('li', { class: 'item mine-item', 'data-testid': 'mine-item', 'data-conversation-id': id },
      el('button', { type: 'button', class: 'item-main', onclick: () => select(id) },
        el('span', { class: 'row' }, el('span', { class: 'label' }), el('span', { class: 'dot', hidden: true, title: t.newMessage })),
        el('span', { class: 'sub' })));
  }

  function updateMineItem(item, entry) {
    const id = entry.conversationId;
    item.setAttribute('aria-current', String(Boolean(current && current.id === id)));
    item.querySelector('.label').textContent = `${t.conversation} ${shortId(id)}`;
    const dot = item.querySelector('.dot');
    dot.hidden = !unread.has(id);
    dot.setAttribute('aria-label', t.newMessage);
    item.querySelector('.sub').textContent = [
      entry.locale,
      entry.handoffReason ? reasonText(entry.handoffReason) : null,
      entry.queuedAt ? t.since(clock(entry.queuedAt)) : null,
    ].filter(Boolean).join(' · ');
  }

  function renderMine() {
    reconcile(ui.mine, mineEntries, (e) => e.conversationId, createMineItem, updateMineItem);
    ui.mineCount.textContent = String(mineEntries.length);
    ui.mineEmpty.hidden = mineEntries.length > 0;
  }

  let mineLoading = null;
  let mineAgain = false;
  function loadMine() {
    if (mineLoading) {
      mineAgain = true;
      return mineLoading;
    }
    mineLoading = (async () => {
      try {
        do {
          mineAgain = false;
          const { data: list } = await api('GET', '/api/agent/conversations?status=assigned');
          mineEntries = (Array.isArray(list) ? list : []).filter((c) => c && me && c.agent === me.name);
          renderMine();
        } while (mineAgain);
      } catch (e) {
        showError(e);
      } finally {
        mineLoading = null;
      }
    })();
    return mineLoading;
  }

  // ---------------------------------------------------------------- transcript

  function frameText(frame) {
    switch (frame.type) {
      case 'customer':
      case 'agent':
        return String(frame.text == null ? '' : frame.text);
      case 'bot':
        return String(frame.text == null ? '' : frame.text); // without html: the plain text
      case 'handoff':
        switch (frame.status) {
          case 'queued':
            return t.handoff.queued(frame.position, frame.estimatedWaitSeconds);
          case 'assigned':
            return t.handoff.assigned(frame.agent);
          case 'closed':
            return t.handoff.closed(frame.ratingRequested === true);
          case 'unavailable':
            return t.handoff.unavailable;
          default:
            return t.handoff.other(String(frame.status));
        }
      case 'rating':
        return t.rated(Math.max(0, Math.min(5, Number(frame.score) || 0)));
      default:
        return t.unknownFrame(String(frame.type));
    }
  }

  function frameElement(frame, seq) {
    const type = ['customer', 'bot', 'agent', 'handoff', 'rating'].includes(frame.type) ? frame.type : 'other';
    const who = {
      customer: t.customer,
      bot: t.bot,
      agent: frame.agent ? String(frame.agent) : t.agent,
      handoff: t.system,
      rating: t.rating,
      other: t.system,
    }[type];
    const meta = el('div', { class: 'frame-meta' }, el('span', { class: 'who', text: who }));
    if (type === 'bot' && frame.kind) {
      meta.append(el('span', { text: t.kind[frame.kind] || String(frame.kind) }));
    }
    const time = clock(frame.ts);
    if (time) {
      meta.append(el('time', { datetime: String(frame.ts), text: time }));
    }
    const node = el('li', { class: `frame frame-${type}`, 'data-testid': `frame-${type}`, 'data-seq': String(seq) },
      meta, type === 'bot' && typeof frame.html === 'string' && frame.html
        ? el('div', { class: 'frame-text frame-article' }, articleContent(frame.html))
        : el('div', { class: 'frame-text', text: frameText(frame) }));
    if (type === 'bot') {
      const extra = [];
      if (frame.articleId) {
        extra.push(`${t.article}: ${frame.articleTitle ? `${frame.articleTitle} ` : ''}(${frame.articleId})`);
      }
      if (typeof frame.confidence === 'number') {
        extra.push(`${t.confidence} ${Math.round(frame.confidence * 100)} %`);
      }
      if (Array.isArray(frame.quickReplies) && frame.quickReplies.length) {
        extra.push(`${t.offered}: ${frame.quickReplies.map((r) => (r && r.label) || '').join(' · ')}`);
      }
      if (extra.length) {
        node.append(el('div', { class: 'frame-extra', text: extra.join(' — ') }));
      }
      const why = decisionElement(frame.decision);
      if (why) {
        node.append(why);
      }
    }
    return node;
  }

  /**
   * Why the bot did what it did, as the engine recorded it (the band, its reason in English, the
   * articles it weighed with their confidence); folded until the agent opens it.
   */
  function decisionElement(decision) {
    if (!decision || typeof decision !== 'object' || !decision.band) {
      return null;
    }
    const band = t.bands[decision.band] || String(decision.band);
    const candidates = (Array.isArray(decision.candidates) ? decision.candidates : [])
      .filter((c) => c && typeof c === 'object' && c.articleId);
    const list = candidates.length === 0 ? null : el('ol', { class: 'decision-candidates', 'aria-label': t.considered },
      ...candidates.map((c) => {
        const confidence = Number(c.confidence);
        const share = Number.isFinite(confidence) ? ` – ${Math.round(confidence * 100)} %` : '';
        return el('li', { text: `${c.title ? `${c.title} ` : ''}(${c.articleId})${share}` });
      }));
    return el('details', { class: 'decision', 'data-testid': 'decision' },
      el('summary', { text: `${t.why}: ${band}` }),
      decision.reason ? el('p', { class: 'decision-reason', text: String(decision.reason) }) : null,
      list);
  }

  /** Inserts in seq order (frames normally arrive in order, so this is an append). */
  function insertFrame(node, seq) {
    let before = null;
    for (let child = ui.transcript.lastElementChild; child; child = child.previousElementSibling) {
      if (Number(child.dataset.seq) > seq) {
        before = child;
      } else {
        break;
      }
    }
    ui.transcript.insertBefore(node, before);
  }

  function renderHeader(conversation) {
    ui.title.textContent = `${t.conversation} ${shortId(conversation.conversationId)}`;
    ui.title.title = conversation.conversationId;
    const parts = [el('span', { class: `tag status-${conversation.status}`, text: statusText(conversation.status) })];
    if (conversation.locale) {
      parts.push(el('span', { class: 'tag', text: conversation.locale }));
    }
    if (conversation.handoffReason) {
      parts.push(el('span', { class: 'tag reason', text: reasonText(conversation.handoffReason) }));
    }
    if (conversation.agent) {
      parts.push(el('span', { text: t.assignedTo(conversation.agentDisplayName || conversation.agent) }));
    }
    if (conversation.rating != null) {
      parts.push(el('span', { text: `${t.rating}: ${conversation.rating}/5` }));
    }
    ui.meta.replaceChildren(...parts);
  }

  function isMine() {
    return Boolean(current && me && current.status === 'assigned' && current.agent === me.name);
  }

  let sending = false;
  function updateControls() {
    const mine = isMine();
    ui.reply.disabled = !mine;
    ui.send.disabled = !mine || sending;
    ui.close.disabled = !mine;
    ui.claimSelected.hidden = !(current && current.status === 'queued');
    ui.reply.placeholder = mine ? t.replyPlaceholder
      : (current && current.status === 'closed' ? t.replyClosed : (current ? t.replyNotMine : t.replyPlaceholder));
  }

  /** Applies one GET of the conversation: header, controls, and the frames not on screen yet. */
  function applyConversation(conversation) {
    current.status = conversation.status;
    current.agent = conversation.agent;
    renderHeader(conversation);
    updateControls(); // before the frames, so the reply box is usable once the transcript shows
    const frames = (Array.isArray(conversation.frames) ? conversation.frames : [])
      .filter((f) => f && Number.isFinite(Number(f.seq)))
      .sort((a, b) => Number(a.seq) - Number(b.seq));
    const box = ui.transcript;
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
    let added = false;
    for (const frame of frames) {
      const seq = Number(frame.seq);
      if (shownSeqs.has(seq)) {
        continue; // exactly once: this frame is on screen already
      }
      shownSeqs.add(seq);
      insertFrame(frameElement(frame, seq), seq);
      added = true;
    }
    if (added && atBottom) {
      box.scrollTop = box.scrollHeight;
    }
  }

  let transcriptLoading = null;
  let transcriptAgain = false;
  /**
   * Fetches the open conversation and shows its new frames. Only one fetch runs at a time; events that
   * arrive meanwhile ask for exactly one more fetch afterwards, so nothing announced is missed.
   */
  function loadTranscript() {
    if (!current) {
      return Promise.resolve();
    }
    if (transcriptLoading) {
      transcriptAgain = true;
      return transcriptLoading;
    }
    transcriptLoading = (async () => {
      try {
        do {
          transcriptAgain = false;
          const id = current.id;
          const { data: conversation } = await api('GET', `/api/agent/conversations/${enc(id)}`);
          if (!current || current.id !== id || !conversation) {
            break; // the agent opened another conversation meanwhile; select() loads that one
          }
          applyConversation(conversation);
        } while (transcriptAgain && current);
      } catch (e) {
        showError(e);
      } finally {
        transcriptLoading = null;
      }
    })();
    return transcriptLoading;
  }

  async function select(id, force) {
    if (current && current.id === id && !force) {
      return loadTranscript();
    }
    if (!current || current.id !== id) {
      current = { id, status: null, agent: null };
      shownSeqs.clear();
      ui.transcript.replaceChildren();
      ui.title.textContent = `${t.conversation} ${shortId(id)}`;
      ui.meta.replaceChildren(el('span', { text: t.loading }));
      updateControls();
    }
    unread.delete(id);
    renderQueue();
    renderMine();
    if (transcriptLoading) {
      await transcriptLoading; // a fetch for the previous conversation: let it end, then load this one
    }
    return loadTranscript();
  }

  // ---------------------------------------------------------------- reply, claim, close

  ui.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = ui.reply.value.trim();
    if (!text || !isMine() || sending) {
      return;
    }
    const id = current.id;
    sending = true;
    updateControls();
    try {
      await api('POST', `/api/agent/conversations/${enc(id)}/messages`, { text });
      if (ui.reply.value.trim() === text) {
        ui.reply.value = '';
      }
      hideNotice();
      loadTranscript();
    } catch (e) {
      showError(e); // the text stays in the box
    } finally {
      sending = false;
      updateControls();
      ui.reply.focus();
    }
  });

  ui.reply.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      ui.form.requestSubmit();
    }
  });

  ui.claimSelected.addEventListener('click', () => {
    if (current) {
      claimConversation(current.id, ui.claimSelected);
    }
  });

  ui.close.addEventListener('click', async () => {
    if (!isMine()) {
      return;
    }
    ui.close.disabled = true;
    try {
      await api('POST', `/api/agent/conversations/${enc(current.id)}/close`);
      hideNotice();
      await loadTranscript();
      loadMine();
    } catch (e) {
      showError(e);
    } finally {
      updateControls();
    }
  });

  // ---------------------------------------------------------------- live updates

  function debounce(fn, ms) {
    let timer = null;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  const queueSoon = debounce(loadQueue, 150);
  const mineSoon = debounce(loadMine, 700);

  function reloadAll() {
    loadQueue();
    loadMine();
    loadTranscript();
  }

  let events = null;
  function connectEvents() {
    if (events) {
      events.close();
    }
    const source = new EventSource('/api/agent/events');
    events = source;
    source.addEventListener('open', () => {
      setLive(true);
      reloadAll(); // whatever happened while the stream was down
    });
    source.addEventListener('queue', queueSoon);
    source.addEventListener('frame', (event) => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      const id = data && data.conversationId;
      if (!id) {
        return;
      }
      if (current && current.id === id) {
        loadTranscript();
      } else if (mineEntries.some((c) => c.conversationId === id)) {
        unread.add(id);
        renderMine();
      }
      if (queueEntries.some((e) => e.conversationId === id)) {
        queueSoon(); // its last customer text may have changed
      }
      mineSoon();
    });
    source.addEventListener('error', () => {
      setLive(false);
      if (source.readyState === EventSource.CLOSED && events === source) {
        // The browser gave up (e.g. the session ended); try again ourselves.
        setTimeout(() => {
          if (events === source) {
            api('GET', '/api/me').then(connectEvents, () => setTimeout(connectEvents, 10000));
          }
        }, 5000);
      }
    });
  }

  function setLive(on) {
    ui.live.classList.toggle('on', on);
    ui.live.textContent = on ? t.live : t.offline;
  }

  // ---------------------------------------------------------------- start

  async function start() {
    translatePage();
    setLive(false);
    updateControls();
    try {
      ({ data: me } = await api('GET', '/api/me'));
    } catch (e) {
      showError(e);
      return;
    }
    ui.me.textContent = t.signedInAs(me.displayName || me.name, me.name);
    if (Array.isArray(me.roles) && !me.roles.includes('AGENT') && !me.roles.includes('ADMIN')) {
      showNotice(t.noAgentRole);
    }
    loadQueue();
    loadMine();
    connectEvents();
    // The waiting times tick every second; a slow full refresh covers any event that got lost.
    setInterval(() => ui.queue.querySelectorAll('.queue-item').forEach(tickItem), 1000);
    setInterval(reloadAll, 30000);
  }

  start();
})();
