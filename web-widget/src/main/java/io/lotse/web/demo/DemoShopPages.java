package io.lotse.web.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * The pages of the demo shop "Nordlicht" that the sample articles link to ({@code /konto/bestellungen},
 * {@code /en/contact}, …): a customer who follows a link in the bot's answer lands on a page of the
 * shop, with the chat still open, instead of on an error. Each is the same small page with its own
 * title, in German or English; paths not listed here still answer the JSON 404.
 */
@Configuration(proxyBeanMethods = false)
class DemoShopPages {

    /** A page of the shop in German and its English counterpart. */
    record Page(String dePath, String deTitle, String enPath, String enTitle) {}

    static final List<Page> PAGES = List.of(
            new Page("/anmelden", "Anmelden", "/en/login", "Sign in"),
            new Page("/passwort-vergessen", "Passwort zurücksetzen", "/en/forgot-password", "Reset your password"),
            new Page("/konto", "Mein Konto", "/en/account", "My account"),
            new Page("/konto/bestellungen", "Mein Konto → Bestellungen", "/en/account/orders", "My account → Orders"),
            new Page("/konto/rechnungen", "Mein Konto → Rechnungen", "/en/account/invoices", "My account → Invoices"),
            new Page("/konto/adressen", "Mein Konto → Adressen", "/en/account/addresses", "My account → Addresses"),
            new Page("/konto/vertrag", "Mein Konto → Vertrag", "/en/account/contract", "My account → Contract"),
            new Page("/konto/einstellungen", "Mein Konto → Einstellungen", "/en/account/settings", "My account → Settings"),
            new Page("/bestellstatus", "Bestellstatus abfragen", "/en/order-status", "Order status"),
            new Page("/retoure", "Retourenformular", "/en/returns", "Returns form"),
            new Page("/kuendigen", "Kündigungsformular", "/en/cancel", "Cancellation form"),
            new Page("/kontakt", "Kontakt", "/en/contact", "Contact"),
            new Page("/geschaeftskunden", "Geschäftskunden", "/en/business", "Business customers"),
            new Page("/geschenkkarte", "Geschenkkarte: Guthaben abfragen", "/en/gift-card", "Gift card balance"),
            new Page("/newsletter", "Newsletter", "/en/newsletter", "Newsletter"),
            new Page("/stoerungen", "Störungen", "/en/outages", "Outages"),
            new Page("/speedtest", "Speedtest", "/en/speedtest", "Speed test"),
            new Page("/shop/mesh", "Mesh-WLAN", "/en/shop/mesh", "Mesh Wi-Fi"),
            new Page("/datenschutz", "Datenschutz", "/en/privacy", "Privacy"));

