/*
 * The one sanitiser of article HTML in the browser: DOMPurify with the product's allow-list. The server
 * already sends article HTML sanitised; this is the second line of defence, for the widget (bundled
 * into /widget.js together with DOMPurify) and the console pages (loaded after
 * /vendor/dompurify/purify.min.js).
 *
 * Kept: text, paragraphs, emphasis, lists, code, quotes, headings, rules, links and images. Links only
 * to http(s), mailto or relative addresses, opened in a new tab; images only from the page's own
 * origin or another allowed one (the Lotse server's, for the widget on a shop's site), never from
 * other sites or data: addresses. Every other attribute goes.
 */
// eslint-disable-next-line no-unused-vars
const LotseArticleHtml = ((DOMPurify) => {
  'use strict';

  const TAGS = ['p', 'strong', 'em', 'b', 'i', 'ul', 'ol', 'li', 'code', 'pre', 'br', 'blockquote',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'hr', 'img'];
  const ATTRIBUTES = ['href', 'src', 'alt', 'title'];
  // http(s), mailto, or an address without a scheme ("/kontakt", "faq#x", "?q=1"), but not "//host/".
  const LINK = /^(?:https?:|mailto:|(?![a-z][a-z0-9+.-]*:)(?!\/\/)(?!\\\\))/i;

  // A DOMPurify of our own, so that our hooks never touch a page's own DOMPurify.
  const purify = DOMPurify(window);
  let imageOrigins = [];

  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href');
      if (href != null && !LINK.test(href.trim())) {
        node.removeAttribute('href');
      }
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    } else if (node.tagName === 'IMG' && !allowedImage(node.getAttribute('src'))) {
      node.removeAttribute('src'); // nothing loads; fragment() puts the alt text in its place
    }
  });

  function allowedImage(src) {
    if (!src) {
      return false;
    }
    try {
      const url = new URL(src.trim(), location.href);
      return /^https?:$/.test(url.protocol) && (url.origin === location.origin || imageOrigins.includes(url.origin));
    } catch (e) {
      return false;
    }
  }

  /**
   * The article HTML as a fragment of sanitised nodes, safe to append. `otherImageOrigins`: origins
   * besides the page's own whose images may show.
   */
  function fragment(html, otherImageOrigins) {
    imageOrigins = otherImageOrigins || [];
    const result = purify.sanitize(String(html == null ? '' : html), {
      ALLOWED_TAGS: TAGS,
      ALLOWED_ATTR: ATTRIBUTES,
      ALLOWED_URI_REGEXP: LINK,
      ALLOW_DATA_ATTR: false,
      RETURN_DOM_FRAGMENT: true,
    });
    result.querySelectorAll('img:not([src])').forEach((img) => img.replaceWith(img.getAttribute('alt') || ''));
    return result;
  }

  return Object.freeze({ fragment });
})(DOMPurify);
