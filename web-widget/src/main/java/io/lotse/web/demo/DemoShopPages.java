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
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    @Bean
    RouterFunction<ServerResponse> demoShopRoutes() {
        String template = template();
        RouterFunctions.Builder routes = RouterFunctions.route();
        for (Page page : PAGES) {
            String german = render(template, values(page, "de"));
            String english = render(template, values(page, "en"));
            routes.GET(page.dePath(), request -> ServerResponse.ok().contentType(HTML).body(german));
            routes.GET(page.enPath(), request -> ServerResponse.ok().contentType(HTML).body(english));
        }
        return routes.build();
    }

    private static Map<String, String> values(Page page, String lang) {
        Map<String, String> values = new HashMap<>(TEXTS.get(lang));
        values.put("lang", lang);
        values.put("title", "de".equals(lang) ? page.deTitle() : page.enTitle());
        values.put("dePath", page.dePath());
        values.put("enPath", page.enPath());
        values.put("deCurrent", String.valueOf("de".equals(lang)));
        values.put("enCurrent", String.valueOf("en".equals(lang)));
        return values;
    }

    /** Fills every {@code {{name}}} of the template with its value, HTML-escaped. */
    static String render(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder html = new StringBuilder(template.length() + 512);
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("The demo page template uses {{" + matcher.group(1) + "}}, which has no value");
            }
            matcher.appendReplacement(html, Matcher.quoteReplacement(HtmlUtils.htmlEscape(value, "UTF-8")));
        }
        matcher.appendTail(html);
        return html.toString();
    }

    static String template() {
        try (InputStream in = DemoShopPages.class.getResourceAsStream("page.html")) {
            if (in == null) {
                throw new IllegalStateException("io/lotse/web/demo/page.html is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
