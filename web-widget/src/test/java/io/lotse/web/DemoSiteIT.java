package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo shop around the widget. */
class DemoSiteIT extends AppIT {

    @Test
    void servesTheIconWithoutASignIn() {
        Api.Response ico = api().get("/favicon.ico", null);
        assertThat(ico.status()).isEqualTo(200);
        assertThat(ico.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/"));

        Api.Response svg = api().get("/favicon.svg", null);
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));

        for (String page : new String[] {"/", "/index.html"}) {
            assertThat(api().get(page, null).body()).contains("<link rel=\"icon\" href=\"/favicon.svg\"");
        }
        assertThat(api().get("/agent", "anna").body()).contains("<link rel=\"icon\" href=\"/favicon.svg\"");
        assertThat(api().get("/editor", "erik").body()).contains("<link rel=\"icon\" href=\"/favicon.svg\"");
    }
}
