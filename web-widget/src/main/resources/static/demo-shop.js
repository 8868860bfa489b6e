/*
 * The demo shop's own script (index.html), deferred before the widget: the page's language from ?lang=en
 * (default German), set before the widget reads <html lang>, and the English texts of the page (the
 * German ones are in the markup).
 */
// The page language comes from ?lang=en (default German). It is set before the widget runs,
// since the widget reads <html lang> when it starts.
(function () {
  var lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'de';
  document.documentElement.lang = lang;
})();
// English texts of the page; the German ones are in the markup. Runs before the deferred widget.
(function () {
  var lang = document.documentElement.lang;
  var en = {
    navLabel: 'Main navigation', langLabel: 'Language',
    navShipping: 'Shipping', navReturns: 'Returns', navTariffs: 'Internet plans', navHelp: 'Help',
    heroTitle: 'Everything for your digital home',
    heroText: 'Devices, accessories and fast internet from one place – with service that really helps.',
    heroTariffs: 'Compare plans', heroShipping: 'Shipping & returns',
    shippingTitle: 'Shipping & delivery',
    standardTitle: 'Standard shipping',
    standardText: 'Delivery in 1–3 working days for €4.95. Free shipping on orders of €50 or more.',
    expressTitle: 'Express shipping',
    expressText: 'Ordered by 12 noon, delivered the next working day – for €9.90.',
    trackingTitle: 'Parcel tracking',
    trackingText: 'As soon as your parcel is on its way, we email you the tracking link.',
    returnsTitle: 'Returns & exchanges',
    thirtyTitle: '30-day returns',
    thirtyText: 'Not happy with something? Simply send it back within 30 days.',
    labelTitle: 'Free return label',
    labelText: 'You find the label in your customer account under “Orders”.',
    refundTitle: 'Fast refunds',
    refundText: 'We check your return within 5 working days and refund right after.',
    tariffsTitle: 'Internet plans',
    price1: '€29.99 / month', price2: '€39.99 / month', price3: '€59.99 / month',
    dslText: 'Up to 100 Mbit/s download, 40 Mbit/s upload. Ideal for streaming and working from home.',
    fiber300Text: '300 Mbit/s symmetrical – for families with many devices.',
    fiber1000Text: 'One gigabit for gamers, creators and everyone who hates waiting.',
    tariffsFine: 'All plans include a Wi-Fi router, a flat rate for calls to German landlines and a 24-month minimum term; cancel monthly for €5 extra. Fictional offers on a demo site.',
    helpTitle: 'Help & contact',
    helpText: 'Questions about delivery, returns or your connection? Our digital assistant answers around the clock – and if you like, a person from our service team takes over.',
    helpButton: 'Open chat',
    imprint: 'Imprint', privacy: 'Privacy', terms: 'Terms',
    footerText: '© 2026 Nordlicht GmbH (fictional) · A demo site for the Lotse chat.'
  };
  if (lang === 'en') {
    document.title = 'Nordlicht – Tech & internet for your home';
    document.querySelectorAll('[data-i18n]').forEach(function (node) {
      var text = en[node.getAttribute('data-i18n')];
      if (text) { node.textContent = text; }
    });
    document.querySelectorAll('[data-i18n-aria-label]').forEach(function (node) {
      var text = en[node.getAttribute('data-i18n-aria-label')];
      if (text) { node.setAttribute('aria-label', text); }
    });
  }
  document.querySelectorAll('.langs a').forEach(function (link) {
    link.setAttribute('aria-current', String(link.getAttribute('data-lang') === lang));
  });
  // The page may drive the widget through its small API.
  document.getElementById('open-chat').addEventListener('click', function () {
    if (window.LotseChat) { window.LotseChat.open(); }
  });
})();
