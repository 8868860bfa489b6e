/*
 * Lotse agent console: presence, the lists (mine, queue, messages left, closed), one transcript with
 * internal notes, reply / note / claim / transfer / close, canned replies and article links.
 *
 * Every string that comes from the server (customer, bot and agent text, notes, names, ids) is written
 * with textContent only — never innerHTML — so a customer's "<script>" is shown, not run. A bot answer's
 * Markdown, which the server renders to sanitised HTML, is rebuilt element by element from an
 * allowlist (LotseConsole.articleContent), never inserted as HTML.
 *
 * Live updates come from Server-Sent Events (/api/agent/events). Events carry ids only: the console
 * fetches what it shows through the API, debounced, so a burst of events costs one request per list.
 * While the stream is open the agent counts as present; when it drops, it is opened again.
 */
(() => {
  'use strict';
  /** How many queue entries the console shows: the agent API's default page. */
  const QUEUE_PAGE = 50;

  // ---------------------------------------------------------------- texts (English, German)

  const TEXTS = {
    en: {
      skip: 'Skip to the conversation',
      product: 'Agent console',
      signOut: 'Sign out',
      teamView: 'Team view',
      language: 'Language',
      live: 'Live',
      offline: 'Offline – reconnecting …',
      presenceLabel: 'My status',
      presenceOnline: 'Online',
      presenceAway: 'Away',
      presenceOffline: 'Offline',
      presenceNow: (s) => `Your status is now: ${s}`,
      dismiss: 'Dismiss',
      conversations: 'Conversations',
      mine: 'Mine',
      queue: 'Queue',
      pending: 'Messages',
      closed: 'Closed',
      mineEmpty: 'You have no open conversations.',
      queueEmpty: 'Nobody is waiting.',
      queueMore: (n) => `${n} more waiting (the first ${QUEUE_PAGE} are shown)`,
      pendingEmpty: 'No messages left for the team.',
      closedEmpty: 'No closed conversations found.',
      closedSearch: 'Search closed conversations',
      closedSearchPlaceholder: 'Name, e-mail, id, text …',
      noSelection: 'No conversation selected',
      claim: 'Claim',
      transfer: 'Transfer',
      close: 'Close conversation',
      transcript: 'Transcript',
      customerLeft: 'The customer has left the chat.',
      customerTyping: 'The customer is typing …',
      replyLabel: 'Reply to the customer',
      replyPlaceholder: 'Write a reply … (/ for canned replies)',
      replyNotMine: 'Claim the conversation to reply.',
      replyClosed: 'This conversation has ended.',
      replyHint: 'Enter sends, Shift+Enter starts a new line, / at the start picks a canned reply.',
      send: 'Send',
      cannedButton: 'Canned replies (/)',
      cannedList: 'Canned replies',
      cannedNone: 'No canned reply matches.',
      articleButton: 'Link an article',
      articleSearch: 'Search articles',
      articleSearchPlaceholder: 'Search articles …',
      articleLocale: 'Article language',
      articleResults: 'Articles',
      articleNone: 'No article found.',
      search: 'Search',
      manageReplies: 'Manage replies',
      noteLabel: 'Internal note – not visible to the customer',
      notePlaceholder: 'Note for colleagues …',
      addNote: 'Add note',
      noteAdded: 'Note added.',
      internalNote: 'Internal note – not visible to the customer',
      transferNoteAgent: (from, to) => `Transferred from ${from} to ${to}`,
      transferNoteTeam: (from, to) => from ? `Transferred from team ${from} to team ${to}` : `Transferred to team ${to}`,
      reassignedNote: (to) => `Given to ${to}`,
      signedInAs: (display, name) => `${display} (${name})`,
      noAgentRole: 'Your account does not have the AGENT role.',
      conversation: 'Conversation',
      anonymous: 'Anonymous customer',
      loading: 'Loading …',
      waiting: 'waiting',
      sla: 'SLA',
      slaTitle: (time) => `First response due at ${time}`,
      slaMet: 'answered',
      slaBreached: 'Service level breached',
      tierTitle: (tier) => `Tier ${tier} customer`,
      teamTitle: 'Team',
      left: 'left',
      leftTitle: 'The customer has left the chat',
      position: (n) => `#${n}`,
      customer: 'Customer',
      bot: 'Bot',
      agent: 'Agent',
      system: 'System',
      rating: 'Rating',
      contactFrame: (email) => `Message left for the team (${email})`,
      reasons: {
        customer_request: 'Asked for a person',
        low_confidence: 'Bot not confident',
        guide_exhausted: 'Guide did not help',
        frustration: 'Customer frustrated',
      },
      statuses: { bot: 'with the bot', queued: 'waiting', pending: 'message left', assigned: 'assigned', closed: 'closed' },
      assignedTo: (name) => `assigned to ${name}`,
      since: (time) => `since ${time}`,
      closedAt: (time) => `closed ${time}`,
      handoff: {
        queued: (pos, wait) => 'Queued' + (pos ? ` at position ${pos}` : '') + (wait != null ? `, estimated wait ${Math.round(wait / 60)} min` : ''),
        queuedTransferred: 'Transferred back into the queue',
        assigned: (name) => `${name || 'An agent'} took over`,
        offline: 'Nobody available – the customer was invited to leave a message',
        cancelled: 'The customer left the queue',
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
      newAssigned: 'new – not opened yet',
      transferTitle: 'Transfer the conversation',
      transferTo: 'To',
      toAgent: 'a colleague',
      toTeam: 'a team',
      agentLabel: 'Colleague',
      agentHelp: 'Only colleagues who are online and have room can take it.',
      teamLabel: 'Team',
      teamHelp: 'It goes back into that team\'s queue at its old place.',
      noTeams: 'No teams are configured.',
      noAgents: 'No colleague is online with room.',
      transferNote: 'Note for whoever takes it (internal)',
      cancel: 'Cancel',
      transferSubmit: 'Transfer',
      transferred: 'The conversation has been transferred.',
      agentOption: (a, status) => `${a.displayName || a.name} – ${status}, ${a.active}/${a.capacity}`,
      agentStatus: { online: 'online', away: 'away', offline: 'offline' },
      full: 'full',
      teamGeneral: 'general',
      errors: {
        agent_unavailable: 'That colleague is not online or has no room any more. Choose another one.',
        unknown_team: 'There is no such team.',
        unknown_agent: 'There is no such colleague.',
        not_your_conversation: 'This conversation is not yours (any more).',
        conversation_closed: 'This conversation has ended.',
        invalid_request: 'Choose a colleague or a team.',
        reply_exists: 'A canned reply with this id exists already.',
        reply_not_found: 'This canned reply no longer exists.',
      },
      newReply: 'New reply',
      replyId: 'Id',
      replyIdHelp: 'Lower-case letters, digits, - and _.',
      replyTitle: 'Title',
      replyLocale: 'Language',
      replyText: 'Text',
      replyTextHelp: '{customer} becomes the customer\'s name, {agent} your name.',
      delete: 'Delete',
      save: 'Save',
      done: 'Done',
      saved: 'Saved.',
      deleted: 'Deleted.',
      confirmDelete: (title) => `Delete the canned reply “${title}”?`,
      repliesEmpty: 'No canned replies yet.',
    },
    de: {
      skip: 'Zum Gespräch springen',
      product: 'Agenten-Konsole',
      signOut: 'Abmelden',
      teamView: 'Teamansicht',
      language: 'Sprache',
      live: 'Live',
      offline: 'Offline – neuer Versuch …',
      presenceLabel: 'Mein Status',
      presenceOnline: 'Online',
      presenceAway: 'Abwesend',
      presenceOffline: 'Offline',
      presenceNow: (s) => `Ihr Status ist jetzt: ${s}`,
      dismiss: 'Schließen',
      conversations: 'Gespräche',
      mine: 'Meine',
      queue: 'Warteschlange',
      pending: 'Nachrichten',
      closed: 'Beendet',
      mineEmpty: 'Sie haben keine offenen Gespräche.',
      queueEmpty: 'Niemand wartet.',
      queueMore: (n) => `${n} weitere warten (die ersten ${QUEUE_PAGE} werden gezeigt)`,
      pendingEmpty: 'Keine hinterlassenen Nachrichten.',
      closedEmpty: 'Keine beendeten Gespräche gefunden.',
      closedSearch: 'Beendete Gespräche durchsuchen',
      closedSearchPlaceholder: 'Name, E-Mail, ID, Text …',
      noSelection: 'Kein Gespräch ausgewählt',
      claim: 'Übernehmen',
      transfer: 'Weiterleiten',
      close: 'Gespräch beenden',
      transcript: 'Verlauf',
      customerLeft: 'Kunde hat den Chat verlassen.',
      customerTyping: 'Der Kunde schreibt …',
      replyLabel: 'Antwort an den Kunden',
      replyPlaceholder: 'Antwort schreiben … (/ für Textbausteine)',
      replyNotMine: 'Übernehmen Sie das Gespräch, um zu antworten.',
      replyClosed: 'Dieses Gespräch ist beendet.',
      replyHint: 'Enter sendet, Umschalt+Enter beginnt eine neue Zeile, / am Anfang wählt einen Textbaustein.',
      send: 'Senden',
      cannedButton: 'Textbausteine (/)',
      cannedList: 'Textbausteine',
      cannedNone: 'Kein Textbaustein passt.',
      articleButton: 'Artikel verlinken',
      articleSearch: 'Artikel suchen',
      articleSearchPlaceholder: 'Artikel suchen …',
      articleLocale: 'Sprache der Artikel',
      articleResults: 'Artikel',
      articleNone: 'Kein Artikel gefunden.',
      search: 'Suchen',
      manageReplies: 'Textbausteine verwalten',
      noteLabel: 'Interne Notiz – für den Kunden nicht sichtbar',
      notePlaceholder: 'Notiz für Kollegen …',
      addNote: 'Notiz speichern',
      noteAdded: 'Notiz gespeichert.',
      internalNote: 'Interne Notiz – für den Kunden nicht sichtbar',
      transferNoteAgent: (from, to) => `Weitergeleitet von ${from} an ${to}`,
      transferNoteTeam: (from, to) => from ? `Weitergeleitet von Team ${from} an Team ${to}` : `Weitergeleitet an Team ${to}`,
      reassignedNote: (to) => `Zugewiesen an ${to}`,
      signedInAs: (display, name) => `${display} (${name})`,
      noAgentRole: 'Ihr Konto hat die Rolle AGENT nicht.',
      conversation: 'Gespräch',
      anonymous: 'Anonymer Kunde',
      loading: 'Wird geladen …',
      waiting: 'wartet',
      sla: 'SLA',
      slaTitle: (time) => `Erste Antwort fällig um ${time}`,
      slaMet: 'beantwortet',
      slaBreached: 'Servicelevel verletzt',
      tierTitle: (tier) => `Kunde der Stufe ${tier}`,
      teamTitle: 'Team',
      left: 'weg',
      leftTitle: 'Kunde hat den Chat verlassen',
      position: (n) => `#${n}`,
      customer: 'Kunde',
      bot: 'Bot',
      agent: 'Mitarbeiter',
      system: 'System',
      rating: 'Bewertung',
      contactFrame: (email) => `Nachricht an das Team (${email})`,
      reasons: {
        customer_request: 'Wunsch nach einem Menschen',
        low_confidence: 'Bot unsicher',
        guide_exhausted: 'Anleitung half nicht',
        frustration: 'Kunde verärgert',
      },
      statuses: { bot: 'beim Bot', queued: 'wartet', pending: 'Nachricht hinterlassen', assigned: 'zugewiesen', closed: 'beendet' },
      assignedTo: (name) => `zugewiesen an ${name}`,
      since: (time) => `seit ${time}`,
      closedAt: (time) => `beendet ${time}`,
      handoff: {
        queued: (pos, wait) => 'In der Warteschlange' + (pos ? ` auf Position ${pos}` : '') + (wait != null ? `, geschätzte Wartezeit ${Math.round(wait / 60)} Min.` : ''),
        queuedTransferred: 'Zurück in die Warteschlange weitergeleitet',
        assigned: (name) => `${name || 'Ein Mitarbeiter'} hat übernommen`,
        offline: 'Niemand verfügbar – der Kunde wurde gebeten, eine Nachricht zu hinterlassen',
        cancelled: 'Der Kunde hat die Warteschlange verlassen',
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
      newAssigned: 'neu – noch nicht geöffnet',
      transferTitle: 'Gespräch weiterleiten',
      transferTo: 'An',
      toAgent: 'einen Kollegen',
      toTeam: 'ein Team',
      agentLabel: 'Kollege',
      agentHelp: 'Nur Kollegen, die online sind und Platz haben, können es übernehmen.',
      teamLabel: 'Team',
      teamHelp: 'Es kommt an seinem alten Platz in die Warteschlange dieses Teams.',
      noTeams: 'Es sind keine Teams eingerichtet.',
      noAgents: 'Kein Kollege ist online und hat Platz.',
      transferNote: 'Notiz für den Übernehmenden (intern)',
      cancel: 'Abbrechen',
      transferSubmit: 'Weiterleiten',
      transferred: 'Das Gespräch wurde weitergeleitet.',
      agentOption: (a, status) => `${a.displayName || a.name} – ${status}, ${a.active}/${a.capacity}`,
      agentStatus: { online: 'online', away: 'abwesend', offline: 'offline' },
      full: 'voll',
      teamGeneral: 'allgemein',
      errors: {
        agent_unavailable: 'Dieser Kollege ist nicht mehr online oder hat keinen Platz mehr. Bitte wählen Sie einen anderen.',
        unknown_team: 'Dieses Team gibt es nicht.',
        unknown_agent: 'Diesen Kollegen gibt es nicht.',
        not_your_conversation: 'Dieses Gespräch gehört (nicht mehr) Ihnen.',
        conversation_closed: 'Dieses Gespräch ist beendet.',
        invalid_request: 'Wählen Sie einen Kollegen oder ein Team.',
        reply_exists: 'Einen Textbaustein mit dieser ID gibt es schon.',
        reply_not_found: 'Diesen Textbaustein gibt es nicht mehr.',
      },
      newReply: 'Neuer Textbaustein',
      replyId: 'ID',
      replyIdHelp: 'Kleinbuchstaben, Ziffern, - und _.',
      replyTitle: 'Titel',
      replyLocale: 'Sprache',
      replyText: 'Text',
      replyTextHelp: '{customer} wird zum Namen des Kunden, {agent} zu Ihrem Namen.',
      delete: 'Löschen',
      save: 'Speichern',
      done: 'Fertig',
      saved: 'Gespeichert.',
      deleted: 'Gelöscht.',
      confirmDelete: (title) => `Den Textbaustein „${title}“ löschen?`,
      repliesEmpty: 'Noch keine Textbausteine.',
    },
  };

  const { $, el, enc, createApi, createNotice, articleContent, consoleLang, switchLang, duration } = window.LotseConsole;
  const LANG = consoleLang();
  const t = TEXTS[LANG];

  const translatePage = () => window.LotseConsole.translatePage(LANG, t);

  const ui = {
    me: $('[data-testid=me]'),
    live: $('[data-testid=live]'),
    presenceWrap: $('[data-testid=presence-wrap]'),
    presence: $('[data-testid=presence]'),
    teamLink: $('[data-testid=team-link]'),
    lang: $('[data-testid=lang]'),
    notice: $('[data-testid=notice]'),
    tabs: [...document.querySelectorAll('[role=tab]')],
    closedQ: $('[data-testid=closed-q]'),
    title: $('[data-testid=conversation-title]'),
    meta: $('[data-testid=conversation-meta]'),
    claimSelected: $('[data-testid=claim-selected]'),
    transfer: $('[data-testid=transfer]'),
    close: $('[data-testid=close]'),
    left: $('[data-testid=customer-left]'),
    transcript: $('[data-testid=transcript]'),
    typing: $('[data-testid=customer-typing]'),
    form: $('[data-testid=reply-form]'),
    reply: $('[data-testid=reply]'),
    send: $('[data-testid=send]'),
    canned: $('[data-testid=canned-list]'),
    openReplies: $('[data-testid=open-replies]'),
    openArticles: $('[data-testid=open-articles]'),
    manageReplies: $('[data-testid=manage-replies]'),
    articles: $('[data-testid=articles-popover]'),
    articlesForm: $('[data-testid=articles-form]'),
    articleQ: $('[data-testid=article-q]'),
    articleLocale: $('[data-testid=article-locale]'),
    articleResults: $('[data-testid=article-results]'),
    articleEmpty: $('[data-testid=article-empty]'),
    noteForm: $('[data-testid=note-form]'),
    note: $('[data-testid=note-input]'),
    addNote: $('[data-testid=add-note]'),
  };

  const api = createApi({ loginPath: '/agent', networkMessage: t.network, cookieRequestHeaders: { Accept: 'application/json' } });
  const { showNotice, hideNotice, showError } = createNotice(ui.notice);

  /** An API error in the page's language where the code is known, else the server's message. */
  const errorText = (e) => (e && t.errors[e.code]) || (e && e.message) || String(e);

  // ---------------------------------------------------------------- formatting

  function clock(iso) {
    const date = iso ? new Date(iso) : null;
    return date && !Number.isNaN(date.getTime())
      ? date.toLocaleTimeString(LANG, { hour: '2-digit', minute: '2-digit' }) : '';
  }

  function dateTime(iso) {
    const date = iso ? new Date(iso) : null;
    return date && !Number.isNaN(date.getTime())
      ? date.toLocaleString(LANG, { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }) : '';
  }

  const shortId = (id) => String(id || '').slice(0, 8);
  const reasonText = (reason) => t.reasons[reason] || String(reason || '');
  const statusText = (status) => t.statuses[status] || String(status || '');
  const customerName = (c) => (c && c.customer && (c.customer.name || c.customer.email)) || null;
  const titleOf = (c) => customerName(c) || c.contactEmail || `${t.anonymous} · ${shortId(c.conversationId)}`;
  const lastTextOf = (c) => c.lastCustomerText || (c.handoffContext && c.handoffContext.lastCustomerText) || '';

  // ---------------------------------------------------------------- state

  let me = null; // {name, displayName, roles}
  let isAdmin = false;
  const lists = { mine: [], queue: [], pending: [], closed: [] };
  let queueTotal = 0;
  let activeTab = 'mine';
  const unread = new Set(); // my conversations with frames the agent has not looked at
  const unopened = new Set(); // conversations assigned to me that I have not opened yet
  let current = null; // {id, status, agent, locale, customer, customerOnline}
  const shown = new Map(); // transcript keys (s<seq> / n<number>) of `current` on screen → element
  let agentNames = new Map(); // user name → display name, for notes
  let chimes = 0;

  // ---------------------------------------------------------------- lists

  /**
   * Updates a list in place by key, so elements (and a button the agent is about to click) survive a
   * reload of the data instead of being replaced.
   */
  function reconcile(list, entries, create, update) {
    const existing = new Map([...list.children].map((node) => [node.dataset.conversationId, node]));
    const wanted = new Set(entries.map((e) => e.conversationId));
    for (const [key, node] of existing) {
      if (!wanted.has(key)) {
        node.remove();
      }
    }
    let previous = null;
    for (const entry of entries) {
      let node = existing.get(entry.conversationId);
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

  function createItem(kind, entry) {
    const id = entry.conversationId;
    const item = el('li', { class: `item ${kind}-item`, 'data-testid': `${kind}-item`, 'data-conversation-id': id });
    const main = el('button', { type: 'button', class: 'item-main', 'data-testid': `${kind}-open`, onclick: () => select(id) },
      el('span', { class: 'row' },
        el('span', { class: 'name', 'data-testid': 'item-name' }),
        el('span', { class: 'badges' },
          el('span', { class: 'dot', hidden: true }),
          el('span', { class: 'tag left-tag', text: t.left, title: t.leftTitle, hidden: true }),
          el('span', { class: 'tag team', 'data-testid': 'item-team', hidden: true }),
          el('span', { class: 'tier', 'data-testid': 'item-tier', hidden: true }))),
      el('span', { class: 'last' }),
      el('span', { class: 'row times' },
        el('span', { class: 'wait', 'data-testid': 'waiting' }),
        el('span', { class: 'sla', 'data-testid': 'sla' })));
    item.append(main);
    if (kind === 'queue' || kind === 'pending') {
      const claim = el('button', { type: 'button', class: 'btn small claim', 'data-testid': 'claim', text: t.claim,
        'aria-label': `${t.claim} ${shortId(id)}`, onclick: () => claimConversation(id, claim) });
      item.append(claim);
    }
    return item;
  }

  function updateItem(kind, item, entry) {
    const id = entry.conversationId;
    item.entry = entry;
    item.kind = kind;
    item.setAttribute('aria-current', String(Boolean(current && current.id === id)));
    item.querySelector('.name').textContent = titleOf(entry);
    item.querySelector('.name').title = id;
    const team = item.querySelector('.team');
    team.hidden = !entry.team;
    team.textContent = entry.team || '';
    team.title = t.teamTitle;
    const tier = item.querySelector('.tier');
    tier.hidden = !entry.tier;
    tier.textContent = entry.tier || '';
    tier.className = `tier tier-${String(entry.tier || '').toLowerCase()}`;
    tier.title = entry.tier ? t.tierTitle(entry.tier) : '';
    const dot = item.querySelector('.dot');
    const isNew = unopened.has(id);
    dot.hidden = !(kind === 'mine' && (unread.has(id) || isNew));
    dot.title = isNew ? t.newAssigned : t.newMessage;
    item.classList.toggle('is-new', kind === 'mine' && isNew);
    item.querySelector('.left-tag').hidden = !(entry.customerOnline === false && kind !== 'closed');
    const last = item.querySelector('.last');
    const text = kind === 'pending' && entry.contactEmail ? `✉ ${entry.contactEmail}` : lastTextOf(entry);
    last.textContent = text && kind !== 'pending' ? `“${text}”` : text;
    last.title = text;
    tickItem(item);
  }

  /** Server time, estimated from the queue's waiting times (one clock for every countdown). */
  let skewMs = 0;
  const serverNow = () => Date.now() + skewMs;

  /** The service-level countdown of an entry: {text, breached, title} or null. */
  function sla(entry) {
    if (!entry.dueAt || entry.status === 'closed') {
      return null;
    }
    if (entry.firstResponseAt) {
      return { text: `${t.sla} ✓ ${t.slaMet}`, breached: Boolean(entry.breached), title: t.slaTitle(clock(entry.dueAt)), met: true };
    }
    const remaining = (new Date(entry.dueAt).getTime() - serverNow()) / 1000;
    const breached = Boolean(entry.breached) || remaining < 0;
    return {
      text: `${t.sla} ${remaining < 0 ? '−' : ''}${duration(Math.abs(remaining))}`,
      breached,
      title: breached ? `${t.slaBreached} · ${t.slaTitle(clock(entry.dueAt))}` : t.slaTitle(clock(entry.dueAt)),
    };
  }

  function tickItem(item) {
    const entry = item.entry;
    const wait = item.querySelector('.wait');
    let text;
    if (item.kind === 'closed') {
      text = t.closedAt(dateTime(entry.createdAt));
    } else {
      const since = entry.waitingSince || entry.queuedAt || entry.createdAt;
      const seconds = entry.waitingSince && Number.isFinite(Number(entry.waitingSeconds))
        ? Number(entry.waitingSeconds) + (performance.now() - (item.fetchedAt || performance.now())) / 1000
        : (serverNow() - new Date(since).getTime()) / 1000;
      text = item.kind === 'mine' ? t.since(clock(since)) : `${t.waiting} ${duration(seconds)}`;
      wait.title = since ? t.since(new Date(since).toLocaleString(LANG)) : '';
    }
    if (wait.textContent !== text) {
      wait.textContent = text;
    }
    const slaNode = item.querySelector('.sla');
    const info = sla(entry);
    slaNode.hidden = !info;
    if (info) {
      if (slaNode.textContent !== info.text) {
        slaNode.textContent = info.text;
      }
      slaNode.title = info.title;
      slaNode.classList.toggle('breached', info.breached);
      slaNode.classList.toggle('met', Boolean(info.met));
      item.classList.toggle('breached', info.breached && !info.met);
    } else {
      item.classList.remove('breached');
    }
  }

  function renderList(kind) {
    const list = $(`[data-testid=${kind}]`);
    const fetchedAt = performance.now();
    reconcile(list, lists[kind], (e) => createItem(kind, e), (node, e) => {
      if (node.entry !== e) {
        node.fetchedAt = fetchedAt;
      }
      updateItem(kind, node, e);
    });
    const count = $(`[data-testid=${kind}-count]`);
    if (count) {
      count.textContent = String(kind === 'queue' ? queueTotal : lists[kind].length);
    }
    $(`[data-testid=${kind}-empty]`).hidden = lists[kind].length > 0;
    if (kind === 'queue') {
      // The queue comes a page at a time: the first page, and how many wait beyond it.
      const more = $('[data-testid=queue-more]');
      const beyond = queueTotal - lists.queue.length;
      more.hidden = beyond <= 0;
      more.textContent = beyond > 0 ? t.queueMore(beyond) : '';
    }
  }

  function renderLists() {
    Object.keys(lists).forEach(renderList);
  }

  const SOURCES = {
    mine: async () => {
      const { data } = await api('GET', '/api/agent/conversations?mine=true');
      return (Array.isArray(data) ? data : []).filter((c) => c && c.conversationId && c.status !== 'closed');
    },
    queue: async () => {
      const { data, headers } = await api('GET', `/api/agent/queue?limit=${QUEUE_PAGE}`);
      const entries = (Array.isArray(data) ? data : []).filter((e) => e && e.conversationId);
      const total = Number(headers && headers.get('X-Total-Count'));
      queueTotal = Number.isFinite(total) ? total : entries.length;
      const sample = entries.find((e) => e.waitingSince && Number.isFinite(Number(e.waitingSeconds)));
      if (sample) {
        skewMs = new Date(sample.waitingSince).getTime() + Number(sample.waitingSeconds) * 1000 - Date.now();
        if (Math.abs(skewMs) < 1500) {
          skewMs = 0; // whole seconds: within that, trust the own clock
        }
      }
      return entries;
    },
    pending: async () => {
      const { data } = await api('GET', '/api/agent/conversations?status=pending');
      return (Array.isArray(data) ? data : []).filter((c) => c && c.conversationId);
    },
    closed: async () => {
      const q = ui.closedQ.value.trim();
      const { data } = await api('GET', `/api/agent/conversations?status=closed${q ? `&q=${enc(q)}` : ''}`);
      return (Array.isArray(data) ? data : []).filter((c) => c && c.conversationId).slice(0, 100);
    },
  };

  const loading = {};
  const again = {};
  /** Loads one list; calls that arrive while it loads are folded into one more load. */
  function loadList(kind) {
    if (loading[kind]) {
      again[kind] = true;
      return loading[kind];
    }
    loading[kind] = (async () => {
      try {
        do {
          again[kind] = false;
          lists[kind] = await SOURCES[kind]();
          renderList(kind);
        } while (again[kind]);
        if (kind === 'mine') {
          // Assigned ones I lost (transferred away, gone offline) are no longer waiting to be opened.
          const mineIds = new Set(lists.mine.map((c) => c.conversationId));
          [...unopened].filter((id) => !mineIds.has(id)).forEach((id) => unopened.delete(id));
          updateTitle();
        }
      } catch (e) {
        showError(e);
      } finally {
        loading[kind] = null;
      }
    })();
    return loading[kind];
  }

  /** Reloads the named lists once, a moment after the last call (a burst of events, one request each). */
  const pendingLoads = new Set();
  let loadTimer = null;
  function refreshSoon(...kinds) {
    kinds.forEach((k) => pendingLoads.add(k));
    clearTimeout(loadTimer);
    loadTimer = setTimeout(() => {
      const kinds2 = [...pendingLoads];
      pendingLoads.clear();
      kinds2.filter((k) => k !== 'closed' || activeTab === 'closed').forEach(loadList);
    }, 300);
  }

  function showTab(tab) {
    activeTab = tab;
    ui.tabs.forEach((button) => button.setAttribute('aria-selected', String(button.dataset.tab === tab)));
    document.querySelectorAll('[data-panel]').forEach((panel) => {
      panel.hidden = panel.dataset.panel !== tab;
    });
    if (tab === 'closed') {
      loadList('closed');
    }
  }

  ui.tabs.forEach((button, index) => {
    button.addEventListener('click', () => showTab(button.dataset.tab));
    button.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) {
        const next = ui.tabs[(index + step + ui.tabs.length) % ui.tabs.length];
        next.focus();
        showTab(next.dataset.tab);
      }
    });
  });

  let closedTimer = null;
  ui.closedQ.addEventListener('input', () => {
    clearTimeout(closedTimer);
    closedTimer = setTimeout(() => loadList('closed'), 300);
  });
  $('[data-testid=closed-search-form]').addEventListener('submit', (event) => {
    event.preventDefault();
    loadList('closed');
  });

  async function claimConversation(id, button) {
    if (button) {
      button.disabled = true;
    }
    try {
      await api('POST', `/api/agent/conversations/${enc(id)}/claim`);
      hideNotice();
      refreshSoon('queue', 'pending', 'mine');
      showTab('mine');
      await select(id, true);
      showNotice(t.claimed, 'info');
      ui.reply.focus();
    } catch (e) {
      showNotice(errorText(e)); // e.g. 409 already_claimed
      refreshSoon('queue', 'pending');
    } finally {
      if (button && button.isConnected) {
        button.disabled = false;
      }
    }
  }

  // ---------------------------------------------------------------- tab title and sound

  function updateTitle() {
    const base = `Lotse – ${t.product}`;
    document.title = unopened.size ? `(${unopened.size}) ${base}` : base;
  }

  let audio = null;
  function audioContext() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) {
      return null;
    }
    if (!audio) {
      audio = new Context();
    }
    if (audio.state === 'suspended') {
      audio.resume().catch(() => {});
    }
    return audio;
  }
  // Browsers let a page play sound only after the user has interacted with it.
  ['pointerdown', 'keydown'].forEach((type) => document.addEventListener(type, audioContext, { once: true, capture: true }));

  /** Two short soft tones, made on the spot: a conversation has been assigned to me. */
  function chime() {
    chimes += 1;
    const ctx = audioContext();
    if (!ctx) {
      return;
    }
    const start = ctx.currentTime + 0.02;
    [660, 880].forEach((frequency, i) => {
      const at = start + i * 0.16;
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.18, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.28);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.3);
    });
  }

  // ---------------------------------------------------------------- transcript

  function agentName(name) {
    return agentNames.get(name) || String(name || '');
  }

  function frameText(frame) {
    switch (frame.type) {
      case 'customer':
      case 'agent':
      case 'bot':
      case 'contact':
        return String(frame.text == null ? '' : frame.text);
      case 'handoff':
        switch (frame.status) {
          case 'queued':
            return frame.transferred ? t.handoff.queuedTransferred : t.handoff.queued(frame.position, frame.estimatedWaitSeconds);
          case 'assigned':
            return t.handoff.assigned(frame.agent);
          case 'offline':
            return t.handoff.offline;
          case 'cancelled':
            return t.handoff.cancelled;
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

  function noteElement(note) {
    const about = [];
    if (note.toAgent) {
      about.push(t.transferNoteAgent(agentName(note.fromAgent), agentName(note.toAgent)));
    }
    if (note.toTeam) {
      about.push(t.transferNoteTeam(note.fromTeam || '', note.toTeam));
    }
    if (note.reassigned) {
      about.push(t.reassignedNote(agentName(note.reassigned)));
    }
    const meta = el('div', { class: 'frame-meta' },
      el('span', { class: 'note-badge', text: t.internalNote }),
      el('span', { class: 'who', text: note.agentDisplayName || agentName(note.agent) }));
    const time = clock(note.ts);
    if (time) {
      meta.append(el('time', { datetime: String(note.ts), text: time }));
    }
    return el('li', { class: 'frame frame-note', 'data-testid': 'note' },
      meta,
      about.length ? el('div', { class: 'note-about', 'data-testid': 'note-transfer', text: about.join(' · ') }) : null,
      note.text ? el('div', { class: 'frame-text', text: String(note.text) }) : null);
  }

  function frameElement(frame) {
    if (frame.type === 'note') {
      return noteElement(frame);
    }
    const type = ['customer', 'bot', 'agent', 'handoff', 'rating', 'contact'].includes(frame.type) ? frame.type : 'other';
    if (type === 'handoff' && frame.status === 'assigned' && !frame.agent) {
      return null; // the hand-back half of a transfer to a team; its `queued` frame tells it
    }
    const who = {
      customer: t.customer,
      contact: t.contactFrame(String(frame.email || '')),
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
    const node = el('li', { class: `frame frame-${type}`, 'data-testid': `frame-${type}`, 'data-seq': String(frame.seq) },
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

  function renderHeader(conversation) {
    ui.title.textContent = titleOf(conversation);
    ui.title.title = conversation.conversationId;
    const parts = [el('span', { class: `tag status-${conversation.status}`, 'data-testid': 'conversation-status', text: statusText(conversation.status) })];
    if (conversation.tier) {
      parts.push(el('span', { class: `tier tier-${String(conversation.tier).toLowerCase()}`, title: t.tierTitle(conversation.tier), text: conversation.tier }));
    }
    if (conversation.team) {
      parts.push(el('span', { class: 'tag team', title: t.teamTitle, text: conversation.team }));
    }
    if (conversation.locale) {
      parts.push(el('span', { class: 'tag', text: conversation.locale }));
    }
    if (conversation.handoffReason) {
      parts.push(el('span', { class: 'tag reason', text: reasonText(conversation.handoffReason) }));
    }
    const email = (conversation.customer && conversation.customer.email) || conversation.contactEmail;
    if (email && email !== ui.title.textContent) {
      parts.push(el('span', { text: String(email) }));
    }
    if (conversation.agent) {
      parts.push(el('span', { text: t.assignedTo(conversation.agentDisplayName || conversation.agent) }));
    }
    const info = sla(conversation);
    if (info && conversation.status !== 'closed') {
      parts.push(el('span', { class: `sla${info.breached ? ' breached' : ''}${info.met ? ' met' : ''}`, 'data-testid': 'conversation-sla',
        title: info.title, text: info.text }));
    }
    if (conversation.rating != null) {
      parts.push(el('span', { text: `${t.rating}: ${conversation.rating}/5` }));
    }
    ui.meta.replaceChildren(...parts);
  }

  function isMine() {
    return Boolean(current && me && current.status === 'assigned' && current.agent === me.name);
  }

  function updateLeft() {
    ui.left.hidden = !(current && current.customerOnline === false && current.status !== 'closed');
  }

  let sending = false;
  function updateControls() {
    const mine = isMine();
    ui.reply.disabled = !mine;
    ui.send.disabled = !mine || sending;
    ui.close.disabled = !mine;
    ui.transfer.disabled = !(mine || (isAdmin && current && current.status === 'assigned'));
    ui.openReplies.disabled = !mine;
    ui.openArticles.disabled = !mine;
    ui.note.disabled = !current || current.status === null;
    ui.addNote.disabled = ui.note.disabled;
    ui.claimSelected.hidden = !(current && (current.status === 'queued' || current.status === 'pending'));
    ui.reply.placeholder = mine ? t.replyPlaceholder
      : (current && current.status === 'closed' ? t.replyClosed : (current ? t.replyNotMine : t.replyPlaceholder));
    if (!mine) {
      closeCanned();
      ui.articles.hidden = true;
    }
    updateLeft();
  }

  const keyOf = (f) => (f.type === 'note' ? `n${f.number}` : `s${f.seq}`);

  /** Applies one GET of the conversation: header, controls, and the frames and notes not on screen yet. */
  function applyConversation(conversation) {
    Object.assign(current, {
      status: conversation.status,
      agent: conversation.agent,
      locale: conversation.locale,
      customer: conversation.customer,
      customerOnline: conversation.customerOnline,
      summary: conversation,
    });
    renderHeader(conversation);
    updateControls(); // before the frames, so the reply box is usable once the transcript shows
    const frames = (Array.isArray(conversation.frames) ? conversation.frames : [])
      .filter((f) => f && (f.type === 'note' ? Number.isFinite(Number(f.number)) : Number.isFinite(Number(f.seq))));
    const box = ui.transcript;
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
    let added = false;
    let previous = null; // the element of the last frame seen, in the server's order
    for (const frame of frames) {
      const key = keyOf(frame);
      if (shown.has(key)) {
        previous = shown.get(key) || previous; // exactly once: this one is on screen already
        continue;
      }
      const node = frameElement(frame);
      shown.set(key, node);
      if (!node) {
        continue;
      }
      box.insertBefore(node, previous ? previous.nextSibling : box.firstChild);
      previous = node;
      added = true;
    }
    if (added && atBottom) {
      box.scrollTop = box.scrollHeight;
    }
  }

  let transcriptLoading = null;
  let transcriptAgain = false;
  /**
   * Fetches the open conversation and shows what is new. Only one fetch runs at a time; events that
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
      current = { id, status: null, agent: null, locale: null, customer: null, customerOnline: null };
      shown.clear();
      ui.transcript.replaceChildren();
      ui.typing.textContent = '';
      ui.title.textContent = `${t.conversation} ${shortId(id)}`;
      ui.meta.replaceChildren(el('span', { text: t.loading }));
      ui.reply.value = '';
      updateControls();
    }
    unread.delete(id);
    unopened.delete(id);
    updateTitle();
    renderLists();
    if (transcriptLoading) {
      await transcriptLoading; // a fetch for the previous conversation: let it end, then load this one
    }
    return loadTranscript();
  }

  // ---------------------------------------------------------------- reply, typing, note, claim, close

  ui.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = ui.reply.value.trim();
    if (!text || !isMine() || sending) {
      return;
    }
    closeCanned();
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
      showNotice(errorText(e)); // the text stays in the box
    } finally {
      sending = false;
      updateControls();
      ui.reply.focus();
    }
  });

  let lastTypingSent = 0;
  /** Tells the customer the agent is typing, at most every 2 seconds. */
  function typingSignal() {
    if (!isMine() || !ui.reply.value.trim() || ui.reply.value.startsWith('/')) {
      return;
    }
    const now = Date.now();
    if (now - lastTypingSent < 2000) {
      return;
    }
    lastTypingSent = now;
    api('POST', `/api/agent/conversations/${enc(current.id)}/typing`).catch(() => {});
  }

  ui.reply.addEventListener('input', () => {
    typingSignal();
    cannedFromInput();
  });

  ui.reply.addEventListener('keydown', (event) => {
    if (!ui.canned.hidden && cannedKey(event)) {
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      ui.form.requestSubmit();
    }
  });

  ui.noteForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = ui.note.value.trim();
    if (!text || !current) {
      return;
    }
    ui.addNote.disabled = true;
    try {
      await api('POST', `/api/agent/conversations/${enc(current.id)}/notes`, { text });
      if (ui.note.value.trim() === text) {
        ui.note.value = '';
      }
      hideNotice();
      loadTranscript();
    } catch (e) {
      showNotice(errorText(e));
    } finally {
      updateControls();
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
      refreshSoon('mine', 'closed');
    } catch (e) {
      showNotice(errorText(e));
    } finally {
      updateControls();
    }
  });

  // ---------------------------------------------------------------- canned replies

  let cannedItems = [];
  let cannedIndex = 0;
  let cannedTimer = null;
  let cannedSerial = 0;
  let cannedAtCaret = false; // opened with the button over existing text, not with a leading /

  /** A canned reply's text for this conversation: {customer} and {agent} filled in. */
  function fillReply(text) {
    const name = current && current.customer && current.customer.name ? String(current.customer.name) : '';
    let filled = String(text);
    filled = name ? filled.replaceAll('{customer}', name)
      // no name: drop the placeholder with the space before it ("Hallo {customer}," → "Hallo,")
      : filled.replace(/[ \t]*\{customer\}/g, '').replace(/^[\s,]+/, '');
    return filled.replaceAll('{agent}', (me && (me.displayName || me.name)) || '');
  }

  function cannedFromInput() {
    const value = ui.reply.value;
    cannedAtCaret = false;
    if (!isMine() || !value.startsWith('/') || value.includes('\n')) {
      closeCanned();
      return;
    }
    clearTimeout(cannedTimer);
    cannedTimer = setTimeout(() => searchCanned(value.slice(1).trim()), 120);
  }

  async function searchCanned(q) {
    const serial = ++cannedSerial;
    const locale = current && current.locale ? current.locale : '';
    try {
      const { data } = await api('GET', `/api/agent/replies?q=${enc(q)}${locale ? `&locale=${enc(locale)}` : ''}`);
      if (serial !== cannedSerial || !(cannedAtCaret || ui.reply.value.startsWith('/'))) {
        return;
      }
      cannedItems = (Array.isArray(data) ? data : []).filter((r) => r && r.id).slice(0, 20);
      cannedIndex = 0;
      renderCanned();
    } catch (e) {
      showError(e);
    }
  }

  function renderCanned() {
    ui.canned.hidden = false;
    ui.reply.setAttribute('aria-expanded', 'true');
    if (!cannedItems.length) {
      ui.canned.replaceChildren(el('li', { class: 'picker-empty', text: t.cannedNone }));
      ui.reply.removeAttribute('aria-activedescendant');
      return;
    }
    ui.canned.replaceChildren(...cannedItems.map((reply, i) => el('li', {
      id: `canned-${i}`, role: 'option', class: 'picker-item', 'data-testid': 'canned-item', 'data-reply-id': reply.id,
      'aria-selected': String(i === cannedIndex),
      onmousedown: (event) => event.preventDefault(), // keep the focus in the reply box
      onclick: () => insertCanned(reply),
    }, el('span', { class: 'picker-title', text: reply.title }), el('span', { class: 'picker-text', text: fillReply(reply.text) }))));
    ui.reply.setAttribute('aria-activedescendant', `canned-${cannedIndex}`);
    const selected = ui.canned.children[cannedIndex];
    if (selected && selected.scrollIntoView) {
      selected.scrollIntoView({ block: 'nearest' });
    }
  }

  function closeCanned() {
    cannedSerial += 1;
    cannedAtCaret = false;
    clearTimeout(cannedTimer);
    ui.canned.hidden = true;
    ui.canned.replaceChildren();
    ui.reply.setAttribute('aria-expanded', 'false');
    ui.reply.removeAttribute('aria-activedescendant');
  }

  /** Keys while the list is open; true when the key was the list's. */
  function cannedKey(event) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (cannedItems.length) {
        cannedIndex = (cannedIndex + (event.key === 'ArrowDown' ? 1 : -1) + cannedItems.length) % cannedItems.length;
        renderCanned();
      }
      event.preventDefault();
      return true;
    }
    if (event.key === 'Enter' || event.key === 'Tab') {
      if (cannedItems.length) {
        event.preventDefault();
        insertCanned(cannedItems[cannedIndex]);
        return true;
      }
      return event.key === 'Tab' ? false : (event.preventDefault(), true);
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      closeCanned();
      return true;
    }
    return false;
  }

  function insertCanned(reply) {
    if (cannedAtCaret) {
      insertAtCaret(fillReply(reply.text));
    } else {
      ui.reply.value = fillReply(reply.text); // in place of the "/query"
      ui.reply.setSelectionRange(ui.reply.value.length, ui.reply.value.length);
    }
    closeCanned();
    ui.reply.focus();
    typingSignal();
  }

  ui.openReplies.addEventListener('click', () => {
    ui.reply.focus();
    if (!ui.reply.value.trim()) {
      ui.reply.value = '/';
      cannedFromInput();
    } else {
      cannedAtCaret = true; // text is there already: the reply goes in where the caret is
      searchCanned('');
    }
  });

  ui.reply.addEventListener('blur', () => setTimeout(() => {
    if (document.activeElement !== ui.reply) {
      closeCanned();
    }
  }, 150));

  // ---------------------------------------------------------------- article links

  let articleSerial = 0;
  async function searchArticles() {
    const q = ui.articleQ.value.trim();
    if (!q) {
      ui.articleResults.replaceChildren();
      ui.articleEmpty.hidden = true;
      return;
    }
    const serial = ++articleSerial;
    try {
      const { data } = await api('GET', `/api/agent/articles?q=${enc(q)}&locale=${enc(ui.articleLocale.value)}`);
      if (serial !== articleSerial) {
        return;
      }
      const hits = (Array.isArray(data) ? data : []).filter((a) => a && a.id);
      ui.articleResults.replaceChildren(...hits.map((a) => el('li', { role: 'option' },
        el('button', { type: 'button', class: 'picker-item', 'data-testid': 'article-item', 'data-article-id': a.id,
          onclick: () => insertArticle(a) },
        el('span', { class: 'picker-title', text: a.title }),
        el('span', { class: 'picker-text', text: [a.locale, a.category, a.url].filter(Boolean).join(' · ') })))));
      ui.articleEmpty.textContent = t.articleNone;
      ui.articleEmpty.hidden = hits.length > 0;
    } catch (e) {
      showError(e);
    }
  }

  /** Puts text where the caret is in the reply box, with a space on either side where needed. */
  function insertAtCaret(text) {
    const box = ui.reply;
    const start = box.selectionStart ?? box.value.length;
    const end = box.selectionEnd ?? box.value.length;
    const before = box.value.slice(0, start);
    const after = box.value.slice(end);
    const spaceBefore = before && !/\s$/.test(before) ? ' ' : '';
    const spaceAfter = after && !/^\s/.test(after) ? ' ' : '';
    box.value = `${before}${spaceBefore}${text}${spaceAfter}${after}`;
    const caret = (before + spaceBefore + text).length;
    box.focus();
    box.setSelectionRange(caret, caret);
  }

  function insertArticle(article) {
    ui.articles.hidden = true;
    insertAtCaret(`${article.title} – ${location.origin}${article.url || `/help/${encodeURIComponent(article.id)}`}`);
  }

  ui.openArticles.addEventListener('click', () => {
    ui.articles.hidden = !ui.articles.hidden;
    if (!ui.articles.hidden) {
      ui.articleLocale.value = current && current.locale === 'en' ? 'en' : (current && current.locale === 'de' ? 'de' : LANG);
      ui.articleQ.focus();
      if (ui.articleQ.value.trim()) {
        searchArticles();
      }
    }
  });
  ui.articlesForm.addEventListener('submit', (event) => {
    event.preventDefault();
    searchArticles();
  });
  let articleTimer = null;
  ui.articleQ.addEventListener('input', () => {
    clearTimeout(articleTimer);
    articleTimer = setTimeout(searchArticles, 300);
  });
  ui.articleLocale.addEventListener('change', searchArticles);
  ui.articles.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      ui.articles.hidden = true;
      ui.reply.focus();
    }
  });

  // ---------------------------------------------------------------- manage canned replies

  const rd = {
    dialog: $('[data-testid=replies-dialog]'),
    list: $('[data-testid=replies-list]'),
    form: $('[data-testid=reply-edit-form]'),
    id: $('[data-testid=r-id]'),
    title: $('[data-testid=r-title]'),
    locale: $('[data-testid=r-locale]'),
    text: $('[data-testid=r-text]'),
    error: $('[data-testid=reply-edit-error]'),
    del: $('[data-testid=r-delete]'),
  };
  let editing = null; // the reply being edited, or null for a new one

  function editReply(reply) {
    editing = reply;
    rd.id.value = reply ? reply.id : '';
    rd.id.readOnly = Boolean(reply);
    rd.title.value = reply ? reply.title : '';
    rd.locale.value = reply ? reply.locale : LANG;
    rd.text.value = reply ? reply.text : '';
    rd.del.hidden = !reply;
    rd.error.hidden = true;
    [...rd.list.querySelectorAll('.item')].forEach((item) => item.setAttribute('aria-current', String(Boolean(reply) && item.dataset.replyId === reply.id)));
  }

  async function loadReplies() {
    try {
      const { data } = await api('GET', '/api/agent/replies');
      const replies = (Array.isArray(data) ? data : []).filter((r) => r && r.id);
      rd.list.replaceChildren(...replies.map((r) => el('li', { class: 'item', 'data-reply-id': r.id, 'data-testid': 'replies-item' },
        el('button', { type: 'button', class: 'item-main', onclick: () => editReply(r) },
          el('span', { class: 'row' }, el('span', { class: 'name', text: r.title }), el('span', { class: 'tag', text: r.locale })),
          el('span', { class: 'sub', text: r.id })))));
      if (!replies.length) {
        rd.list.append(el('li', { class: 'empty', text: t.repliesEmpty }));
      }
      if (editing) {
        editReply(replies.find((r) => r.id === editing.id) || null);
      }
    } catch (e) {
      rd.error.textContent = errorText(e);
      rd.error.hidden = false;
    }
  }

  ui.manageReplies.addEventListener('click', () => {
    editReply(null);
    rd.dialog.showModal();
    loadReplies();
  });
  $('[data-testid=reply-new]').addEventListener('click', () => {
    editReply(null);
    rd.id.focus();
  });
  $('[data-testid=replies-close]').addEventListener('click', () => rd.dialog.close());
  rd.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { id: rd.id.value.trim(), title: rd.title.value.trim(), locale: rd.locale.value, text: rd.text.value.trim() };
    try {
      if (editing) {
        await api('PUT', `/api/agent/replies/${enc(editing.id)}`, body);
      } else {
        await api('POST', '/api/agent/replies', body);
      }
      editing = body;
      rd.error.hidden = true;
      showNotice(t.saved, 'info');
      await loadReplies();
    } catch (e) {
      rd.error.textContent = errorText(e);
      rd.error.hidden = false;
    }
  });
  rd.del.addEventListener('click', async () => {
    if (!editing || !window.confirm(t.confirmDelete(editing.title))) {
      return;
    }
    try {
      await api('DELETE', `/api/agent/replies/${enc(editing.id)}`);
      editReply(null);
      showNotice(t.deleted, 'info');
      await loadReplies();
    } catch (e) {
      rd.error.textContent = errorText(e);
      rd.error.hidden = false;
    }
  });

  // ---------------------------------------------------------------- transfer

  const td = {
    dialog: $('[data-testid=transfer-dialog]'),
    form: $('[data-testid=transfer-form]'),
    toAgent: $('[data-testid=transfer-to-agent]'),
    toTeam: $('[data-testid=transfer-to-team]'),
    agentField: $('[data-testid=transfer-agent-field]'),
    teamField: $('[data-testid=transfer-team-field]'),
    agent: $('[data-testid=transfer-agent]'),
    team: $('[data-testid=transfer-team]'),
    note: $('[data-testid=transfer-note]'),
    error: $('[data-testid=transfer-error]'),
    submit: $('[data-testid=transfer-submit]'),
  };

  function transferMode() {
    const toTeam = td.toTeam.checked;
    td.agentField.hidden = toTeam;
    td.teamField.hidden = !toTeam;
  }
  td.toAgent.addEventListener('change', transferMode);
  td.toTeam.addEventListener('change', transferMode);

  async function openTransfer() {
    if (!current) {
      return;
    }
    td.error.hidden = true;
    td.note.value = '';
    td.agent.replaceChildren();
    td.team.replaceChildren();
    td.toAgent.checked = true;
    transferMode();
    td.dialog.showModal();
    try {
      const [{ data: agents }, team] = await Promise.all([
        api('GET', '/api/agent/agents'),
        isAdmin ? api('GET', '/api/admin/team').catch(() => ({ data: null })) : Promise.resolve({ data: null }),
      ]);
      const everyone = (Array.isArray(agents) ? agents : []).filter((a) => a && a.name);
      agentNames = new Map(everyone.map((a) => [a.name, a.displayName || a.name]));
      const holder = current.agent;
      const others = everyone.filter((a) => a.name !== holder);
      const options = others.map((a) => {
        const room = a.status === 'online' && Number(a.active) < Number(a.capacity);
        const status = a.status === 'online' && !room ? t.full : (t.agentStatus[a.status] || a.status);
        return el('option', { value: a.name, disabled: !room, 'data-status': a.status, text: t.agentOption(a, status) });
      });
      options.sort((a, b) => Number(a.disabled) - Number(b.disabled));
      td.agent.replaceChildren(...options);
      const firstFree = options.find((o) => !o.disabled);
      if (firstFree) {
        td.agent.value = firstFree.value;
      } else {
        td.agent.prepend(el('option', { value: '', text: t.noAgents }));
        td.agent.value = '';
      }
      const teams = new Set();
      everyone.forEach((a) => (Array.isArray(a.teams) ? a.teams : []).forEach((name) => teams.add(String(name).toLowerCase())));
      if (team.data && Array.isArray(team.data.teams)) {
        team.data.teams.forEach((tm) => tm && tm.team && teams.add(String(tm.team).toLowerCase()));
      }
      const teamNames = [...teams].sort();
      td.team.replaceChildren(...teamNames.map((name) => el('option', { value: name, text: name })));
      td.toTeam.disabled = teamNames.length === 0 || !isMine();
      if (td.toTeam.disabled) {
        td.toTeam.closest('label').title = teamNames.length === 0 ? t.noTeams : '';
      }
    } catch (e) {
      td.error.textContent = errorText(e);
      td.error.hidden = false;
    }
  }

  ui.transfer.addEventListener('click', openTransfer);
  $('[data-testid=transfer-cancel]').addEventListener('click', () => td.dialog.close());
  td.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!current) {
      return;
    }
    const toTeam = td.toTeam.checked;
    const target = toTeam ? td.team.value : td.agent.value;
    if (!target) {
      td.error.textContent = t.errors.invalid_request;
      td.error.hidden = false;
      return;
    }
    const body = toTeam ? { team: target, note: td.note.value.trim() } : { agent: target, note: td.note.value.trim() };
    td.submit.disabled = true;
    try {
      await api('POST', `/api/agent/conversations/${enc(current.id)}/transfer`, body);
      td.dialog.close();
      showNotice(t.transferred, 'info');
      await loadTranscript();
      refreshSoon('mine', 'queue');
    } catch (e) {
      td.error.textContent = errorText(e);
      td.error.hidden = false;
    } finally {
      td.submit.disabled = false;
    }
  });

  // ---------------------------------------------------------------- presence

  function showPresence(status) {
    ui.presence.value = status;
    ui.presenceWrap.dataset.status = status;
  }

  async function loadPresence() {
    try {
      const { data } = await api('GET', '/api/agent/presence');
      ui.presenceWrap.hidden = false;
      if (data && data.status && document.activeElement !== ui.presence) {
        showPresence(data.status);
      }
    } catch (e) {
      if (e.status === 403) {
        ui.presenceWrap.hidden = true; // not an agent: no presence
      } else {
        showError(e);
      }
    }
  }

  ui.presence.addEventListener('change', async () => {
    const wanted = ui.presence.value;
    try {
      const { data } = await api('PUT', '/api/agent/presence', { status: wanted });
      showPresence(data && data.status ? data.status : wanted);
      refreshSoon('mine', 'queue');
    } catch (e) {
      showNotice(errorText(e));
      loadPresence();
    }
  });

  async function loadAgentNames() {
    try {
      const { data } = await api('GET', '/api/agent/agents');
      agentNames = new Map((Array.isArray(data) ? data : []).filter((a) => a && a.name).map((a) => [a.name, a.displayName || a.name]));
    } catch (e) {
      // names stay as user names
    }
  }

  // ---------------------------------------------------------------- live updates

  function reloadAll() {
    ['mine', 'queue', 'pending'].forEach(loadList);
    if (activeTab === 'closed') {
      loadList('closed');
    }
    loadTranscript();
  }

  function eventData(event) {
    try {
      return JSON.parse(event.data) || {};
    } catch (e) {
      return {};
    }
  }

  let typingTimer = null;
  function customerTyping() {
    ui.typing.textContent = t.customerTyping;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      ui.typing.textContent = '';
    }, 4000);
  }

  const connectEvents = window.LotseConsole.liveEvents({
    api,
    live: (on) => setLive(on),
    onOpen: () => reloadAll(), // whatever happened while the stream was down
    handlers: {
      queue: () => refreshSoon('queue', 'pending'),
      agents: () => {
        refreshSoon('mine', 'queue');
        loadPresence();
      },
      assigned: (event) => {
        const data = eventData(event);
        if (me && data.agent === me.name && data.conversationId) {
          if (!current || current.id !== data.conversationId) {
            unopened.add(data.conversationId);
            updateTitle();
          }
          chime();
        }
        refreshSoon('mine', 'queue', 'pending');
        if (current && current.id === data.conversationId) {
          loadTranscript();
        }
      },
      frame: (event) => {
        const id = eventData(event).conversationId;
        if (!id) {
          return;
        }
        if (current && current.id === id) {
          ui.typing.textContent = '';
          loadTranscript();
        } else if (lists.mine.some((c) => c.conversationId === id)) {
          unread.add(id);
          renderList('mine');
        }
        if (['mine', 'queue', 'pending'].some((k) => lists[k].some((c) => c.conversationId === id))) {
          refreshSoon('mine', 'queue', 'pending');
        }
      },
      note: (event) => {
        if (current && current.id === eventData(event).conversationId) {
          loadTranscript();
        }
      },
      typing: (event) => {
        if (current && current.id === eventData(event).conversationId) {
          customerTyping();
        }
      },
      customer: (event) => {
        const data = eventData(event);
        if (current && current.id === data.conversationId) {
          current.customerOnline = data.online === true;
          updateLeft();
        }
        ['mine', 'queue', 'pending'].forEach((kind) => {
          const entry = lists[kind].find((c) => c.conversationId === data.conversationId);
          if (entry) {
            entry.customerOnline = data.online === true;
            renderList(kind);
          }
        });
      },
    },
  });

  const setLive = (on) => window.LotseConsole.showLive(ui.live, on, t);

  // ---------------------------------------------------------------- start

  async function start() {
    translatePage();
    updateTitle();
    ui.lang.value = LANG;
    ui.lang.addEventListener('change', () => switchLang(ui.lang.value));
    setLive(false);
    updateControls();
    try {
      ({ data: me } = await api('GET', '/api/me'));
    } catch (e) {
      showError(e);
      return;
    }
    const roles = Array.isArray(me.roles) ? me.roles : [];
    isAdmin = roles.includes('ADMIN');
    ui.teamLink.hidden = !isAdmin;
    ui.me.textContent = t.signedInAs(me.displayName || me.name, me.name);
    if (!roles.includes('AGENT') && !isAdmin) {
      showNotice(t.noAgentRole);
    }
    loadPresence();
    loadAgentNames();
    ['mine', 'queue', 'pending'].forEach(loadList);
    connectEvents();
    // The countdowns tick every second; a slow full refresh covers any event that got lost.
    setInterval(() => {
      document.querySelectorAll('.list .item').forEach((item) => item.entry && tickItem(item));
      if (current && current.summary) {
        const slaNode = ui.meta.querySelector('[data-testid=conversation-sla]');
        const info = sla(current.summary);
        if (slaNode && info) {
          slaNode.textContent = info.text;
          slaNode.classList.toggle('breached', info.breached);
        }
      }
    }, 1000);
    setInterval(reloadAll, 30000);
  }

  window.LotseAgent = Object.freeze({ state: () => ({ unopened: [...unopened], chimes, current: current && current.id }) });

  start();
})();