    /** The words around the title, per language. */
    private static final Map<String, Map<String, String>> TEXTS = Map.of(
            "de", Map.ofEntries(
                    Map.entry("home", "/"),
                    Map.entry("homeLabel", "Startseite"),
                    Map.entry("navLabel", "Hauptnavigation"),
                    Map.entry("navShipping", "Versand"),
                    Map.entry("navReturns", "Rückgabe"),
                    Map.entry("navTariffs", "Internet-Tarife"),
                    Map.entry("navHelp", "Hilfe"),
                    Map.entry("langLabel", "Sprache"),
                    Map.entry("demoText", "Diese Seite gehört zum Demo-Shop „Nordlicht“, einem erfundenen Online-Shop: "
                            + "Hier gibt es nichts zu bestellen, zu ändern oder abzuschicken."),
                    Map.entry("chatText", "Noch Fragen? Der Chat unten rechts ist auch auf dieser Seite für Sie da."),
                    Map.entry("backLabel", "Zurück zur Startseite"),
                    Map.entry("contactPath", "/kontakt"),
                    Map.entry("contactLabel", "Kontakt"),
                    Map.entry("privacyPath", "/datenschutz"),
                    Map.entry("privacyLabel", "Datenschutz"),
                    Map.entry("footerText", "© 2026 Nordlicht GmbH (fiktiv) · Eine Demo-Seite für den Lotse-Chat.")),
            "en", Map.ofEntries(
                    Map.entry("home", "/?lang=en"),
                    Map.entry("homeLabel", "Home"),
                    Map.entry("navLabel", "Main navigation"),
                    Map.entry("navShipping", "Shipping"),
                    Map.entry("navReturns", "Returns"),
                    Map.entry("navTariffs", "Internet plans"),
                    Map.entry("navHelp", "Help"),
                    Map.entry("langLabel", "Language"),
                    Map.entry("demoText", "This page belongs to the demo shop “Nordlicht”, a made-up online shop: "
                            + "there is nothing to order, change or send here."),
                    Map.entry("chatText", "Any questions? The chat in the bottom right corner is here for you on this page too."),
                    Map.entry("backLabel", "Back to the home page"),
                    Map.entry("contactPath", "/en/contact"),
                    Map.entry("contactLabel", "Contact"),
                    Map.entry("privacyPath", "/en/privacy"),
                    Map.entry("privacyLabel", "Privacy"),
                    Map.entry("footerText", "© 2026 Nordlicht GmbH (fictional) · A demo site for the Lotse chat.")));

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    /** {@code {{name}}}: a text, escaped; {@code {{{name}}}}: HTML made by this application, inserted as it is. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\{(\\w+)}}}|\\{\\{(\\w+)}}");

    @Bean
    RouterFunction<ServerResponse> demoShopRoutes() {
        String template = template();
        String card = template("demo-card.html");
        RouterFunctions.Builder routes = RouterFunctions.route();
        for (Page page : PAGES) {
            String german = page(template, card, values(page, "de"));
            String english = page(template, card, values(page, "en"));
            routes.GET(page.dePath(), request -> ServerResponse.ok().contentType(HTML).body(german));
            routes.GET(page.enPath(), request -> ServerResponse.ok().contentType(HTML).body(english));
        }
        return routes.build();
    }

    private static Map<String, String> values(Page page, String lang) {
        return values(lang, "de".equals(lang) ? page.deTitle() : page.enTitle(), page.dePath(), page.enPath());
    }

    /** The words of a shop page in one language, with its title and the addresses of its German and English versions. */
    static Map<String, String> values(String lang, String title, String dePath, String enPath) {
        Map<String, String> values = new HashMap<>(TEXTS.get(lang));
        values.put("lang", lang);
        values.put("title", title);
        values.put("dePath", dePath);
        values.put("enPath", enPath);
        values.put("deCurrent", String.valueOf("de".equals(lang)));
        values.put("enCurrent", String.valueOf("en".equals(lang)));
        return values;
    }

    /** A whole page of the shop: the card filled in with the values, then the page around it. */
    static String page(String template, String card, Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("content", render(card, values));
        return render(template, all);
    }

    /**
     * Fills every {@code {{name}}} of the template with its value, HTML-escaped, and every
     * {@code {{{name}}}} with its value as it is (HTML this application made: a rendered card, an
     * article's sanitised HTML).
     */
    static String render(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder html = new StringBuilder(template.length() + 512);
        while (matcher.find()) {
            boolean raw = matcher.group(1) != null;
            String name = raw ? matcher.group(1) : matcher.group(2);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalStateException("The demo page template uses {{" + name + "}}, which has no value");
            }
            matcher.appendReplacement(html, Matcher.quoteReplacement(raw ? value : HtmlUtils.htmlEscape(value, "UTF-8")));
        }
        matcher.appendTail(html);
        return html.toString();
    }

    static String template() {
        return template("page.html");
    }

    /** A template next to this class: the page, or a card that goes into it. */
    static String template(String name) {
        try (InputStream in = DemoShopPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("io/lotse/web/demo/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
