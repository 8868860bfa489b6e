/*
 * Lotse team view (role ADMIN): every agent with presence, open conversations and capacity; the queue
 * per team with its waiting count and service-level breaches; reassigning a waiting conversation or an
 * agent's conversation to another agent (the agent API's transfer, which an administrator may use on
 * any conversation). Refreshed on the agents' event stream.
 *
 * Server strings are written with textContent only, never as HTML.
 */
(() => {
  'use strict';

  const TEXTS = {
    en: {
      skip: 'Skip to the agents',
      product: 'Team view',
      console: 'Agent console',
      signOut: 'Sign out',
      language: 'Language',
      live: 'Live',
      offline: 'Offline – reconnecting …',
      dismiss: 'Dismiss',
      agents: 'Agents',
      agent: 'Agent',
      status: 'Status',
      teams: 'Teams',
      load: 'Open / capacity',
      openConversations: 'Open conversations',
      queues: 'Queue per team',
      statuses: { online: 'online', away: 'away', offline: 'offline' },
      general: 'General (no team)',
      generalShort: 'general',
      onlineCount: (n) => `${n} online`,
      waitingCount: (n) => `${n} waiting`,
      breachCount: (n) => `${n} breached`,
      nobodyWaiting: 'Nobody is waiting.',
      none: '–',
      customer: 'Customer',
      tier: 'Tier',
      waited: 'Waiting',
      sla: 'SLA',
      reason: 'Reason',
      lastText: 'Last message',
      action: '',
      anonymous: 'Anonymous',
      reassign: 'Reassign',
      reassignTitle: 'Reassign the conversation',
      reassignTo: 'To agent',
      reassignHelp: 'Only agents who are online and have room can take it.',
      reassignNote: 'Note for the agent (internal)',
      reassigned: 'The conversation has been reassigned.',
      cancel: 'Cancel',
      noAgents: 'No agent is online with room.',
      full: 'full',
      agentOption: (a, status) => `${a.displayName || a.name} – ${status}, ${a.active}/${a.capacity}`,
      statAgentsOnline: 'agents online',
      statWaiting: 'waiting',
      statBreached: 'service level breached',
      statOpen: 'open conversations',
      reasons: {
        customer_request: 'Asked for a person',
        low_confidence: 'Bot not confident',
        guide_exhausted: 'Guide did not help',
        frustration: 'Customer frustrated',
      },
      what: (name, from) => (from ? `${name} – now with ${from}` : `${name} – waiting`),
      network: 'The server cannot be reached. Check your connection.',
      noAdmin: 'The team view needs the ADMIN role.',
      errors: {
        agent_unavailable: 'That agent is not online or has no room any more. Choose another one.',
        unknown_agent: 'There is no such agent.',
        conversation_closed: 'This conversation has ended.',
      },
    },
    de: {
      skip: 'Zu den Mitarbeitern springen',
      product: 'Teamansicht',
      console: 'Agenten-Konsole',
      signOut: 'Abmelden',
      language: 'Sprache',
      live: 'Live',
      offline: 'Offline – neuer Versuch …',
      dismiss: 'Schließen',
      agents: 'Mitarbeiter',
      agent: 'Mitarbeiter',
      status: 'Status',
      teams: 'Teams',
      load: 'Offen / Kapazität',
      openConversations: 'Offene Gespräche',
      queues: 'Warteschlange je Team',
      statuses: { online: 'online', away: 'abwesend', offline: 'offline' },
      general: 'Allgemein (ohne Team)',
      generalShort: 'allgemein',
      onlineCount: (n) => `${n} online`,
      waitingCount: (n) => `${n} wartend`,
      breachCount: (n) => `${n} überfällig`,
      nobodyWaiting: 'Niemand wartet.',
      none: '–',
      customer: 'Kunde',
      tier: 'Stufe',
      waited: 'Wartet',
      sla: 'SLA',
      reason: 'Grund',
      lastText: 'Letzte Nachricht',
      action: '',
      anonymous: 'Anonym',
      reassign: 'Neu zuweisen',
      reassignTitle: 'Gespräch neu zuweisen',
      reassignTo: 'An Mitarbeiter',
      reassignHelp: 'Nur Mitarbeiter, die online sind und Platz haben, können es übernehmen.',
      reassignNote: 'Notiz für den Mitarbeiter (intern)',
      reassigned: 'Das Gespräch wurde neu zugewiesen.',
      cancel: 'Abbrechen',
      noAgents: 'Kein Mitarbeiter ist online und hat Platz.',
      full: 'voll',
      agentOption: (a, status) => `${a.displayName || a.name} – ${status}, ${a.active}/${a.capacity}`,
      statAgentsOnline: 'Mitarbeiter online',
      statWaiting: 'wartend',
      statBreached: 'Servicelevel verletzt',
      statOpen: 'offene Gespräche',
      reasons: {
        customer_request: 'Wunsch nach einem Menschen',
        low_confidence: 'Bot unsicher',
        guide_exhausted: 'Anleitung half nicht',
        frustration: 'Kunde verärgert',
      },
      what: (name, from) => (from ? `${name} – derzeit bei ${from}` : `${name} – wartet`),
      network: 'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung.',
      noAdmin: 'Die Teamansicht braucht die Rolle ADMIN.',
      errors: {
        agent_unavailable: 'Dieser Mitarbeiter ist nicht mehr online oder hat keinen Platz mehr. Bitte wählen Sie einen anderen.',
        unknown_agent: 'Diesen Mitarbeiter gibt es nicht.',
        conversation_closed: 'Dieses Gespräch ist beendet.',
      },
    },
  };

  const { $, el, enc, createApi, createNotice, consoleLang, switchLang, duration } = window.LotseConsole;
  const LANG = consoleLang();
  const t = TEXTS[LANG];
  const api = createApi({ loginPath: '/team', networkMessage: t.network, cookieRequestHeaders: { Accept: 'application/json' } });
  const { showNotice, showError } = createNotice($('[data-testid=notice]'));
  const errorText = (e) => (e && t.errors[e.code]) || (e && e.message) || String(e);

  const ui = {
    live: $('[data-testid=live]'),
    me: $('[data-testid=me]'),
    summary: $('[data-testid=summary]'),
    agents: $('[data-testid=agents] tbody'),
    teams: $('[data-testid=teams]'),
  };

  function translatePage() {
    window.LotseConsole.translatePage(LANG, t);
    document.title = `Lotse – ${t.product}`;
  }

  const shortId = (id) => String(id || '').slice(0, 8);
  const nameOf = (c) => (c.customer && (c.customer.name || c.customer.email)) || c.contactEmail || `${t.anonymous} · ${shortId(c.conversationId)}`;
  const tierBadge = (tier) => (tier ? el('span', { class: `tier tier-${String(tier).toLowerCase()}`, text: tier }) : null);

  // ---------------------------------------------------------------- data

  let view = { agents: [], teams: [], queueLength: 0 };
  let assigned = [];
  let fetchedAt = 0; // performance.now() of the last answer

  let loading = null;
  let again = false;
  function load() {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      try {
        do {
          again = false;
          const [team, conversations] = await Promise.all([
            api('GET', '/api/admin/team'),
            api('GET', '/api/agent/conversations?status=assigned'),
          ]);
          view = team.data || view;
          assigned = Array.isArray(conversations.data) ? conversations.data : [];
          fetchedAt = performance.now();
          render();
        } while (again);
      } catch (e) {
        showError(e);
      } finally {
        loading = null;
      }
    })();
    return loading;
  }

  let loadTimer = null;
  function loadSoon() {
    clearTimeout(loadTimer);
    loadTimer = setTimeout(load, 300);
  }

  // ---------------------------------------------------------------- rendering

  function stat(value, label, bad, testid) {
    return el('div', { class: `stat${bad ? ' bad' : ''}`, 'data-testid': testid },
      el('div', { class: 'value', text: String(value) }), el('div', { class: 'label', text: label }));
  }

  /** Remaining time to dueAt, as text and whether it has passed. */
  function countdown(entry) {
    if (!entry.dueAt) {
      return null;
    }
    const remaining = (new Date(entry.dueAt).getTime() - Date.now()) / 1000;
    const breached = Boolean(entry.breached) || remaining < 0;
    return { text: `${remaining < 0 ? '−' : ''}${duration(Math.abs(remaining))}`, breached };
  }

  function render() {
    const agents = Array.isArray(view.agents) ? view.agents : [];
    const teams = Array.isArray(view.teams) ? view.teams : [];
    const breached = teams.reduce((n, team) => n + Number(team.breached || 0), 0);
    ui.summary.replaceChildren(
      stat(agents.filter((a) => a.status === 'online').length, t.statAgentsOnline, false, 'stat-online'),
      stat(Number(view.queueLength || 0), t.statWaiting, false, 'stat-waiting'),
      stat(breached, t.statBreached, breached > 0, 'stat-breached'),
      stat(assigned.length, t.statOpen, false, 'stat-open'));

    ui.agents.replaceChildren(...agents.map((a) => {
      const mine = assigned.filter((c) => c.agent === a.name);
      const capacity = Math.max(1, Number(a.capacity) || 1);
      const active = Number(a.active) || 0;
      const fill = el('span');
      fill.style.width = `${Math.min(100, Math.round((active / capacity) * 100))}%`;
      const bar = el('span', { class: `load${active >= capacity ? ' full' : ''}`, 'aria-hidden': 'true' }, fill);
      return el('tr', { 'data-testid': 'agent-row', 'data-agent': a.name },
        el('td', {}, el('strong', { text: a.displayName || a.name }), el('div', { class: 'muted', text: a.name })),
        el('td', {}, el('span', { class: `status-pill ${a.status}`, 'data-testid': 'agent-status', text: t.statuses[a.status] || a.status })),
        el('td', { text: (Array.isArray(a.teams) && a.teams.length ? a.teams.join(', ') : t.generalShort) }),
        el('td', { class: 'num', 'data-testid': 'agent-load' }, `${active} / ${capacity}`, bar),
        el('td', {}, mine.length ? el('ul', { class: 'conv-list' }, ...mine.map((c) => el('li', { 'data-testid': 'agent-conversation', 'data-conversation-id': c.conversationId },
          tierBadge(c.tier),
          el('span', { text: nameOf(c), title: c.conversationId }),
          c.team ? el('span', { class: 'tag team', text: c.team }) : null,
          c.breached ? el('span', { class: 'sla breached', text: t.sla }) : null,
          el('button', { type: 'button', class: 'btn small secondary', 'data-testid': 'reassign', text: t.reassign,
            onclick: () => openReassign(c, a) })))) : t.none));
    }));

    ui.teams.replaceChildren(...teams.map((team) => {
      const queue = Array.isArray(team.queue) ? team.queue : [];
      const heading = el('h3', {},
        el('span', { text: team.team ? team.team : t.general }),
        el('span', { class: 'tag', text: t.onlineCount(Number(team.online || 0)) }),
        el('span', { class: 'tag', 'data-testid': 'team-waiting', text: t.waitingCount(Number(team.waiting || 0)) }),
        Number(team.breached || 0) > 0 ? el('span', { class: 'breach-count', 'data-testid': 'team-breached', text: t.breachCount(Number(team.breached)) }) : null);
      const body = queue.length === 0 ? el('p', { class: 'empty', text: t.nobodyWaiting }) : el('div', { class: 'table-wrap' },
        el('table', { class: 'grid' },
          el('thead', {}, el('tr', {}, ...[t.customer, t.tier, t.waited, t.sla, t.reason, t.lastText, t.action].map((h) => el('th', { text: h })))),
          el('tbody', {}, ...queue.map((entry) => {
            const info = countdown(entry);
            const row = el('tr', { 'data-testid': 'queue-row', 'data-conversation-id': entry.conversationId, class: info && info.breached ? 'breached' : '' },
              el('td', { text: nameOf(entry), title: entry.conversationId }),
              el('td', {}, tierBadge(entry.tier) || t.none),
              el('td', { class: 'num wait-cell' }),
              el('td', { class: 'num sla-cell' }),
              el('td', { text: t.reasons[entry.reason] || String(entry.reason || '') }),
              el('td', { text: entry.lastCustomerText || '' }),
              el('td', {}, el('button', { type: 'button', class: 'btn small', 'data-testid': 'reassign', text: t.reassign,
                onclick: () => openReassign(entry, null) })));
            row.entry = entry;
            tick(row);
            return row;
          }))));
      return el('div', { class: 'team-block', 'data-testid': 'team-block', 'data-team': team.team || '' },
        el('div', { class: 'card-head' }, heading), body);
    }));
  }

  function tick(row) {
    const entry = row.entry;
    const waited = Number(entry.waitingSeconds || 0) + (performance.now() - fetchedAt) / 1000;
    row.querySelector('.wait-cell').textContent = duration(waited);
    const info = countdown(entry);
    const cell = row.querySelector('.sla-cell');
    cell.replaceChildren(info ? el('span', { class: `sla${info.breached ? ' breached' : ''}`, text: info.text }) : t.none);
    row.classList.toggle('breached', Boolean(info && info.breached));
  }

  // ---------------------------------------------------------------- reassign

  const rd = {
    dialog: $('[data-testid=reassign-dialog]'),
    form: $('[data-testid=reassign-form]'),
    what: $('[data-testid=reassign-what]'),
    agent: $('[data-testid=reassign-agent]'),
    note: $('[data-testid=reassign-note]'),
    error: $('[data-testid=reassign-error]'),
    submit: $('[data-testid=reassign-submit]'),
  };
  let reassigning = null;

  function openReassign(conversation, holder) {
    reassigning = conversation;
    rd.what.textContent = t.what(nameOf(conversation), holder ? holder.displayName || holder.name : null);
    rd.note.value = '';
    rd.error.hidden = true;
    const agents = (Array.isArray(view.agents) ? view.agents : []).filter((a) => !holder || a.name !== holder.name);
    const options = agents.map((a) => {
      const room = a.status === 'online' && Number(a.active) < Number(a.capacity);
      const status = a.status === 'online' && !room ? t.full : (t.statuses[a.status] || a.status);
      return el('option', { value: a.name, disabled: !room, text: t.agentOption(a, status) });
    }).sort((a, b) => Number(a.disabled) - Number(b.disabled));
    rd.agent.replaceChildren(...options);
    const free = options.find((o) => !o.disabled);
    if (free) {
      rd.agent.value = free.value;
    } else {
      rd.agent.prepend(el('option', { value: '', text: t.noAgents }));
      rd.agent.value = '';
    }
    rd.dialog.showModal();
  }

  $('[data-testid=reassign-cancel]').addEventListener('click', () => rd.dialog.close());
  rd.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!reassigning || !rd.agent.value) {
      return;
    }
    rd.submit.disabled = true;
    try {
      await api('POST', `/api/agent/conversations/${enc(reassigning.conversationId)}/transfer`,
        { agent: rd.agent.value, note: rd.note.value.trim() });
      rd.dialog.close();
      showNotice(t.reassigned, 'info');
      load();
    } catch (e) {
      rd.error.textContent = errorText(e);
      rd.error.hidden = false;
    } finally {
      rd.submit.disabled = false;
    }
  });

  // ---------------------------------------------------------------- live updates

  const connectEvents = window.LotseConsole.liveEvents({
    api,
    live: (on) => setLive(on),
    onOpen: () => load(),
    handlers: Object.fromEntries(['queue', 'assigned', 'agents', 'customer'].map((name) => [name, loadSoon])),
  });

  const setLive = (on) => window.LotseConsole.showLive(ui.live, on, t);

  async function start() {
    translatePage();
    const lang = $('[data-testid=lang]');
    lang.value = LANG;
    lang.addEventListener('change', () => switchLang(lang.value));
    setLive(false);
    try {
      const { data: me } = await api('GET', '/api/me');
      ui.me.textContent = `${me.displayName || me.name} (${me.name})`;
      if (!Array.isArray(me.roles) || !me.roles.includes('ADMIN')) {
        showNotice(t.noAdmin);
        return;
      }
    } catch (e) {
      showError(e);
      return;
    }
    load();
    connectEvents();
    setInterval(() => ui.teams.querySelectorAll('[data-testid=queue-row]').forEach(tick), 1000);
    setInterval(load, 15000);
  }

  start();
})();
