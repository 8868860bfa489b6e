package io.lotse.web.system;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
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
 * JSON read as it is written: a duplicate key, or a value of another type than the field's (a number
 * for a text, a text for a number, a fraction for a whole number), is an error rather than quietly
 * taken; for every JSON the node reads, request bodies, chat frames and what it stored itself.
 *
 * <p>An unknown field is an error in request bodies only (answered 400 by {@link ApiErrors}). What the
 * node reads back from Redis may carry fields a newer node wrote during a rolling upgrade, and chat
 * frames from a newer widget may too; both ignore them.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictJsonReading() {
        return builder -> builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /** Spring MVC's JSON converter, with the node's mapper and unknown fields refused. */
    @Bean
    JacksonJsonHttpMessageConverter strictJsonBodies(JsonMapper json) {
        return new JacksonJsonHttpMessageConverter(json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
    }
}
