package io.lotse.web.chat;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The allow-list every article's HTML passes before it reaches a client (jsoup's {@link Cleaner}):
 * text structure, links and images only. Links keep only http(s), mailto or relative targets and open
 * in a new tab; images only a relative address on this server ({@code /images/x.png}), never another
 * site's or a {@code data:} one, and an image that is not allowed leaves its alt text. Every other
 * element keeps its text, every other attribute goes.
 */
final class ArticleHtml {

    /** Relative addresses are checked against this made-up origin: one that resolves elsewhere is not relative. */
    private static final String BASE = "https://lotse.invalid/";
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern IGNORED_BY_BROWSERS = Pattern.compile("[\\x00-\\x20\\x7f]");

    private static final Safelist ALLOWED = new Safelist()
            .addTags("p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "code", "pre", "blockquote",
                    "h1", "h2", "h3", "h4", "h5", "h6", "a", "hr", "img")
            .addAttributes("a", "href", "title")
            .addAttributes("img", "src", "alt", "title")
            .addAttributes("ol", "start")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addProtocols("img", "src", "http", "https")
            .addEnforcedAttribute("a", "target", "_blank")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
            .preserveRelativeLinks(true);

    private ArticleHtml() {}

    /** The HTML with only what the allow-list keeps. */
    static String sanitize(String html) {
        Document clean = new Cleaner(ALLOWED).clean(Jsoup.parseBodyFragment(html == null ? "" : html, BASE));
        for (Element image : clean.select("img")) {
            if (!isOwnImage(image)) {
                image.replaceWith(new TextNode(image.attr("alt")));
            }
        }
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }

    /** A relative address that stays on this server, as a browser reads it (it ignores spaces and takes \ for /). */
    private static boolean isOwnImage(Element image) {
        String src = IGNORED_BY_BROWSERS.matcher(image.attr("src")).replaceAll("").replace('\\', '/');
        return !src.isEmpty() && !src.startsWith("//") && !SCHEME.matcher(src).find()
                && image.absUrl("src").startsWith(BASE);
    }
}
