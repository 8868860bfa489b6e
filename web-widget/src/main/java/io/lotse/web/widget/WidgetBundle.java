package io.lotse.web.widget;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceTransformerChain;
import org.springframework.web.servlet.resource.TransformedResource;

/**
 * Serves {@code /widget.js} as one script that carries what it needs: DOMPurify, the product's
 * article sanitiser ({@code article-html.js}) and the widget itself, so that a site embedding the
 * widget still needs one {@code <script>} tag and nothing lands in its global scope.
 *
 * <p>DOMPurify's UMD wrapper is given a {@code module} of its own, so it exports there instead of
 * setting {@code window.DOMPurify}, where it could replace a page's own copy. Its license header stays
 * at the top of its part; the console pages load the same file from {@code /vendor/dompurify/}.
 */
@Configuration(proxyBeanMethods = false)
class WidgetBundle implements WebMvcConfigurer {

    static final String DOMPURIFY = "static/vendor/dompurify/purify.min.js";
    static final String ARTICLE_HTML = "static/article-html.js";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/widget.js")
                .addResourceLocations("classpath:/static/")
                .resourceChain(true)
                .addTransformer(WidgetBundle::bundle);
    }

    private static Resource bundle(HttpServletRequest request, Resource widget, ResourceTransformerChain chain) throws IOException {
        return new TransformedResource(widget, bundle(read(widget)).getBytes(StandardCharsets.UTF_8));
    }

    /** The widget's source with DOMPurify and the sanitiser before it, all in one block scope. */
    static String bundle(String widget) {
        return "/*! Lotse chat widget, carrying DOMPurify (c) Cure53 and other contributors, Apache License 2.0 and "
                + "Mozilla Public License 2.0: /vendor/dompurify/LICENSE, /vendor/dompurify/LICENSE-MPL */\n"
                + "{\n"
                + "const DOMPurify = (() => {\nconst module = { exports: {} };\nconst exports = module.exports;\nconst define = undefined;\n"
                + read(new ClassPathResource(DOMPURIFY))
                + "\nreturn module.exports;\n})();\n"
                + read(new ClassPathResource(ARTICLE_HTML))
                + "\n" + widget
                + "\n}\n";
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
