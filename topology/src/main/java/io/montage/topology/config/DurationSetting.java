package io.montage.topology.config;

import java.time.Duration;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A duration written the way people write them in a properties file: {@code 3h}, {@code 90m},
 * {@code 5ms}, {@code 45s} or ISO-8601 ({@code PT45S}). Kafka's {@link ConfigDef} has no duration
 * type (Kafka itself spells durations as {@code *.ms} longs), so Montage's duration settings are
 * strings checked by {@link #VALIDATOR} and read with {@link #parse}.
 */
final class DurationSetting {

    static final ConfigDef.Validator VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null) {
                parse(name, (String) value);
            }
        }

        @Override
        public String toString() {
            return "a duration such as 3h, 90m, 5ms or PT45S";
        }
    };

    private DurationSetting() {}

    static Duration parse(String name, String text) {
        String value = text.trim();
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(
                        Long.parseLong(value.substring(0, value.length() - 2).trim()));
            }
            return Duration.parse(value.startsWith("P") ? value : "PT" + value.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new ConfigException(name, text, "must be a duration such as 3h, 90m, 5ms or PT45S");
        }
    }
}
