package io.lotse.web.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoShopPagesTests {

    @Test
    void escapesEveryValue() {
        String html = DemoShopPages.render("<h1>{{title}}</h1><a href=\"{{href}}\">x</a>",
                Map.of("title", "<script>alert('x')</script> & Co", "href", "/\"><img src=x>"));
        assertThat(html).isEqualTo("<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co</h1>"
                + "<a href=\"/&quot;&gt;&lt;img src=x&gt;\">x</a>");
    }

    @Test
    void keepsLettersAndArrowsAsTheyAre() {
        assertThat(DemoShopPages.render("{{t}}", Map.of("t", "Mein Konto → Störungen „Nordlicht“ $1 \\")))
                .isEqualTo("Mein Konto → Störungen „Nordlicht“ $1 \\");
    }

    @Test
    void aPlaceholderWithoutValueIsAnError() {
        assertThatIllegalStateException().isThrownBy(() -> DemoShopPages.render("{{missing}}", Map.of()));
    }

    @Test
    void everyPathAppearsOnce() {
        Set<String> paths = new HashSet<>();
        for (DemoShopPages.Page page : DemoShopPages.PAGES) {
            assertThat(paths.add(page.dePath())).as(page.dePath()).isTrue();
            assertThat(paths.add(page.enPath())).as(page.enPath()).isTrue();
            assertThat(page.enPath()).startsWith("/en/");
            assertThat(page.dePath()).doesNotStartWith("/en/");
        }
    }
}
