package io.lotse.knowledge;

import java.util.Locale;

/** What kind of answer an article gives; written in lower case in files and JSON. */
public enum ArticleType {
    FAQ,
    TROUBLESHOOTING;

    /** The name used in files and JSON: {@code faq} or {@code troubleshooting}. */
    public String externalName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code faq} or {@code troubleshooting} (any case); {@code null} for anything else. */
    public static ArticleType fromExternalName(String value) {
        if (value == null) {
            return null;
        }
        for (ArticleType type : values()) {
            if (type.externalName().equalsIgnoreCase(value.trim())) {
                return type;
            }
        }
        return null;
    }
}
