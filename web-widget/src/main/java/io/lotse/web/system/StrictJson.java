package io.lotse.web.system;

import org.springframework.context.annotation.Bean;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON from outside read as it is written: a duplicate key, or a value of another type than the
 * field's (a number for a text, a text for a number, a fraction for a whole number), is an error
 * rather than quietly taken; in request bodies (answered 400 by {@link ApiErrors}) and chat frames.
 *
 * <p>An unknown field is an error in request bodies only: chat frames from a newer widget may carry
 * fields this node does not know yet and are read all the same. What the node reads back from its
 * own store keeps the application's mapper, which stays tolerant: a newer node may have written more
 * during a rolling upgrade.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

    /** The mapper with strict reading: no duplicate keys, no coercion between texts, numbers and booleans. */
    public static JsonMapper strict(JsonMapper json) {
        return json.rebuild()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /**
     * Spring MVC's reader of JSON request bodies: the application's mapper, strict, and unknown fields
     * refused. It only reads: a converter bean comes before Spring's own ones, and writing with it
     * would turn a controller's bytes or text (the OpenAPI description) into a JSON string.
     */
    @Bean
    JacksonJsonHttpMessageConverter strictJsonBodies(JsonMapper json) {
        return new JacksonJsonHttpMessageConverter(strict(json).rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()) {
            @Override
            public boolean canWrite(ResolvableType type, Class<?> valueClass, MediaType mediaType) {
                return false;
            }

            @Override
            public boolean canWrite(Class<?> clazz, MediaType mediaType) {
                return false;
            }
        };
    }
}
